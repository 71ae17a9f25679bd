"""Loss functions: a number that says how wrong the predictions are, and its gradient.

Each loss is an object: ``loss(y_pred, y)`` gives :math:`\\mathcal{L}`, ``loss.gradient(y_pred, y)``
gives :math:`\\partial\\mathcal{L}/\\partial\\hat y` (same shape as ``y_pred``), averaged over the
:math:`N` samples so the learning rate does not depend on the batch size.
"""

import numpy as np

from ._checks import check_labels, check_matrix, check_positive_int, check_targets, lookup

__all__ = ["Loss", "mse", "binary_cross_entropy", "categorical_cross_entropy",
           "softmax_cross_entropy", "get", "names", "one_hot", "one_hot_targets"]

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
        raise ValueError(f"{name} holds class indices from {y.min()} to {y.max()}, "
                         f"but the predictions have n_classes={n_classes}")
    return y


def one_hot_targets(y, n_classes, name="y"):
    """Class indices of shape (N,) or one-hot rows of shape (N, n_classes) -> one-hot (N, n_classes)."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == n_classes:
        return y.astype(np.float64, copy=False)
    if y.ndim != 1:
        raise ValueError(f"{name} must be class indices of shape (N,) or one-hot of shape (N, {n_classes}), "
                         f"got shape {y.shape}")
    return one_hot(_class_indices(y, n_classes, name), n_classes)


class Loss:
    """Base class. Subclasses implement ``_value_and_gradient`` on checked arrays, and may add rules of their
    own to :meth:`check`.

    Attributes
    ----------
    name : str
    latex : str
        The formula, for the book's tables.
    classification : bool
        Whether :meth:`accuracy` applies.
    """

    name = ""
    latex = ""
    classification = False

    def __call__(self, y_pred, y):
        """The loss value :math:`\\mathcal{L}` (a float) for predictions ``y_pred`` and targets ``y``."""
        return self.value_and_gradient(y_pred, y)[0]

    def gradient(self, y_pred, y):
        """:math:`\\partial\\mathcal{L}/\\partial\\hat y`, an array of the same shape as ``y_pred``."""
        return self.value_and_gradient(y_pred, y)[1]

    def value_and_gradient(self, y_pred, y):
        """Return ``(loss, gradient)`` in one pass.

        Parameters
        ----------
        y_pred : ndarray of shape (N, k), finite
        y : ndarray of shape (N,) or (N, k)
            The targets, as the loss expects them (see :meth:`check`).

        Returns
        -------
        loss : float
        gradient : ndarray of shape (N, k)
        """
        return self._value_and_gradient(*self.check(y_pred, y))

    def accuracy(self, y_pred, y):
        """Fraction of correct class predictions, or None for a regression loss."""
        return self._accuracy(*self.check(y_pred, y))

    def check(self, y_pred, y):
        """Return ``y_pred`` and ``y`` in the form the loss computes with, or raise ValueError saying why not.

        Every loss needs finite predictions of shape (N, k) and one finite target per prediction; the
        probabilistic losses add their own rules (probabilities in [0, 1], class labels).
        :func:`~nnbook.training.fit` checks the targets once and the model's outputs on a first batch, then
        computes every batch without checks.
        """
        y_pred = self._check_predictions(check_matrix(y_pred, "y_pred", finite=True))
        y = check_targets(y, y_pred.shape[0], rows_of="y_pred")
        return y_pred, self._check_targets(y, y_pred.shape)

    def _check_predictions(self, y_pred):
        # A loss's own rule for a finite 2-D y_pred, e.g. probabilities in [0, 1].
        return y_pred

    def _check_targets(self, y, shape):
        # A loss's own rule for finite targets with one row per prediction, when the predictions have this
        # shape; returns y in the form _value_and_gradient computes with.
        return y

    def _value_and_gradient(self, y_pred, y):
        raise NotImplementedError

    def _accuracy(self, y_pred, y):
        return None

    def __repr__(self):
        return f"<loss {self.name}>"


class MeanSquaredError(Loss):
    """Mean squared error over all outputs, the regression loss; gradient :math:`2(\\hat y - y)/(N k)`."""

    name = "mse"
    latex = r"\mathcal{L} = \frac{1}{N}\sum_{i=1}^{N} \bigl(\hat y_i - y_i\bigr)^2"

    def _check_targets(self, y, shape):
        target = y[:, None] if y.ndim == 1 else y  # one target per sample: a column, like y_pred
        if target.shape != shape:
            raise ValueError(f"y must have the shape of y_pred {shape}, got {y.shape}")
        return target

    def _value_and_gradient(self, y_pred, y):
        error = y_pred - y
        return float(np.mean(error ** 2)), (2.0 / error.size) * error


class BinaryCrossEntropy(Loss):
    """Binary cross-entropy of probabilities :math:`p` (a sigmoid output) and 0/1 labels."""

    name = "binary_cross_entropy"
    classification = True
    latex = r"\mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N} \bigl[y_i \log p_i + (1 - y_i)\log(1 - p_i)\bigr]"

    def _check_predictions(self, p):
        if p.min() < 0 or p.max() > 1:
            raise ValueError(f"y_pred must be probabilities in [0, 1] for binary cross-entropy (e.g. a sigmoid "
                             f"output), got values from {p.min():.4g} to {p.max():.4g}")
        return p

    def _check_targets(self, y, shape):
        if y.size != np.prod(shape):
            raise ValueError(f"y must hold one 0/1 label per probability, shape {shape}, got {y.shape}")
        y = y.reshape(shape)
        if np.any((y < 0) | (y > 1)):
            raise ValueError(f"y for binary cross-entropy must hold labels in [0, 1], "
                             f"got values from {y.min()} to {y.max()}")
        return y

    def _value_and_gradient(self, p, y):
        p = np.clip(p, _TINY, 1 - _TINY)
        value = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        return float(value), (p - y) / (p * (1 - p) * p.size)

    def _accuracy(self, p, y):
        return float(np.mean((p.reshape(-1) > 0.5) == (y.reshape(-1) > 0.5)))


class CategoricalCrossEntropy(Loss):
    """Cross-entropy of rows of class probabilities (a softmax output) and class labels or one-hot rows."""

    name = "categorical_cross_entropy"
    classification = True
    latex = r"\mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N}\sum_{k} y_{ik} \log p_{ik}"

    def _check_predictions(self, p):
        sums = p.sum(axis=1)
        if p.min() < 0 or p.max() > 1 or np.abs(sums - 1).max() > _SUM_TOLERANCE:
            raise ValueError(f"y_pred must be probabilities for categorical cross-entropy: rows of numbers in "
                             f"[0, 1] that sum to 1 (e.g. a softmax output), got values from {p.min():.4g} to "
                             f"{p.max():.4g} and row sums from {sums.min():.4g} to {sums.max():.4g}")
        return p

    def _check_targets(self, y, shape):
        return one_hot_targets(y, shape[1])

    def _value_and_gradient(self, p, Y):
        p = np.maximum(p, _TINY)
        return float(-np.sum(Y * np.log(p)) / p.shape[0]), -Y / (p * p.shape[0])

    def _accuracy(self, p, y):
        labels = y if y.ndim == 1 else y.argmax(axis=1)
        return np.count_nonzero(p.argmax(axis=1) == labels) / len(labels)  # = mean, without np.mean's overhead


class SoftmaxCrossEntropy(CategoricalCrossEntropy):
    """Softmax and cross-entropy fused, taking logits :math:`z` (the output of an identity layer).

    Fusing them is stable (log-softmax never takes the log of 0) and the gradient is simply
    :math:`(\\mathrm{softmax}(z) - y)/N`.
    """

    name = "softmax_cross_entropy"
    latex = r"\mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N}\sum_{k} y_{ik} \log \mathrm{softmax}(z_i)_k"

    def _check_predictions(self, Z):
        return Z  # logits: any finite numbers

    def _check_targets(self, y, shape):
        # Integer labels stay indices: no one-hot matrix is built for them.
        if y.ndim == 1 and y.dtype.kind in "iu":
            return _class_indices(y, shape[1])
        return one_hot_targets(y, shape[1])

    def _value_and_gradient(self, Z, y):
        n = Z.shape[0]
        shifted = Z - Z.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        grad = np.exp(shifted - log_norm)  # softmax(Z), reused as the gradient below
        if y.ndim == 1:
            # Class indices: pick one log-probability per row instead of building a one-hot matrix.
            rows = np.arange(n)
            value = -(shifted[rows, y] - log_norm[:, 0]).sum() / n  # = -mean(...); np.mean costs more per batch
            grad[rows, y] -= 1.0
        else:
            value = -np.sum(y * (shifted - log_norm)) / n
            grad -= y
        grad /= n
        return float(value), grad


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
