"""Every public entry point refuses bad input with a message that names the argument, what was expected and
what was received, rather than failing deep inside NumPy or, worse, returning a wrong answer."""

import numpy as np
import pytest

import nnbook as nn


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda: nn.Dense(0, 2), ValueError, "n_in must be a positive integer, got 0"),
        (lambda: nn.Dense(2, 2.5), ValueError, "n_out must be a positive integer, got 2.5"),
        (lambda: nn.Dense(2, 2, "rel"), ValueError, "Unknown activation 'rel'"),
        (
            lambda: nn.Dense(2, 2, init="uniform"),
            ValueError,
            "Unknown init 'uniform'. Choose one of: glorot, he, normal, xavier, zeros",
        ),
        (lambda: nn.Dense(2, 2, rng="seed"), TypeError, "rng must be None, an int seed or a numpy Generator, got str"),
        (lambda: nn.Dense(2, 2, dtype=np.int32), ValueError, "dtype must be float32 or float64, got int32"),
        (lambda: nn.Network([]), ValueError, "layers must contain at least one layer"),
        (
            lambda: nn.Network([nn.Dense(2, 3), nn.Dense(4, 1)]),
            ValueError,
            r"layers\[0\] has n_out=3 but layers\[1\] has n_in=4",
        ),
        (
            lambda: nn.Network([nn.Dense(2, 3), "relu"]),
            TypeError,
            r"layers\[1\] must be a layer with forward, backward and parameters methods, got str",
        ),
        (
            lambda: nn.mlp([3]),
            ValueError,
            r"sizes must be a list of at least 2 layer sizes, e.g. \[2, 3, 1\], got \[3\]",
        ),
        (lambda: nn.mlp(5), ValueError, "sizes must be a list of at least 2 layer sizes, .* got 5"),
        (lambda: nn.mlp([2, 2], seed="a"), TypeError, "seed must be None, an int seed or a numpy Generator, got str"),
        (lambda: nn.mlp([2, 2], seed=-1), ValueError, r"seed must be None or an integer >= 0, got -1"),
        (lambda: nn.Dense(2, 2, init=["he"]), TypeError, r"init must be a name \(a str\), got list"),
        (lambda: nn.Dense(2, 2, dtype="banana"), ValueError, "dtype must be float32 or float64, got 'banana'"),
        (
            lambda: nn.Network(nn.Dense(2, 2)),
            TypeError,
            r"layers must be a list of layers, got Dense \(a single layer goes in a list: Network\(\[layer\]\)\)",
        ),
        (lambda: nn.mlp([3, -1, 2]), ValueError, r"sizes\[1\] must be a positive integer, got -1"),
        (lambda: nn.mlp([3, 2], hidden="swish"), ValueError, "Unknown activation 'swish'"),
    ],
)
def test_construction(make, error, match):
    with pytest.raises(error, match=match):
        make()


@pytest.mark.parametrize(
    "X, match",
    [
        (np.ones((4, 3)), "X has 3 features, but this network expects n_in=2"),
        (np.ones(2), r"X must be 2-D of shape \(n_samples, n_features\), got shape \(2,\)"),
        (np.array([[1.0, np.nan]]), "X must be finite, but it contains 1 NaN or infinite value"),
    ],
)
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


def test_layer_forward_refuses_nan():
    with pytest.raises(ValueError, match="A must be finite, but it contains 1 NaN or infinite value"):
        nn.Dense(2, 2).forward([[np.nan, 1.0]])


def test_activation_backward_needs_a_gradient_of_the_shape_of_z():
    with pytest.raises(ValueError, match=r"grad must have the shape of z \(2, 3\), got \(3,\)"):
        nn.activations.relu.backward(np.ones((2, 3)), np.ones(3))


def test_leaky_relu_slope_is_any_real_number_in_range_but_not_a_bool():
    assert nn.activations.LeakyReLU(np.float32(0.2)).slope == pytest.approx(0.2)
    with pytest.raises(ValueError, match=r"slope must be a finite number in \[0, 1\), got True"):
        nn.activations.LeakyReLU(True)


# --- gradcheck ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model, y, error, match",
    [
        (
            lambda: nn.mlp([2, 2, 1], seed=0),
            np.ones(5),
            ValueError,
            r"y must have one target per sample: X has 3 rows, y has shape \(5,\)",
        ),
        (
            lambda: nn.mlp([2, 3, 1], seed=0, dtype=np.float32),
            np.ones(3),
            ValueError,
            "model must be float64 for a gradient check, got parameters of dtype float32",
        ),
        (lambda: "m", np.ones(3), TypeError, "model must be a Network, e.g. nn.mlp\\(\\[2, 8, 1\\]\\), got str"),
    ],
)
def test_gradcheck_refuses_what_it_cannot_check(model, y, error, match):
    with pytest.raises(error, match=match):
        nn.gradcheck(model(), np.ones((3, 2)), y, "mse")


