"""Loss functions: a number that says how wrong the predictions are, and its gradient.

Each loss is an object: ``loss(y_pred, y)`` gives :math:`\\mathcal{L}`, ``loss.gradient(y_pred, y)``
gives :math:`\\partial\\mathcal{L}/\\partial\\hat y` (same shape as ``y_pred``), averaged over the
:math:`N` samples so the learning rate does not depend on the batch size.
"""

import numpy as np

from ._checks import check_matrix
from .datasets import one_hot

__all__ = ["Loss", "mse", "binary_cross_entropy", "categorical_cross_entropy",
           "softmax_cross_entropy", "get", "names", "one_hot_targets"]

_TINY = 1e-12  # keeps log() finite when a probability is exactly 0 or 1


def one_hot_targets(y, n_classes, name="y"):
    """Class indices of shape (N,) or one-hot rows of shape (N, n_classes) -> one-hot (N, n_classes)."""
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == n_classes:
        return y.astype(np.float64, copy=False)
    if y.ndim != 1:
        raise ValueError(f"{name} must be class indices of shape (N,) or one-hot of shape (N, {n_classes}), "
                         f"got shape {y.shape}")
    if y.size and y.max() >= n_classes:
        raise ValueError(f"{name} holds class indices from {y.min()} to {y.max()}, "
                         f"but the predictions have n_classes={n_classes}")
    return one_hot(y, n_classes)


class Loss:
    """Base class. Subclasses implement :meth:`value_and_gradient`.

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
        """Return ``(loss, gradient)`` in one pass (what the training loop calls)."""
        raise NotImplementedError

    def accuracy(self, y_pred, y):
        """Fraction of correct class predictions, or None for a regression loss."""
        return None

    def _prepare(self, y_pred, y):
        y_pred = check_matrix(y_pred, "y_pred")
        y = np.asarray(y)
        if y.ndim == 0 or y.shape[0] != y_pred.shape[0]:
            raise ValueError(f"y must have one target per prediction: y_pred has {y_pred.shape[0]} rows, "
                             f"y has shape {y.shape}")
        return y_pred, y

    def __repr__(self):
        return f"<loss {self.name}>"


class MeanSquaredError(Loss):
    name = "mse"
    latex = r"\mathcal{L} = \frac{1}{N}\sum_{i=1}^{N} \bigl(\hat y_i - y_i\bigr)^2"

    def value_and_gradient(self, y_pred, y):
        y_pred, y = self._prepare(y_pred, y)
        if y.ndim == 1:
            y = y[:, None]  # one target per sample: a column, like y_pred
        if y.shape != y_pred.shape:
            raise ValueError(f"y must have the shape of y_pred {y_pred.shape}, got {y.shape}")
        error = y_pred - y
        return float(np.mean(error ** 2)), (2.0 / error.size) * error


class BinaryCrossEntropy(Loss):
    name = "binary_cross_entropy"
    classification = True
    latex = r"\mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N} \bigl[y_i \log p_i + (1 - y_i)\log(1 - p_i)\bigr]"

    def value_and_gradient(self, y_pred, y):
        p, y = self._prepare(y_pred, y)
        y = y.reshape(p.shape) if y.size == p.size else y
        if y.shape != p.shape:
            raise ValueError(f"y must hold one 0/1 label per probability, shape {p.shape}, got {y.shape}")
        if np.any((y < 0) | (y > 1)):
            raise ValueError("y for binary cross-entropy must hold labels in [0, 1]")
        p = np.clip(p, _TINY, 1 - _TINY)
        value = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        return float(value), (p - y) / (p * (1 - p) * p.size)

    def accuracy(self, y_pred, y):
        p, y = self._prepare(y_pred, y)
        return float(np.mean((p.reshape(-1) > 0.5) == (np.reshape(y, -1) > 0.5)))


class CategoricalCrossEntropy(Loss):
    name = "categorical_cross_entropy"
    classification = True
    latex = r"\mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N}\sum_{k} y_{ik} \log p_{ik}"

    def value_and_gradient(self, y_pred, y):
        p, y = self._prepare(y_pred, y)
        Y = one_hot_targets(y, p.shape[1])
        p = np.maximum(p, _TINY)
        return float(-np.sum(Y * np.log(p)) / p.shape[0]), -Y / (p * p.shape[0])

    def accuracy(self, y_pred, y):
        p, y = self._prepare(y_pred, y)
        labels = y if y.ndim == 1 else y.argmax(axis=1)
        return np.count_nonzero(p.argmax(axis=1) == labels) / len(labels)  # = mean, without np.mean's overhead


class SoftmaxCrossEntropy(CategoricalCrossEntropy):
    """Softmax and cross-entropy fused, taking logits :math:`z` (the output of an identity layer).

    Fusing them is stable (log-softmax never takes the log of 0) and the gradient is simply
    :math:`(\\mathrm{softmax}(z) - y)/N`.
    """

    name = "softmax_cross_entropy"
    latex = r"\mathcal{L} = -\frac{1}{N}\sum_{i=1}^{N}\sum_{k} y_{ik} \log \mathrm{softmax}(z_i)_k"

    def value_and_gradient(self, y_pred, y):
        Z, y = self._prepare(y_pred, y)
        n, k = Z.shape
        shifted = Z - Z.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        grad = np.exp(shifted - log_norm)  # softmax(Z), reused as the gradient below
        if y.ndim == 1 and y.dtype.kind in "iu":
            # Class indices: pick one log-probability per row instead of building a one-hot matrix.
            rows = np.arange(n)
            if y.min() < 0 or y.max() >= k:
                raise ValueError(f"y holds class indices from {y.min()} to {y.max()}, "
                                 f"but the predictions have n_classes={k}")
            value = -(shifted[rows, y] - log_norm[:, 0]).sum() / n  # = -mean(...); np.mean costs more per batch
            grad[rows, y] -= 1.0
        else:
            Y = one_hot_targets(y, k)
            value = -np.sum(Y * (shifted - log_norm)) / n
            grad -= Y
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
    if isinstance(loss, Loss):
        return loss
    if not isinstance(loss, str):
        raise TypeError(f"loss must be a name or a Loss, got {type(loss).__name__}")
    try:
        return _REGISTRY[loss]
    except KeyError:
        raise ValueError(f"Unknown loss {loss!r}. Choose one of: {', '.join(names())}") from None
