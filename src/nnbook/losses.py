"""Loss functions: a number that says how wrong the predictions are, and its gradient.

Each loss is an object: ``loss(y_pred, y)`` gives :math:`\\mathcal{L}`, ``loss.gradient(y_pred, y)``
gives :math:`\\partial\\mathcal{L}/\\partial\\hat y` (same shape as ``y_pred``), averaged over the
:math:`N` samples so the learning rate does not depend on the batch size.
"""

import numpy as np

from ._checks import check_labels, check_matrix, check_positive_int, check_targets, lookup

__all__ = [
    "Loss",
    "mse",
    "binary_cross_entropy",
    "categorical_cross_entropy",
    "softmax_cross_entropy",
    "get",
    "names",
    "one_hot",
    "one_hot_targets",
]

_TINY = 1e-12  # keeps log() finite when a probability is exactly 0 or 1
# How far from 1 a row of probabilities may sum: above a float32 softmax's rounding and a gradient check's
# steps, far below the error of passing logits or unnormalised scores.
_SUM_TOLERANCE = 1e-4


def one_hot(y, n_classes=None):
    """Class indices to one-hot rows: :math:`Y_{ik} = 1` if :math:`y_i = k`, else 0.

    Parameters
    ----------
    y : array_like of shape (n,)
        Non-negative integer labels (integral floats such as ``1.0`` are accepted).
    n_classes : int > max(y), or None for ``max(y) + 1``

    Returns
    -------
    Y : ndarray of shape (n, n_classes), float64
    """
    y = check_labels(y, "y")
    k = check_positive_int(n_classes, "n_classes", allow_none=True)
    top = int(y.max()) if y.size else -1
    if k is None:
        k = top + 1
    elif top >= k:
        raise ValueError(f"n_classes must be greater than every label, got n_classes={k} and label {top}")
    Y = np.zeros((len(y), k))
    Y[np.arange(len(y)), y] = 1.0
    return Y


def _class_indices(y, n_classes, name="y"):
    y = check_labels(y, name)
    if y.size and y.max() >= n_classes:
        raise ValueError(
            f"{name} holds class indices from {y.min()} to {y.max()}, but the predictions have n_classes={n_classes}"
        )
    return y


def one_hot_targets(y, n_classes, name="y"):
    """Class indices of shape (N,) or one-hot rows of shape (N, n_classes) -> one-hot (N, n_classes).

    One-hot rows are checked: every entry 0 or 1, one 1 per row (a matrix of labels or scores that happens
    to have the right width would otherwise give a plausible but meaningless loss).
    """
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == n_classes:
        bad = ~((y == 0) | (y == 1)) | (y.sum(axis=1, keepdims=True) != 1)
        if bad.any():
            row = int(np.argwhere(bad)[0, 0])
            raise ValueError(
                f"{name} of shape {y.shape} must hold one-hot rows (0s and a single 1 per row), "
                f"got row {row} = {y[row].tolist()}; pass class indices of shape (N,) instead"
            )
        return y.astype(np.float64, copy=False)
    if y.ndim != 1:
        raise ValueError(
            f"{name} must be class indices of shape (N,) or one-hot of shape (N, {n_classes}), got shape {y.shape}"
        )
    return one_hot(_class_indices(y, n_classes, name), n_classes)


def _check_classes(shape, loss_name):
    # One output column is not a distribution over classes: its softmax is always 1, its loss always 0.
    if shape[1] < 2:
        raise ValueError(
            f"{loss_name} needs y_pred with one column per class, at least 2, got shape {shape}; "
            f"for two classes with a single output use a sigmoid and binary_cross_entropy"
        )


