import warnings

import numpy as np
import pytest

from finite_differences import numerical_gradient, relative_error
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
    with pytest.raises(
        ValueError,
        match=r"Unknown activation 'rel'\. Choose one of: identity, leaky_relu, relu, "
        r"sigmoid, softmax, step, tanh",
    ):
        activations.get("rel")


def test_wrong_types_are_rejected():
    with pytest.raises(TypeError, match="activation must be a name"):
        activations.get(3)
    with pytest.raises(TypeError, match="z must be a numeric array"):
        activations.relu(np.array(["a", "b"]))
    with pytest.raises(ValueError, match=r"slope must be a finite number in \[0, 1\), got 1.5"):
        activations.LeakyReLU(1.5)


def test_half_precision_is_computed_in_float64():
    z = np.ones((2, 2), dtype=np.float16)
    for name in activations.names():
        assert activations.get(name)(z).dtype == np.float64, name


# --- Non-finite and empty input, lists ------------------------------------------------------------------------


@pytest.mark.parametrize("name", activations.names())
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_input_is_refused_not_returned_as_nan(name, bad):
    f = activations.get(name)
    z = np.array([[0.5, bad, -1.0], [bad, 2.0, 0.1]])
    message = "z must be finite, but it contains 2 NaN or infinite value"
    with pytest.raises(ValueError, match=message):
        f(z)
    with pytest.raises(ValueError, match=message):
        f.derivative(z)
    with pytest.raises(ValueError, match=message):
        f.backward(z, np.ones_like(z))
    with pytest.raises(ValueError, match="grad must be finite, but it contains 2 NaN or infinite value"):
        f.backward(np.ones_like(z), z)


@pytest.mark.parametrize("call", ["__call__", "derivative", "backward"])
def test_softmax_of_an_empty_row_says_what_is_missing(call):
    z = np.zeros((2, 0))
    args = (z, z) if call == "backward" else (z,)
    with pytest.raises(
        ValueError,
        match=r"z must have at least one score per row \(softmax normalises over the last axis\), "
        r"got shape \(2, 0\)",
    ):
        getattr(activations.softmax, call)(*args)


def test_softmax_of_no_rows_is_no_rows():
    assert activations.softmax(np.zeros((0, 3))).shape == (0, 3)


@pytest.mark.parametrize("name", activations.names())
def test_backward_accepts_lists_as_the_forward_pass_does(name):
    f = activations.get(name)
    z, grad = [[1.0, -2.0, 0.5]], [[0.3, 2, -1]]
    np.testing.assert_allclose(f.backward(z, grad), f.backward(np.array(z), np.array(grad, dtype=float)))
    np.testing.assert_allclose(f(z), f(np.array(z)))


def test_backward_names_a_gradient_that_is_not_numbers():
    with pytest.raises(TypeError, match="grad must be a numeric array, got dtype <U"):
        activations.relu.backward([1.0, -1.0], ["a", "b"])


# --- Leaky ReLU's slope, titles and kinks ---------------------------------------------------------------------


def test_a_custom_leaky_relu_slope_is_its_derivative_for_negative_inputs():
    f = activations.LeakyReLU(0.2)
    assert f.derivative(-1.0) == 0.2 and f.derivative(3.0) == 1.0
    assert f.derivative(0.0) == 0.2  # z <= 0 takes the slope, as the formula says
    np.testing.assert_array_equal(f.backward([-1.0, -4.0, 2.0], [1.0, 2.0, 3.0]), [0.2, 0.4, 3.0])


@pytest.mark.parametrize("slope", [0.0, 0.2, 0.5])
def test_a_custom_leaky_relu_slope_matches_finite_differences(slope):
    # The default slope 0.01 would also give a small number here: a slope ignored by derivative() fails.
    f = activations.LeakyReLU(slope)
    z = _z(7)
    numeric = numerical_gradient(lambda t: f(t).sum(), z)
    assert relative_error(f.derivative(z), numeric) < 1e-7
    grad = np.random.default_rng(8).normal(size=z.shape)
    assert relative_error(f.backward(z, grad), grad * numeric) < 1e-7


def test_every_activation_has_a_title_for_readers():
    titles = {name: activations.get(name).title for name in activations.names()}
    assert titles == {
        "identity": "Identity",
        "leaky_relu": "Leaky ReLU",
        "relu": "ReLU",
        "sigmoid": "Sigmoid",
        "softmax": "Softmax",
        "step": "Step",
        "tanh": "Tanh",
    }
    assert activations.LeakyReLU(0.1).title == "Leaky ReLU"


def test_kinks_are_where_the_derivative_jumps():
    kinked = {name for name in activations.names() if activations.get(name).kinks}
    assert kinked == {"step", "relu", "leaky_relu"}
    for name in kinked:
        f = activations.get(name)
        for k in f.kinks:
            left, right = f.derivative(np.array([k - 1e-9, k + 1e-9]))
            # The slope jumps (ReLU, leaky ReLU), or f itself does (the step, whose slope is 0 on both sides).
            assert left != right or f(k - 1e-9) != f(k + 1e-9), name
