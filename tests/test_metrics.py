import numpy as np
import pytest

from nnbook.metrics import accuracy, confusion_matrix


def test_hand_worked_example():
    # Six samples of three classes; four are right (the diagonal), a 0 taken for a 1 and a 2 for a 0.
    y_true = [0, 0, 1, 2, 2, 2]
    y_pred = [0, 1, 1, 2, 0, 2]
    C = confusion_matrix(y_true, y_pred)
    np.testing.assert_array_equal(C, [[1, 1, 0],
                                      [0, 1, 0],
                                      [1, 0, 2]])
    assert C.dtype.kind == "i"
    assert accuracy(y_true, y_pred) == 4 / 6


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rows_count_the_classes_and_the_diagonal_is_the_accuracy(seed):
    rng = np.random.default_rng(seed)
    y_true, y_pred = rng.integers(0, 4, size=50), rng.integers(0, 4, size=50)
    C = confusion_matrix(y_true, y_pred, n_classes=4)
    np.testing.assert_array_equal(C.sum(axis=1), np.bincount(y_true, minlength=4))
    np.testing.assert_array_equal(C.sum(axis=0), np.bincount(y_pred, minlength=4))
    assert np.trace(C) / C.sum() == accuracy(y_true, y_pred)


def test_n_classes_adds_empty_classes():
    C = confusion_matrix([0, 1], [0, 1], n_classes=4)
    assert C.shape == (4, 4)
    assert C.sum() == 2 and C[0, 0] == C[1, 1] == 1


def test_columns_and_integral_floats_are_labels():
    assert confusion_matrix(np.array([[0], [1]]), np.array([0.0, 1.0])).tolist() == [[1, 0], [0, 1]]
    assert accuracy(np.array([[1], [1]]), [1, 0]) == 0.5


@pytest.mark.parametrize("y_true, y_pred, kwargs, match", [
    ([0, 1, 1], [0, 1], {}, "y_true and y_pred must have one label per sample each, got 3 and 2 labels"),
    ([0, 1], np.ones((2, 3)), {}, r"y_pred must be 1-D class labels of shape \(n_samples,\), got shape \(2, 3\)"),
    ([0, 1], [0.2, 0.9], {}, "y_pred must hold integer class labels 0, 1, ..., got dtype float64"),
    ([0, -1], [0, 1], {}, "y_true must hold class labels >= 0, got -1"),
    ([0, 3], [0, 1], {"n_classes": 3}, "the labels must be below n_classes=3, got a label 3"),
    ([0, 1], [0, 1], {"n_classes": 0}, "n_classes must be a positive integer, got 0"),
    ([], [], {}, "y_true and y_pred are empty"),
])
def test_bad_input(y_true, y_pred, kwargs, match):
    with pytest.raises(ValueError, match=match):
        confusion_matrix(y_true, y_pred, **kwargs)
    if not kwargs:
        with pytest.raises(ValueError, match=match):
            accuracy(y_true, y_pred)
