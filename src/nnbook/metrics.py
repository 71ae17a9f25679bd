"""Scores for a classifier's predicted labels: accuracy and the confusion matrix (NumPy only).

Both take class labels, integers ``0 .. k-1``; turn a network's output into labels first, e.g.
``model.predict(X).argmax(axis=1)``.
"""

import numpy as np

from ._checks import check_labels, check_positive_int

__all__ = ["accuracy", "confusion_matrix"]


def _pair(y_true, y_pred):
    y_true, y_pred = check_labels(y_true, "y_true"), check_labels(y_pred, "y_pred")
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred must have one label per sample each, "
                         f"got {y_true.size} and {y_pred.size} labels")
    if y_true.size == 0:
        raise ValueError("y_true and y_pred are empty: there is nothing to score")
    return y_true, y_pred


def accuracy(y_true, y_pred):
    """Fraction of samples whose predicted label is the true one.

    .. math:: \\text{accuracy} = \\frac{1}{n} \\sum_{i=1}^{n} [\\hat y_i = y_i]

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        Integer class labels.

    Returns
    -------
    float in [0, 1]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(y_true == y_pred))


def confusion_matrix(y_true, y_pred, n_classes=None):
    """Count how often each true class was predicted as each class.

    ``C[i, j]`` is the number of samples of true class ``i`` predicted as class ``j``: the diagonal
    holds the correct predictions, each row sums to the size of its class.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        Integer class labels.
    n_classes : int or None
        Number of classes :math:`k`; by default one more than the largest label seen.

    Returns
    -------
    ndarray of shape (k, k), int
    """
    y_true, y_pred = _pair(y_true, y_pred)
    largest = int(max(y_true.max(), y_pred.max()))
    if n_classes is None:
        n_classes = largest + 1
    n_classes = check_positive_int(n_classes, "n_classes")
    if largest >= n_classes:
        raise ValueError(f"the labels must be below n_classes={n_classes}, got a label {largest}")
    # Each (true, predicted) pair becomes one cell index of the flattened k x k matrix.
    counts = np.bincount(y_true * n_classes + y_pred, minlength=n_classes * n_classes)
    return counts.reshape(n_classes, n_classes)
