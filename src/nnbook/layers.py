"""A fully connected (dense) layer: :math:`z = W a + b`, then :math:`a_{out} = f(z)`.

Rows are samples: a batch ``A`` has shape (n_samples, n_in) and the layer computes
``Z = A @ W.T + b``, which is the book's :math:`z = W a + b` applied to every row at once.
"""

import numpy as np

from . import activations
from ._checks import check_matrix, check_positive_int, lookup, make_rng

__all__ = ["Dense", "INITS"]


def _zeros(rng, n_in, n_out):
    return np.zeros((n_out, n_in))


def _normal(rng, n_in, n_out):
    return rng.normal(0.0, 0.01, size=(n_out, n_in))


def _xavier(rng, n_in, n_out):
    return rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_out, n_in))


def _he(rng, n_in, n_out):
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))


#: Weight initialisations by name — zeros, N(0, 0.01²), Xavier/Glorot N(0, 2/(n_in+n_out)), He N(0, 2/n_in).
INITS = {"zeros": _zeros, "normal": _normal, "xavier": _xavier, "glorot": _xavier, "he": _he}


def _float_dtype(dtype):
    try:
        dtype = np.dtype(dtype)
    except TypeError:
        raise ValueError(f"dtype must be float32 or float64, got {dtype!r}") from None
    if dtype not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float32 or float64, got {dtype}")
    return dtype


class Dense:
    """A fully connected layer.

    .. math:: Z = A W^\\top + b, \\qquad A_{out} = f(Z)

    Parameters
    ----------
    n_in, n_out : int
        Number of inputs and of units.
    activation : str or Activation, default "identity"
        See :func:`nnbook.activations.get`.
    init : {"xavier", "glorot", "he", "normal", "zeros"}, default "xavier"
        How ``W`` is initialised; ``b`` always starts at zero.
    rng : int, numpy Generator or None
        Source of randomness for the initialisation.
    bias : bool, default True
        Whether the layer has a bias ``b`` (chapter 1 trains one without).
    dtype : {numpy.float64, numpy.float32}, default float64
        Floating type of the parameters; float32 trains faster, float64 is needed for gradient checks.

    Attributes
    ----------
    W : ndarray of shape (n_out, n_in)
    b : ndarray of shape (n_out,) or None
    dW, db : ndarray of the same shapes, the gradients stored by :meth:`backward`.
    """

    def __init__(self, n_in, n_out, activation="identity", init="xavier", rng=None, bias=True,
                 dtype=np.float64):
        self.n_in = check_positive_int(n_in, "n_in")
        self.n_out = check_positive_int(n_out, "n_out")
        self.activation = activations.get(activation)
        initialise = lookup(init, INITS, "init")
        self.dtype = _float_dtype(dtype)
        self.init = init
        self.W = initialise(make_rng(rng), self.n_in, self.n_out).astype(self.dtype)
        self.b = np.zeros(self.n_out, dtype=self.dtype) if bias else None
        self.dW = np.zeros_like(self.W)
        self.db = None if self.b is None else np.zeros_like(self.b)
        self._A_prev = self._Z = None

    def forward(self, A):
        """Apply the layer to a batch and remember what backpropagation needs.

        .. math:: Z = A W^\\top + b, \\qquad A_{out} = f(Z)

        Parameters
        ----------
        A : ndarray of shape (n_samples, n_in), finite

        Returns
        -------
        ndarray of shape (n_samples, n_out)
        """
        A = check_matrix(A, "A", n_cols=self.n_in, what="this layer expects n_in", dtype=self.dtype, finite=True)
        return self._forward(A)

    def _forward(self, A):
        # forward() without the checks, for a network that has checked its input once.
        A = A.astype(self.dtype, copy=False)
        Z = A @ self.W.T
        if self.b is not None:
            Z += self.b  # in place: no second (n_samples, n_out) array
        self._A_prev, self._Z = A, Z
        return self.activation(Z)

    def backward(self, dA, input_grad=True):
        """Backpropagate through the layer; store ``dW`` and ``db``.

        .. math::
            \\delta = \\frac{\\partial\\mathcal{L}}{\\partial Z} = dA \\odot f'(Z), \\quad
            \\frac{\\partial\\mathcal{L}}{\\partial W} = \\delta^\\top A_{prev}, \\quad
            \\frac{\\partial\\mathcal{L}}{\\partial b} = \\textstyle\\sum_{rows} \\delta, \\quad
            \\frac{\\partial\\mathcal{L}}{\\partial A_{prev}} = \\delta W

        Parameters
        ----------
        dA : ndarray of shape (n_samples, n_out)
            Gradient of the loss with respect to this layer's output.
        input_grad : bool, default True
            Whether to compute the gradient for the previous layer (not needed for the first layer).

        Returns
        -------
        ndarray of shape (n_samples, n_in), or None if ``input_grad`` is False.
        """
        if self._Z is None:
            raise ValueError("backward() was called before forward(): there is no stored input")
        dA = check_matrix(dA, "dA", n_rows=self._Z.shape[0], n_cols=self.n_out,
                          what="this layer's output has n_out", dtype=self.dtype)
        delta = self.activation.backward(self._Z, dA)
        np.matmul(delta.T, self._A_prev, out=self.dW)  # written into the stored array: no new allocation
        if self.b is not None:
            delta.sum(axis=0, out=self.db)
        return delta @ self.W if input_grad else None

    def parameters(self):
        """Yield ``(name, parameter, gradient)`` for ``W`` and, if present, ``b``."""
        yield "W", self.W, self.dW
        if self.b is not None:
            yield "b", self.b, self.db

    def __repr__(self):
        bias = "" if self.b is not None else ", bias=False"
        return f"Dense({self.n_in}, {self.n_out}, activation={self.activation.name!r}{bias})"
