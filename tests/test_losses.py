import warnings

import numpy as np
import pytest

from finite_differences import numerical_gradient, relative_error
from nnbook import activations, losses


def _case(name, seed):
    rng = np.random.default_rng(seed)
    if name == "mse":
        return rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    if name == "binary_cross_entropy":
        return rng.uniform(0.05, 0.95, size=(5, 1)), rng.integers(0, 2, size=5)
    if name == "categorical_cross_entropy":
        return activations.softmax(rng.normal(size=(5, 4))), rng.integers(0, 4, size=5)
    return rng.normal(0, 3, size=(5, 4)), rng.integers(0, 4, size=5)  # logits


@pytest.mark.parametrize("name", losses.names())
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_matches_finite_differences(name, seed):
    loss = losses.get(name)
    y_pred, y = _case(name, seed)
    numeric = numerical_gradient(lambda p: loss(p, y), y_pred)
    assert relative_error(loss.gradient(y_pred, y), numeric) < 1e-7


def test_mse_is_the_seed_formula():
    y_hat, y = np.array([[1.0], [2.0], [4.0]]), np.array([1.5, 2.0, 3.0])
    assert losses.mse(y_hat, y) == pytest.approx(np.mean((y_hat[:, 0] - y) ** 2))


def test_softmax_cross_entropy_equals_softmax_then_cross_entropy():
    Z, y = _case("softmax_cross_entropy", 3)
    P = activations.softmax(Z)
    assert losses.softmax_cross_entropy(Z, y) == pytest.approx(losses.categorical_cross_entropy(P, y))
    # Chain rule through softmax gives the fused gradient (softmax - onehot) / N.
    chained = activations.softmax.backward(Z, losses.categorical_cross_entropy.gradient(P, y))
    fused = losses.softmax_cross_entropy.gradient(Z, y)
    np.testing.assert_allclose(fused, chained, atol=1e-12)
    np.testing.assert_allclose(fused, (P - losses.one_hot_targets(y, 4)) / len(y))


@pytest.mark.parametrize("name", ["categorical_cross_entropy", "softmax_cross_entropy"])
def test_labels_as_indices_or_one_hot_agree(name):
    y_pred, y = _case(name, 4)
    Y = losses.one_hot_targets(y, y_pred.shape[1])
    loss = losses.get(name)
    assert loss(y_pred, y) == pytest.approx(loss(y_pred, Y))
    np.testing.assert_allclose(loss.gradient(y_pred, y), loss.gradient(y_pred, Y))


def test_fused_loss_is_stable_for_huge_logits():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value, grad = losses.softmax_cross_entropy.value_and_gradient(np.array([[1000.0, -1000.0, 0.0]]), [1])
    assert value == pytest.approx(2000.0) and np.all(np.isfinite(grad))


def test_accuracy():
    assert losses.mse.accuracy(np.zeros((2, 1)), np.zeros(2)) is None
    assert losses.binary_cross_entropy.accuracy(np.array([[0.9], [0.2], [0.6]]), [1, 1, 0]) == pytest.approx(1 / 3)
    assert losses.softmax_cross_entropy.accuracy(np.array([[1.0, 2.0], [3.0, 0.0]]), [1, 1]) == 0.5


def test_unknown_loss_lists_the_valid_ones():
    with pytest.raises(
        ValueError,
        match="Unknown loss 'mae'. Choose one of: binary_cross_entropy, "
        "categorical_cross_entropy, mse, softmax_cross_entropy",
    ):
        losses.get("mae")


@pytest.mark.parametrize(
    "name, y_pred, y, match",
    [
        ("mse", np.zeros((3, 1)), np.zeros(2), "y must have one target per sample: y_pred has 3 rows"),
        ("mse", np.zeros((3, 2)), np.zeros((3, 3)), r"y must have the shape of y_pred \(3, 2\), got \(3, 3\)"),
        ("mse", np.zeros(3), np.zeros(3), r"y_pred must be 2-D"),
        (
            "softmax_cross_entropy",
            np.zeros((2, 3)),
            [0, 3],
            "class indices from 0 to 3, but the predictions have n_classes=3",
        ),
        ("categorical_cross_entropy", np.full((2, 3), 1 / 3), [0.5, 1.0], "y must hold integer class labels"),
        ("binary_cross_entropy", np.full((2, 1), 0.5), [0, 2], r"labels in \[0, 1\]"),
    ],
)
def test_bad_targets_are_rejected(name, y_pred, y, match):
    with pytest.raises(ValueError, match=match):
        losses.get(name)(y_pred, y)


def test_one_hot():
    Y = losses.one_hot(np.array([2, 0, 1, 2]))
    np.testing.assert_array_equal(Y, [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert Y.dtype == np.float64
    Y = losses.one_hot([1.0, 0.0], n_classes=4)
    np.testing.assert_array_equal(Y, [[0, 1, 0, 0], [1, 0, 0, 0]])
