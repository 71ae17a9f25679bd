"""Layers: a dense layer :math:`z = W a + b`, :math:`a_{out} = f(z)`, and dropout.

Rows are samples: a batch ``A`` has shape (n_samples, n_in) and a dense layer computes
``Z = A @ W.T + b``, which is the book's :math:`z = W a + b` applied to every row at once.

What a layer must offer to train in a :class:`~nnbook.network.Network` under :func:`~nnbook.training.fit`
(the whole contract; :class:`Layer` documents it):

- ``forward(A)``: the output for a batch, keeping what the backward pass needs;
- ``backward(dA)``: given :math:`\\partial\\mathcal{L}/\\partial A_{out}`, set the gradient of every parameter
  and return :math:`\\partial\\mathcal{L}/\\partial A`, the gradient for the previous layer;
- ``parameters()``: ``(name, parameter, gradient)`` for each parameter array (none for dropout).
"""

import numpy as np

from . import activations
from ._checks import (
    check_bool,
    check_float_dtype,
    check_matrix,
    check_positive_int,
    check_unit_interval,
    lookup,
    make_rng,
)

__all__ = ["Layer", "Dense", "Dropout", "INITS"]


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


class Layer:
    """Base class of a layer: the three methods a :class:`~nnbook.network.Network` calls, and a mode.

    A layer of your own subclasses this (or just has the same methods) and overrides :meth:`forward` and
    :meth:`backward`, and :meth:`parameters` if it has any. ``training`` is True while :func:`~nnbook.training.fit`
    trains and False when a network predicts; only layers that act differently in training (dropout) look at it.
    """

    training = True

    def forward(self, A):
        """Return the layer's output for the batch ``A`` (n_samples, n_in); keep what :meth:`backward` needs."""
        raise NotImplementedError(f"{type(self).__name__} must define forward(A)")

    def backward(self, dA):
        """Set the gradient of every parameter from ``dA`` (shape of the output), and return the gradient with
        respect to the layer's input (shape of ``A``)."""
        raise NotImplementedError(f"{type(self).__name__} must define backward(dA)")

    def parameters(self):
        """Yield ``(name, parameter, gradient)`` for each parameter array; a layer without parameters yields nothing."""
        return iter(())


