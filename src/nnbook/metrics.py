"""Scores for a classifier: accuracy and the confusion matrix (NumPy only).

The true classes are integer labels ``0 .. k-1``. The predictions may be labels too, or the network's output
itself, so that ``accuracy(y, model.predict(X))`` is one call; :func:`class_labels` says how an output is read:

- shape (n, k) with k >= 2, class scores or probabilities: the class of the largest, ``argmax`` per row;
- shape (n, 1) of probabilities of class 1 (a sigmoid output): class 1 where :math:`p > 0.5`;
- shape (n,) or (n, 1) of integers: labels already.

Anything else (a column of scores outside [0, 1], a vector of non-integers) is refused with a message, never
guessed at.
"""

import numpy as np

from ._checks import check_finite, check_labels, check_positive_int

__all__ = ["accuracy", "confusion_matrix", "class_labels"]


def class_labels(y_pred, name="y_pred"):
    """The class labels that a classifier's output stands for.

    .. math:: \\hat y_i = \\arg\\max_k \\, s_{ik} \\quad\\text{(several columns)}, \\qquad
              \\hat y_i = [\\,p_i > 0.5\\,] \\quad\\text{(one column of probabilities)}

    Parameters
    ----------
    y_pred : array-like of shape (n_samples,), (n_samples, 1) or (n_samples, k)
        - (n, k), k >= 2: class scores or probabilities; the label is the column of the largest (the first
          one on a tie).
        - (n, 1) of numbers in [0, 1] that are not all integers: probabilities of class 1 (a sigmoid
          output); the label is 1 where :math:`p > 0.5`, else 0.
        - (n,) or (n, 1) of integers (integer-valued floats too): labels, returned as they are. A column of
          0s and 1s reads the same either way.
    name : str, default "y_pred"
        The argument's name in error messages.

    Returns
    -------
    ndarray of shape (n_samples,), int64

    Raises
    ------
    ValueError
        For NaN or infinite outputs; a column (n, 1) of non-integers outside [0, 1] (scores of a linear output:
        threshold them yourself, e.g. ``(y_pred > 0).astype(int)``); a vector (n,) of non-integers.
    """
    y = np.asarray(y_pred)
    if y.dtype.kind not in "fiub":
        raise TypeError(f"{name} must be numeric (labels, scores or probabilities), got dtype {y.dtype}")
    if y.ndim == 2 and y.dtype.kind == "f":
        check_finite(y, name)
    if y.ndim == 2 and y.shape[1] > 1:
        return y.argmax(axis=1).astype(np.int64)
    if y.ndim == 2 and y.shape[1] == 1 and y.dtype.kind == "f" and np.any(y != np.round(y)):
        if y.min() < 0 or y.max() > 1:
            raise ValueError(
                f"{name} of shape (n, 1) must hold class labels or probabilities of class 1 in [0, 1] "
                f"(a sigmoid output), got values from {y.min():.4g} to {y.max():.4g}; "
                f"threshold scores yourself, e.g. ({name} > 0).astype(int)"
            )
        return (y[:, 0] > 0.5).astype(np.int64)
    if y.ndim == 1 and y.dtype.kind == "f" and np.all(np.isfinite(y)) and np.any(y != np.round(y)):
        raise ValueError(
            f"{name} of shape (n,) must hold integer class labels, got non-integer values from "
            f"{y.min():.4g} to {y.max():.4g}; for probabilities of class 1 pass a column, "
            f"{name}.reshape(-1, 1), or threshold them, e.g. ({name} > 0.5).astype(int)"
        )
    return check_labels(y, name)


def _pair(y_true, y_pred):
    y_true, y_pred = check_labels(y_true, "y_true"), class_labels(y_pred, "y_pred")
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have one label per sample each, got {y_true.size} and {y_pred.size} labels"
        )
    if y_true.size == 0:
        raise ValueError("y_true and y_pred are empty: there is nothing to score")
    return y_true, y_pred


def accuracy(y_true, y_pred):
    """Fraction of samples whose predicted label is the true one.

    .. math:: \\text{accuracy} = \\frac{1}{n} \\sum_{i=1}^{n} [\\hat y_i = y_i]

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Integer class labels.
    y_pred : array-like of shape (n_samples,), (n_samples, 1) or (n_samples, k)
        Predicted labels, or the network's output read as :func:`class_labels` says, e.g.
        ``accuracy(y, model.predict(X))``.

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
    y_true : array-like of shape (n_samples,)
        Integer class labels.
    y_pred : array-like of shape (n_samples,), (n_samples, 1) or (n_samples, k)
        Predicted labels, or the network's output (see :func:`class_labels`).
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
