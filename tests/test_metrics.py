import subprocess
import sys

import numpy as np
import pytest

from nnbook.metrics import accuracy, class_labels, confusion_matrix


def test_metrics_is_available_after_a_plain_import_which_loads_no_matplotlib():
    # The chapters call nn.metrics right after `import nnbook as nn`. A fresh interpreter: in this test session
    # another test may already have imported nnbook.plotting, which imports nnbook.metrics as a side effect and
    # would hide a missing import in __init__.
    code = (
        "import sys; import nnbook as nn; "
        "print(nn.metrics.accuracy([0, 1, 1, 0], [0, 1, 0, 0]), 'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0.75", "False"]


def test_hand_worked_example():
    # Six samples of three classes; four are right (the diagonal), a 0 taken for a 1 and a 2 for a 0.
    y_true = [0, 0, 1, 2, 2, 2]
    y_pred = [0, 1, 1, 2, 0, 2]
    C = confusion_matrix(y_true, y_pred)
    np.testing.assert_array_equal(C, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
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


def test_scores_are_read_as_the_class_of_the_largest():
    # What model.predict returns for 3 classes: the largest score of each row is the predicted class.
    scores = np.array([[2.0, -1.0, 0.5], [0.1, 0.3, 0.2], [-3.0, -2.0, -1.0], [1.0, 1.0, 0.0]])
    np.testing.assert_array_equal(class_labels(scores), [0, 1, 2, 0])  # a tie goes to the first
    assert accuracy([0, 1, 1, 0], scores) == 0.75
    np.testing.assert_array_equal(confusion_matrix([0, 1, 1, 0], scores), [[2, 0, 0], [0, 1, 1], [0, 0, 0]])


def test_one_column_of_probabilities_is_thresholded_at_one_half():
    p = np.array([[0.9], [0.2], [0.5], [0.51]])  # a sigmoid output
    np.testing.assert_array_equal(class_labels(p), [1, 0, 0, 1])
    assert accuracy([1, 0, 1, 1], p) == 0.75


def test_a_column_of_integers_is_labels_and_zeros_and_ones_read_the_same_either_way():
    np.testing.assert_array_equal(class_labels(np.array([[0.0], [2.0], [1.0]])), [0, 2, 1])
    np.testing.assert_array_equal(class_labels(np.array([[3], [0]])), [3, 0])
    # Saturated probabilities of exactly 0 and 1: labels, and thresholding would give the same.
    np.testing.assert_array_equal(class_labels(np.array([[1.0], [0.0]])), [1, 0])


def test_accuracy_of_a_network_in_one_call():
    import nnbook as nn

    X, y = nn.datasets.moons(n=40, seed=1)
    model = nn.mlp([2, 4, 2], seed=0)
    assert accuracy(y, model.predict(X)) == accuracy(y, model.predict(X).argmax(axis=1))


def test_class_labels_refuses_what_is_not_numbers():
    with pytest.raises(TypeError, match="y_pred must be numeric .*, got dtype <U1"):
        class_labels(np.array([["a"], ["b"]]))


@pytest.mark.parametrize(
    "y_true, y_pred, kwargs, match",
    [
        ([0, 1, 1], [0, 1], {}, "y_true and y_pred must have one label per sample each, got 3 and 2 labels"),
        (
            [0, 1],
            np.ones((2, 3, 1)),
            {},
            r"y_pred must be 1-D class labels of shape \(n_samples,\), got shape \(2, 3, 1\)",
        ),
        (
            [0, 1],
            [0.2, 0.9],
            {},
            r"y_pred of shape \(n,\) must hold integer class labels, got non-integer values from 0.2 to 0.9; "
            r"for probabilities of class 1 pass a column, y_pred.reshape\(-1, 1\), or threshold them",
        ),
        (
            [0, 1],
            [[-0.5], [2.5]],
            {},
            r"y_pred of shape \(n, 1\) must hold class labels or probabilities of class 1 in \[0, 1\] "
            r"\(a sigmoid output\), got values from -0.5 to 2.5; threshold scores yourself",
        ),
        ([0, 1], [[0.2, np.nan], [0.1, 0.3]], {}, "y_pred must be finite, but it contains 1 NaN"),
        ([0, 1], [[0.2], [np.inf]], {}, "y_pred must be finite, but it contains 1 NaN"),
        ([0, 1], [0.0, np.nan], {}, "y_pred must hold integer class labels"),
        ([0, -1], [0, 1], {}, "y_true must hold class labels >= 0, got -1"),
        ([0, 3], [0, 1], {"n_classes": 3}, "the labels must be below n_classes=3, got a label 3"),
        ([0, 1], [0, 1], {"n_classes": 0}, "n_classes must be a positive integer, got 0"),
        ([], [], {}, "y_true and y_pred are empty"),
    ],
)
def test_bad_input(y_true, y_pred, kwargs, match):
    with pytest.raises(ValueError, match=match):
        confusion_matrix(y_true, y_pred, **kwargs)
    if not kwargs:
        with pytest.raises(ValueError, match=match):
            accuracy(y_true, y_pred)
