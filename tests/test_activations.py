import warnings

import numpy as np
import pytest

from conftest import numerical_gradient, relative_error
from nnbook import activations

ELEMENTWISE = ["identity", "step", "sigmoid", "tanh", "relu", "leaky_relu"]


def _z(seed=0, shape=(5, 4)):
    z = np.random.default_rng(seed).normal(0, 2, size=shape)
    # Keep away from the kinks of step/ReLU at 0, where finite differences straddle two slopes.
    return np.where(np.abs(z) < 1e-3, 0.5, z)


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize("seed", [0, 1])
def test_derivative_matches_finite_differences(name, seed):
    f = activations.get(name)
    z = _z(seed)
    numeric = numerical_gradient(lambda t: f(t).sum(), z)
    assert relative_error(f.derivative(z), numeric) < 1e-7


@pytest.mark.parametrize("name", ELEMENTWISE + ["softmax"])
@pytest.mark.parametrize("seed", [0, 1])
def test_backward_matches_finite_differences(name, seed):
    f = activations.get(name)
    z = _z(seed)
    grad = np.random.default_rng(seed + 10).normal(size=z.shape)  # a stand-in for dL/da
    numeric = numerical_gradient(lambda t: np.sum(f(t) * grad), z)
    assert relative_error(f.backward(z, grad), numeric) < 1e-7


def test_softmax_derivative_is_the_rowwise_jacobian():
    z = _z(3, (3, 4))
    J = activations.softmax.derivative(z)
    assert J.shape == (3, 4, 4)
    grad = np.random.default_rng(4).normal(size=z.shape)
    np.testing.assert_allclose(np.einsum("nk,nkj->nj", grad, J), activations.softmax.backward(z, grad))


def test_known_values():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(activations.sigmoid(z), 1 / (1 + np.exp(-z)))
    np.testing.assert_array_equal(activations.relu(z), [0, 0, 3])
    np.testing.assert_array_equal(activations.step(z), [0, 0, 1])
    np.testing.assert_allclose(activations.leaky_relu(z), [-0.02, 0, 3])
    np.testing.assert_allclose(activations.tanh(z), np.tanh(z))
    np.testing.assert_array_equal(activations.step.derivative(z), [0, 0, 0])


def test_leaky_relu_default_slope_and_custom_slope():
    assert activations.leaky_relu.slope == 0.01
    assert activations.LeakyReLU(0.2)(np.array([-1.0]))[0] == pytest.approx(-0.2)


def test_softmax_rows_are_probabilities():
    p = activations.softmax(_z(5, (6, 3)))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert np.all(p > 0)


def test_extreme_inputs_are_finite_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = activations.sigmoid(np.array([-1000.0, 1000.0]))
        p = activations.softmax(np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0]]))
        d = activations.sigmoid.derivative(np.array([-1000.0, 1000.0]))
    np.testing.assert_allclose(s, [0.0, 1.0])
    assert np.all(np.isfinite(p)) and np.all(np.isfinite(d))
    np.testing.assert_allclose(p[0], activations.softmax(np.array([0.0, 1.0, 2.0])))


def test_float32_is_kept():
    z = np.ones((2, 2), dtype=np.float32)
    for name in activations.names():
        assert activations.get(name)(z).dtype == np.float32, name


@pytest.mark.parametrize("name", activations.names())
def test_registry_carries_what_the_book_tables_need(name):
    f = activations.get(name)
    assert f.name == name
    assert activations.get(f) is f
    assert f.latex.startswith("f(z)") and f.derivative_latex and f.use


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match=r"Unknown activation 'rel'\. Choose one of: identity, leaky_relu, relu, "
                                         r"sigmoid, softmax, step, tanh"):
        activations.get("rel")


def test_wrong_types_are_rejected():
    with pytest.raises(TypeError, match="activation must be a name"):
        activations.get(3)
    with pytest.raises(TypeError, match="z must be a numeric array"):
        activations.relu(np.array(["a", "b"]))
    with pytest.raises(ValueError, match=r"slope must be a number in \[0, 1\), got 1.5"):
        activations.LeakyReLU(1.5)


def test_half_precision_is_computed_in_float64():
    z = np.ones((2, 2), dtype=np.float16)
    for name in activations.names():
        assert activations.get(name)(z).dtype == np.float64, name