class Loss:
    """Base class of a loss. A loss of your own overrides :meth:`value_and_gradient`, and may override
    :meth:`check_predictions`, :meth:`check_targets` and :meth:`accuracy`: these are what
    :func:`~nnbook.training.fit` and :func:`~nnbook.gradcheck.gradcheck` call.

    The book's losses begin :meth:`value_and_gradient` with :meth:`check`, so that a misread target raises an
    error instead of giving a plausible number; on a batch the checks cost far less than the network's
    matrix products.

    Attributes
    ----------
    name : str
    latex : str
        The formula, for the book's tables.
    """

    name = ""
    latex = ""

    def value_and_gradient(self, y_pred, y):
        """Return the loss and its gradient with respect to ``y_pred``, in one pass.

        Parameters
        ----------
        y_pred : ndarray of shape (N, k)
        y : ndarray of shape (N,) or (N, k)
            The targets (see :meth:`check_targets`).

        Returns
        -------
        loss : float
        gradient : ndarray of shape (N, k)
        """
        raise NotImplementedError(f"{type(self).__name__} must define value_and_gradient(y_pred, y)")

    def check_predictions(self, y_pred):
        """Return finite predictions of shape (N, k), or raise ValueError if this loss cannot take them (e.g.
        probabilities outside [0, 1])."""
        return y_pred

    def check_targets(self, y, shape, name="y"):
        """Return finite targets ``y`` (one per sample) in the form the loss computes with, for predictions of
        ``shape``, or raise ValueError naming ``name``."""
        return y

    def accuracy(self, y_pred, y):
        """Fraction of correct class predictions, or None for a regression loss."""
        return None

    def check(self, y_pred, y):
        """Return ``y_pred`` and ``y`` checked and in the form the loss computes with, or raise ValueError."""
        y_pred = self.check_predictions(check_matrix(y_pred, "y_pred", finite=True))
        y = check_targets(y, y_pred.shape[0], rows_of="y_pred")
        return y_pred, self.check_targets(y, y_pred.shape)

    def __call__(self, y_pred, y):
        """The loss value :math:`\\mathcal{L}` (a float) for predictions ``y_pred`` and targets ``y``."""
        return self.value_and_gradient(y_pred, y)[0]

    def gradient(self, y_pred, y):
        """:math:`\\partial\\mathcal{L}/\\partial\\hat y`, an array of the same shape as ``y_pred``."""
        return self.value_and_gradient(y_pred, y)[1]

    def __repr__(self):
        return f"<loss {self.name}>"


class MeanSquaredError(Loss):
    """Mean squared error over all outputs, the regression loss; gradient :math:`2(\\hat y - y)/(N k)`."""

    name = "mse"
    latex = r"\mathcal{L} = \frac{1}{N}\sum_{i=1}^{N} \bigl(\hat y_i - y_i\bigr)^2"

    def check_targets(self, y, shape, name="y"):
        target = y[:, None] if y.ndim == 1 else y  # one target per sample: a column, like y_pred
        if target.shape != tuple(shape):
            raise ValueError(f"{name} must have the shape of y_pred {tuple(shape)}, got {y.shape}")
        return target.astype(np.float64, copy=False) if target.dtype.kind != "f" else target

    def value_and_gradient(self, y_pred, y):
        y_pred, y = self.check(y_pred, y)
        error = y_pred - y
        return float(np.mean(error**2)), (2.0 / error.size) * error


class BinaryCrossEntropy(Loss):
    """Binary cross-entropy of probabilities :math:`p` (a sigmoid output) and 0/1 labels."""

    name = "binary_cross_entropy"
    latex = r"\mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N} \bigl[y_i \log p_i + (1 - y_i)\log(1 - p_i)\bigr]"

    def check_predictions(self, p):
        if p.min() < 0 or p.max() > 1:
            raise ValueError(
                f"y_pred must be probabilities in [0, 1] for binary cross-entropy (e.g. a sigmoid "
                f"output), got values from {p.min():.4g} to {p.max():.4g}"
            )
        return p

    def check_targets(self, y, shape, name="y"):
        if y.size != np.prod(shape):
            raise ValueError(f"{name} must hold one 0/1 label per probability, shape {tuple(shape)}, got {y.shape}")
        y = y.reshape(shape)
        if np.any((y < 0) | (y > 1)):
            raise ValueError(
                f"{name} for binary cross-entropy must hold labels in [0, 1], got values from {y.min()} to {y.max()}"
            )
        return y

    def value_and_gradient(self, p, y):
        p, y = self.check(p, y)
        p = np.clip(p, _TINY, 1 - _TINY)
        value = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        return float(value), (p - y) / (p * (1 - p) * p.size)

    def accuracy(self, p, y):
        return float(np.mean((np.reshape(p, -1) > 0.5) == (np.reshape(y, -1) > 0.5)))