class Dense(Layer):
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
    dW, db : ndarray of the same shapes (None before the first :meth:`backward`)
        :math:`\\partial\\mathcal{L}/\\partial W` and :math:`\\partial\\mathcal{L}/\\partial b`, set by
        :meth:`backward`.
    A_prev : ndarray of shape (n_samples, n_in) or None
        The batch the last :meth:`forward` received, :math:`A^{(l-1)}`: backpropagation needs it for ``dW``.
    Z : ndarray of shape (n_samples, n_out) or None
        The pre-activation of the last :meth:`forward`, :math:`Z^{(l)}`: backpropagation needs :math:`f'(Z)`.
    """

    def __init__(self, n_in, n_out, activation="identity", init="xavier", rng=None, bias=True, dtype=np.float64):
        self.n_in = check_positive_int(n_in, "n_in")
        self.n_out = check_positive_int(n_out, "n_out")
        self.activation = activations.get(activation)
        initialise = lookup(init, INITS, "init")
        self.dtype = check_float_dtype(dtype)
        self.init = init
        self.W = initialise(make_rng(rng), self.n_in, self.n_out).astype(self.dtype)
        self.b = np.zeros(self.n_out, dtype=self.dtype) if check_bool(bias, "bias") else None
        self.dW = self.db = None
        self.A_prev = self.Z = None

    def forward(self, A):
        """Apply the layer to a batch and remember what backpropagation needs (``A_prev`` and ``Z``).

        .. math:: Z = A W^\\top + b, \\qquad A_{out} = f(Z)

        Parameters
        ----------
        A : ndarray of shape (n_samples, n_in)

        Returns
        -------
        ndarray of shape (n_samples, n_out)
        """
        A = check_matrix(A, "A", n_cols=self.n_in, what="this layer expects n_in", dtype=self.dtype, finite=True)
        self._check_parameter_shapes()
        Z = A @ self.W.T
        if self.b is not None:
            Z = Z + self.b
        self.A_prev, self.Z = A, Z
        return self.activation(Z)

    def backward(self, dA):
        """Backpropagate through the layer: set ``dW`` and ``db``, return the gradient for the previous layer.

        .. math::
            \\delta = \\frac{\\partial\\mathcal{L}}{\\partial Z} = f'(Z) \\odot dA, \\quad
            \\frac{\\partial\\mathcal{L}}{\\partial W} = \\delta^\\top A_{prev}, \\quad
            \\frac{\\partial\\mathcal{L}}{\\partial b} = \\textstyle\\sum_{rows} \\delta, \\quad
            \\frac{\\partial\\mathcal{L}}{\\partial A_{prev}} = \\delta W

        Parameters
        ----------
        dA : ndarray of shape (n_samples, n_out)
            Gradient of the loss with respect to this layer's output.

        Returns
        -------
        ndarray of shape (n_samples, n_in)
        """
        if self.Z is None:
            raise ValueError("backward() was called before forward(): the layer has no stored input")
        dA = check_matrix(
            dA, "dA", n_rows=self.Z.shape[0], n_cols=self.n_out, what="this layer's output has n_out", dtype=self.dtype
        )
        delta = self.activation.backward(self.Z, dA)  # f'(Z) * dA (for softmax, its Jacobian times dA)
        self.dW = delta.T @ self.A_prev
        if self.b is not None:
            self.db = delta.sum(axis=0)
        return delta @ self.W

    def _check_parameter_shapes(self):
        # W and b may be assigned by hand (chapter 3 does): a b of shape (1,) would broadcast without a word.
        for name, shape in (("W", (self.n_out, self.n_in)), ("b", (self.n_out,))):
            value = getattr(self, name)
            if value is not None and np.shape(value) != shape:
                raise ValueError(
                    f"{name} must have shape {shape} in a Dense({self.n_in}, {self.n_out}) layer, got {np.shape(value)}"
                )

    def parameters(self):
        """Yield ``(name, parameter, gradient)`` for ``W`` and, if present, ``b``."""
        yield "W", self.W, self.dW
        if self.b is not None:
            yield "b", self.b, self.db

    def __repr__(self):
        bias = "" if self.b is not None else ", bias=False"
        return f"Dense({self.n_in}, {self.n_out}, activation={self.activation.name!r}{bias})"


class Dropout(Layer):
    """Inverted dropout: in training, each input is zeroed with probability ``p`` and the rest scaled by
    :math:`1/(1-p)`, so that the expected output equals the input; in evaluation it is the identity.

    .. math:: A_{out} = \\frac{M \\odot A}{1 - p}, \\qquad M_{ij} \\sim \\text{Bernoulli}(1 - p)

    Parameters
    ----------
    p : float in [0, 1)
        Probability of dropping each input.
    rng : int, numpy Generator or None
        Where the masks are drawn from; pass a seed or a Generator for reproducible training.

    Attributes
    ----------
    mask : ndarray or None
        :math:`M / (1 - p)` of the last training forward pass (None in evaluation): the backward pass reuses it.
    """

    def __init__(self, p, rng=None):
        self.p = check_unit_interval(p, "p")
        self.rng = make_rng(rng)
        self.mask = None

    def draw_mask(self, shape):
        """A new mask :math:`M/(1-p)` of ``shape``: 0 with probability p, else 1/(1-p). Override it to fix the mask."""
        return (self.rng.random(shape) >= self.p) / (1.0 - self.p)

    def forward(self, A):
        """In training: ``A * mask`` with a new mask; in evaluation: ``A`` itself.

        Parameters
        ----------
        A : ndarray of shape (n_samples, n_features)

        Returns
        -------
        ndarray of the same shape
        """
        A = check_matrix(A, "A")
        if not self.training or self.p == 0:
            self.mask = None
            return A
        self.mask = self.draw_mask(A.shape).astype(A.dtype, copy=False)
        return A * self.mask

    def backward(self, dA):
        """The gradient passes where the input passed, scaled the same way: ``dA * mask``."""
        dA = check_matrix(dA, "dA")
        if self.mask is None:
            return dA
        if dA.shape != self.mask.shape:
            raise ValueError(
                f"dA must have the shape of the last forward pass's input {self.mask.shape}, got {dA.shape}"
            )
        return dA * self.mask

    def __repr__(self):
        return f"Dropout(p={self.p})"
