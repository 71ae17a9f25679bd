"""nn.gradcheck: it fails a wrong backpropagation, passes a right one, and says when points on a kink (z = 0 of
a ReLU) make a right one look wrong. The independent check of backpropagation itself is here too: the tests'
own finite differences, which share no code with nn.gradcheck."""

import warnings

import numpy as np
import pytest

import nnbook as nn
from finite_differences import numerical_gradient, relative_error
from nnbook.gradcheck import GradCheckWarning

# --- Points on a kink ------------------------------------------------------------------------------------------


def xor_relu_network():
    # The book's XOR data with a ReLU hidden layer: the inputs (0, 0) and the zero biases put all three hidden
    # pre-activations of the first sample exactly on the kink.
    X, y = nn.datasets.xor()
    return nn.mlp([2, 3, 2], hidden="relu", seed=0), X, y


def test_points_on_a_relu_kink_are_counted_and_warned_about():
    model, X, y = xor_relu_network()
    with pytest.warns(GradCheckWarning) as record:
        result = nn.gradcheck(model, X, y, "softmax_cross_entropy")
    assert result.n_near_kinks == 3
    assert result.max_relative_error == pytest.approx(0.187, abs=1e-3)  # large, for a correct backpropagation
    assert result.parameter == "layers[0].b"
    message = str(record[0].message)
    assert message.startswith("3 pre-activation(s) lie on or next to a kink of their activation (ReLU)")
    assert "rather than from a wrong backpropagation. Perturb the inputs slightly" in message
    assert str(result) == (
        "largest relative error 1.87e-01 (in layers[0].b); 3 pre-activation(s) lie on or next to a kink, "
        "where finite differences are unreliable"
    )


def test_perturbed_inputs_leave_the_kink_and_pass_without_a_warning():
    model, X, y = xor_relu_network()
    X = X + 1e-3 * np.random.default_rng(0).normal(size=X.shape)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = nn.gradcheck(model, X, y, "softmax_cross_entropy")
    assert result.n_near_kinks == 0 and result.max_relative_error < 1e-7
    assert str(result) == f"largest relative error {result.max_relative_error:.2e} (in {result.parameter})"


def test_a_pre_activation_next_to_the_kink_counts_and_one_further_away_does_not():
    layer = nn.Dense(1, 1, "relu")
    layer.W[:] = 1.0
    model = nn.Network([layer, nn.Dense(1, 1, rng=0)])
    X = np.array([[5e-6], [-1e-3], [2.0]])  # Z = X: within 10 eps of 0, then twice well away from it
    result = nn.gradcheck(model, X, np.ones((3, 1)), "mse")
    assert result.n_near_kinks == 1


def test_smooth_activations_have_no_kinks_even_at_zero():
    X, y = nn.datasets.xor()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = nn.gradcheck(nn.mlp([2, 3, 2], hidden="tanh", seed=0), X, y, "softmax_cross_entropy")
    assert result.n_near_kinks == 0 and result.max_relative_error < 1e-7


def test_no_warning_when_the_check_passes_despite_points_on_a_kink():
    # A ReLU unit that sits on its kink but whose output nobody uses: its gradient is 0 both ways.
    first = nn.Dense(1, 1, "relu")
    second = nn.Dense(1, 1, rng=0)
    second.W[:] = 0.0
    model = nn.Network([first, second])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = nn.gradcheck(model, np.zeros((2, 1)), np.ones((2, 1)), "mse")
    assert result.n_near_kinks == 2 and result.max_relative_error < 1e-7


# --- The check is not vacuous, and backpropagation is right independently of it ---------------------------------


class DoubledGradientDense(nn.Dense):
    """A dense layer whose backward pass reports twice the true dW: a wrong backpropagation to catch."""

    def backward(self, dA, *args, **kwargs):
        dA_prev = super().backward(dA, *args, **kwargs)
        self.dW *= 2
        return dA_prev


def test_a_wrong_backpropagation_gets_a_large_error():
    rng = np.random.default_rng(1)
    model = nn.Network([DoubledGradientDense(3, 4, "tanh", rng=2), nn.Dense(4, 2, rng=3)])
    result = nn.gradcheck(model, rng.normal(size=(5, 3)), rng.normal(size=(5, 2)), "mse")
    # |2g - g| / (|2g| + |g|) = 1/3 exactly, up to the finite differences' own error.
    assert result.parameter == "layers[0].W"
    assert result.errors["layers[0].W"] == pytest.approx(1 / 3, abs=1e-6)
    assert max(result.errors["layers[0].b"], result.errors["layers[1].W"], result.errors["layers[1].b"]) < 1e-7


@pytest.mark.parametrize("hidden", ["tanh", "sigmoid", "leaky_relu"])
def test_a_correct_network_passes_below_1e_7(hidden):
    rng = np.random.default_rng(2)
    model = nn.mlp([3, 4, 2], hidden=hidden, seed=4)
    result = nn.gradcheck(model, rng.normal(size=(6, 3)), rng.integers(0, 2, size=6), "softmax_cross_entropy")
    assert result.max_relative_error < 1e-7, result
    assert set(result.errors) == {"layers[0].W", "layers[0].b", "layers[1].W", "layers[1].b"}


def test_backpropagation_matches_the_tests_own_finite_differences():
    # Independent of nn.gradcheck: every parameter is nudged here, with the tests' finite differences.
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    model = nn.mlp([3, 4, 2], hidden="tanh", seed=5)
    loss = nn.losses.mse
    _, grad = loss.value_and_gradient(model.forward(X), y)
    model.backward(grad)
    for name, p, g in model.parameters():
        analytic = g.copy()

        def loss_at(value, p=p):
            saved = p.copy()
            p[...] = value
            try:
                return loss(model.forward(X), y)
            finally:
                p[...] = saved

        assert relative_error(analytic, numerical_gradient(loss_at, p)) < 1e-7, name


# --- Layers that act differently in training ---------------------------------------------------------------------


def test_dropout_is_checked_in_evaluation_mode_and_its_mode_restored():
    rng = np.random.default_rng(4)
    dropout = nn.Dropout(0.5, rng=0)
    model = nn.Network([nn.Dense(3, 4, "tanh", rng=1), dropout, nn.Dense(4, 1, rng=2)])
    result = nn.gradcheck(model, rng.normal(size=(6, 3)), rng.normal(size=(6, 1)), "mse")
    assert result.max_relative_error < 1e-7
    assert dropout.training is True