class CategoricalCrossEntropy(Loss):
    """Cross-entropy of rows of class probabilities (a softmax output) and class labels or one-hot rows."""

    name = "categorical_cross_entropy"
    latex = r"\mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N}\sum_{k} y_{ik} \log p_{ik}"

    def check_predictions(self, p):
        _check_classes(p.shape, self.name)
        sums = p.sum(axis=1)
        if p.min() < 0 or p.max() > 1 or np.abs(sums - 1).max() > _SUM_TOLERANCE:
            raise ValueError(
                f"y_pred must be probabilities for categorical cross-entropy: rows of numbers in "
                f"[0, 1] that sum to 1 (e.g. a softmax output), got values from {p.min():.4g} to "
                f"{p.max():.4g} and row sums from {sums.min():.4g} to {sums.max():.4g}"
            )
        return p

    def check_targets(self, y, shape, name="y"):
        _check_classes(shape, self.name)
        return one_hot_targets(y, shape[1], name)

    def value_and_gradient(self, p, Y):
        p, Y = self.check(p, Y)
        p = np.maximum(p, _TINY)
        return float(-np.sum(Y * np.log(p)) / p.shape[0]), -Y / (p * p.shape[0])

    def accuracy(self, p, y):
        y = np.asarray(y)
        labels = y if y.ndim == 1 else y.argmax(axis=1)
        return np.count_nonzero(np.argmax(p, axis=1) == labels) / len(labels)  # the mean, a little faster


class SoftmaxCrossEntropy(CategoricalCrossEntropy):
    """Softmax and cross-entropy fused, taking logits :math:`z` (the output of an identity layer).

    Fusing them is stable (log-softmax never takes the log of 0) and the gradient is simply
    :math:`(\\mathrm{softmax}(z) - y)/N`.
    """

    name = "softmax_cross_entropy"
    latex = r"\mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N}\sum_{k} y_{ik} \log \mathrm{softmax}(z_i)_k"

    def check_predictions(self, Z):
        _check_classes(Z.shape, self.name)
        return Z  # logits: any finite numbers

    def check_targets(self, y, shape, name="y"):
        _check_classes(shape, self.name)
        if y.ndim == 1 and y.dtype.kind in "iu":
            return _class_indices(y, shape[1], name)  # integer labels stay indices: no one-hot matrix is built
        return one_hot_targets(y, shape[1], name)

    def value_and_gradient(self, Z, y):
        Z, y = self.check(Z, y)
        n = Z.shape[0]
        shifted = Z - Z.max(axis=1, keepdims=True)
        log_softmax = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        grad = np.exp(log_softmax)  # softmax(Z); minus the one-hot targets below, it is the gradient
        if y.ndim == 1:
            # Class indices: pick one log-probability per row instead of building a one-hot matrix.
            rows = np.arange(n)
            value = -log_softmax[rows, y].sum() / n
            grad[rows, y] -= 1.0
        else:
            value = -np.sum(y * log_softmax) / n
            grad -= y
        return float(value), grad / n


#: Mean squared error, the regression loss.
mse = MeanSquaredError()
#: Binary cross-entropy, for one sigmoid output.
binary_cross_entropy = BinaryCrossEntropy()
#: Categorical cross-entropy, for softmax probabilities.
categorical_cross_entropy = CategoricalCrossEntropy()
#: Softmax and cross-entropy fused, from logits.
softmax_cross_entropy = SoftmaxCrossEntropy()

_REGISTRY = {loss.name: loss for loss in (mse, binary_cross_entropy, categorical_cross_entropy, softmax_cross_entropy)}


def names():
    """Return the registered loss names, sorted."""
    return sorted(_REGISTRY)


def get(loss):
    """Look up a loss by name (or pass a :class:`Loss` through).

    Parameters
    ----------
    loss : str or Loss
        One of :func:`names`.

    Returns
    -------
    Loss
    """
    return lookup(loss, _REGISTRY, "loss", Loss)