# --- losses -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", nn.losses.names())
@pytest.mark.parametrize("where", ["y_pred", "y"])
def test_every_loss_refuses_nan(name, where):
    y_pred, y = np.full((2, 2), 0.5), np.array([0, 1])
    if where == "y_pred":
        y_pred[0, 0] = np.nan
    else:
        y = y_pred.copy() if name == "mse" else np.eye(2)  # float targets, which can hold a NaN
        y[1, 1] = np.nan
    with pytest.raises(ValueError, match=f"{where} must be finite, but it contains 1 NaN"):
        nn.losses.get(name)(y_pred, y)


@pytest.mark.parametrize(
    "loss, y_pred, y, match",
    [
        (
            nn.losses.binary_cross_entropy,
            [[3.0], [-2.0]],
            [1, 0],
            r"y_pred must be probabilities in \[0, 1\] for binary cross-entropy .*got values from -2 to 3",
        ),
        (
            nn.losses.categorical_cross_entropy,
            [[3.0, -2.0]],
            [0],
            r"y_pred must be probabilities for categorical cross-entropy: rows of numbers in \[0, 1\] that sum to 1",
        ),
        (nn.losses.categorical_cross_entropy, [[0.5, 0.3]], [0], "row sums from 0.8 to 0.8"),
        (nn.losses.mse, np.zeros((3, 2)), np.zeros(3), r"y must have the shape of y_pred \(3, 2\), got \(3,\)"),
        (
            nn.losses.softmax_cross_entropy,
            np.zeros((0, 2)),
            np.zeros(0, int),
            r"y_pred must hold at least one sample \(row\), got shape \(0, 2\)",
        ),
    ],
)
def test_losses_refuse_predictions_they_cannot_score(loss, y_pred, y, match):
    with pytest.raises(ValueError, match=match):
        loss(np.asarray(y_pred, dtype=float), y)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: nn.losses.one_hot([0, -1]), "y must hold class labels >= 0, got -1"),
        (lambda: nn.losses.one_hot([0.5, 1]), "y must hold integer class labels 0, 1, ..., got dtype float64"),
        (lambda: nn.losses.one_hot([0, np.inf]), "y must hold integer class labels"),
        (lambda: nn.losses.one_hot(np.zeros((2, 2), int)), r"y must be 1-D .*got shape \(2, 2\)"),
        (
            lambda: nn.losses.one_hot([0, 3], n_classes=3),
            "n_classes must be greater than every label, got n_classes=3 and label 3",
        ),
        (lambda: nn.losses.one_hot([0, 1], n_classes=0), "n_classes must be a positive integer, got 0"),
    ],
)
def test_one_hot_refuses_what_is_not_a_class_label(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- fit ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model, X, y, kwargs, error, match",
    [
        ("m", np.ones((4, 2)), np.zeros(4), {}, TypeError, "model must be a Network, .*got str"),
        (
            None,
            np.empty((0, 2)),
            np.empty(0),
            {},
            ValueError,
            r"X must hold at least one sample \(row\), got shape \(0, 2\)",
        ),
        (
            None,
            np.ones((4, 2)),
            np.zeros(4),
            {"seed": "a"},
            TypeError,
            "seed must be None, an int seed or a numpy Generator",
        ),
        (
            None,
            np.array([[9.0, -9.0], [-9.0, 9.0], [9.0, 9.0], [-9.0, -9.0]]),
            np.zeros(4),
            {"loss": "binary_cross_entropy"},
            ValueError,
            r"y_pred must be probabilities in \[0, 1\] for binary",
        ),
        (
            nn.mlp([2, 3, 3], seed=0),
            np.ones((4, 2)),
            np.array([0, 1, 2, 1.5]),
            {"loss": "softmax_cross_entropy"},
            ValueError,
            "y must hold integer class labels",
        ),
        (
            None,
            np.ones((4, 2)),
            np.zeros(4),
            {"log_extra": "w"},
            TypeError,
            "log_extra must be a function of the model",
        ),
    ],
)
def test_fit_refuses_what_it_cannot_train(model, X, y, kwargs, error, match):
    model = nn.mlp([2, 3, 1], seed=0) if model is None else model  # identity output: scores, not probabilities
    with pytest.raises(error, match=match):
        nn.fit(model, X, y, epochs=1, **kwargs)


def test_fit_refuses_an_assigned_array_of_the_wrong_shape():
    model = nn.mlp([2, 8, 1], seed=0)
    model.layers[0].W = np.ones((3, 3))
    with pytest.raises(ValueError, match=r"W must have shape \(8, 2\) in a Dense\(2, 8\) layer, got \(3, 3\)"):
        nn.fit(model, np.ones((4, 2)), np.zeros(4), epochs=1)


# --- data sets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: nn.datasets.moons(seed="a"),
        lambda: nn.datasets.spirals(seed=1.5),
        lambda: nn.datasets.train_test_split(np.ones((10, 2)), np.zeros(10), seed="a"),
        lambda: nn.datasets.linear(seed="a"),
    ],
)
def test_seeds_must_be_integers(call):
    with pytest.raises(TypeError, match="seed must be None"):
        call()
