"""Every public entry point of the layers and networks refuses bad input with a message that says what is wrong."""

import numpy as np
import pytest

import nnbook as nn


@pytest.mark.parametrize("make, error, match", [
    (lambda: nn.Dense(0, 2), ValueError, "n_in must be a positive integer, got 0"),
    (lambda: nn.Dense(2, 2.5), ValueError, "n_out must be a positive integer, got 2.5"),
    (lambda: nn.Dense(2, 2, "rel"), ValueError, "Unknown activation 'rel'"),
    (lambda: nn.Dense(2, 2, init="uniform"), ValueError, "Unknown init 'uniform'. Choose one of: glorot, he, normal, xavier, zeros"),
    (lambda: nn.Dense(2, 2, rng="seed"), TypeError, "rng must be None, an int seed or a numpy Generator, got str"),
    (lambda: nn.Dense(2, 2, dtype=np.int32), ValueError, "dtype must be float32 or float64, got int32"),
    (lambda: nn.Network([]), ValueError, "layers must contain at least one layer"),
    (lambda: nn.Network([nn.Dense(2, 3), nn.Dense(4, 1)]), ValueError, r"layers\[0\] has n_out=3 but layers\[1\] has n_in=4"),
    (lambda: nn.Network([nn.Dense(2, 3), "relu"]), TypeError, r"layers\[1\] must be a Dense layer, got str"),
    (lambda: nn.mlp([3]), ValueError, "sizes must list at least an input and an output size"),
    (lambda: nn.mlp([3, -1, 2]), ValueError, r"sizes\[1\] must be a positive integer, got -1"),
    (lambda: nn.mlp([3, 2], hidden="swish"), ValueError, "Unknown activation 'swish'"),
])
def test_construction(make, error, match):
    with pytest.raises(error, match=match):
        make()


@pytest.mark.parametrize("X, match", [
    (np.ones((4, 3)), "X has 3 features, but this network expects n_in=2"),
    (np.ones(2), r"X must be 2-D of shape \(n_samples, n_features\), got shape \(2,\)"),
    (np.array([[1.0, np.nan]]), "X must be finite, but it contains 1 NaN or infinite value"),
])
def test_network_forward(X, match):
    with pytest.raises(ValueError, match=match):
        nn.mlp([2, 3, 1], seed=0).forward(X)


def test_layer_forward_names_n_in():
    with pytest.raises(ValueError, match="A has 3 features, but this layer expects n_in=2"):
        nn.Dense(2, 1).forward(np.ones((5, 3)))


def test_layer_backward_checks_order_and_shape():
    layer = nn.Dense(2, 3)
    with pytest.raises(ValueError, match=r"backward\(\) was called before forward\(\)"):
        layer.backward(np.ones((1, 3)))
    layer.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match="dA has 2 features, but this layer's output has n_out=3"):
        layer.backward(np.ones((4, 2)))
    with pytest.raises(ValueError, match="dA has 5 rows, but 4 were expected"):
        layer.backward(np.ones((5, 3)))


def test_gradcheck_checks_its_input():
    model = nn.mlp([2, 2, 1], seed=0)
    with pytest.raises(ValueError, match="X has 1 features, but the model expects n_in=2"):
        nn.gradcheck(model, np.ones((3, 1)), np.ones(3), "mse")
    with pytest.raises(ValueError, match="eps must be a finite number > 0, got 0"):
        nn.gradcheck(model, np.ones((3, 2)), np.ones(3), "mse", eps=0)
