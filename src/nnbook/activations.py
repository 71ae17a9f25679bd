"""Activation functions, each next to its derivative.

An activation is a small object: calling it applies :math:`f` element-wise (softmax: row-wise),
``derivative(z)`` gives :math:`f'(z)`, and ``backward(z, grad)`` turns the gradient of the loss
with respect to the activation's output into the gradient with respect to its input,
:math:`\\partial\\mathcal{L}/\\partial z`. Each also carries its display title, its formula in LaTeX, a
typical use and the points where it has a kink, so the book's tables and figures (and
:func:`~nnbook.gradcheck.gradcheck`) are generated from this registry rather than typed twice.

Inputs may be arrays or nested lists of numbers and must be finite: a NaN or an infinity raises a
ValueError that says how many there are, instead of coming out silently as NaN.
"""

import numpy as np

from ._checks import check_float_array, check_real, check_scores, lookup

__all__ = [
    "Activation",
    "identity",
    "step",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "LeakyReLU",
    "softmax",
    "get",
    "names",
]


class Activation:
    """Base class: an element-wise function :math:`f` and its derivative :math:`f'`.

    A new activation defines ``__call__`` and ``derivative``; :meth:`backward` then follows from them.
    Give it a ``title``, and its ``kinks`` if it has any, so that figures and gradient checks know them.

    Attributes
    ----------
    name : str
        Registry name, as accepted by :func:`get`.
    title : str
        Name for a reader, e.g. ``"Leaky ReLU"``: the title of its panel in
        :func:`~nnbook.plotting.plot_activations` and its row in the book's table.
    kinks : tuple of float
        The points :math:`z` where :math:`f` has no derivative (its slope jumps there, or, for the step,
        :math:`f` itself); empty for a smooth function. A finite difference across a kink averages two
        slopes, so :func:`~nnbook.gradcheck.gradcheck` counts the pre-activations that lie near one.
    latex : str
        The formula of :math:`f(z)` in LaTeX.
    derivative_latex : str
        The formula of :math:`f'(z)` in LaTeX.
    use : str
        Where the function is typically used.
    """

    name = ""
    title = ""
    kinks = ()
    latex = ""
    derivative_latex = ""
    use = ""

    def __call__(self, z):
        """Apply :math:`f` element-wise to ``z`` (any shape); returns an array of the same shape."""
        raise NotImplementedError

    def derivative(self, z):
        """Return :math:`f'(z)` element-wise, an array of the same shape as ``z``."""
        raise NotImplementedError

    def backward(self, z, grad):
        """Chain rule through the activation.

        .. math:: \\frac{\\partial\\mathcal{L}}{\\partial z} = \\frac{\\partial\\mathcal{L}}{\\partial a} \\odot f'(z)

        Parameters
        ----------
        z : array_like of shape (n_samples, n_units), finite
            The pre-activation the forward pass was applied to.
        grad : array_like of shape (n_samples, n_units), finite
            :math:`\\partial\\mathcal{L}/\\partial a`, the gradient with respect to the output.

        Returns
        -------
        ndarray of shape (n_samples, n_units)
        """
        grad = check_float_array(grad, "grad")
        if np.shape(z) != grad.shape:
            raise ValueError(f"grad must have the shape of z {np.shape(z)}, got {grad.shape}")
        return self._backward(z, grad)

    def _backward(self, z, grad):
        # The chain rule itself (derivative() checks z); a subclass with a faster form than grad * f'(z)
        # overrides this, and checks z itself if it reads it.
        return grad * self.derivative(z)

    def __repr__(self):
        return f"<activation {self.name}>"


class Identity(Activation):
    """The identity :math:`f(z) = z`: a layer without it is a plain affine map (regression outputs, logits)."""

    name = "identity"
    title = "Identity"
    latex = r"f(z) = z"
    derivative_latex = r"f'(z) = 1"
    use = "Regression output layer"

    def __call__(self, z):
        return check_float_array(z, "z")

    def derivative(self, z):
        return np.ones_like(check_float_array(z, "z"))

    def _backward(self, z, grad):
        check_float_array(z, "z")  # unused, but a NaN in it is still a mistake to report
        return grad  # f' = 1: nothing to multiply, nothing to copy


class Step(Activation):
    """Heaviside step. Its derivative is 0 everywhere except at z = 0, where it is undefined;
    we return 0 there too, which is why gradient descent cannot train a step unit."""

    name = "step"
    title = "Step"
    kinks = (0.0,)
    latex = r"f(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}"
    derivative_latex = r"f'(z) = 0 \quad (z \neq 0)"
    use = "Binary classification (historical)"

    def __call__(self, z):
        z = check_float_array(z, "z")
        return (z > 0).astype(z.dtype)

    def derivative(self, z):
        return np.zeros_like(check_float_array(z, "z"))


class Sigmoid(Activation):
    """The logistic sigmoid, squashing any :math:`z` into a probability in (0, 1); computed without overflow."""

    name = "sigmoid"
    title = "Sigmoid"
    latex = r"f(z) = \frac{1}{1 + e^{-z}}"
    derivative_latex = r"f'(z) = f(z)\,\bigl(1 - f(z)\bigr)"
    use = "Probabilities in binary classification"

    def __call__(self, z):
        z = check_float_array(z, "z")
        # exp(-|z|) never overflows; the two branches are the same function rearranged.
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(z.dtype, copy=False)

    def derivative(self, z):
        s = self(z)
        return s * (1.0 - s)


class Tanh(Activation):
    """The hyperbolic tangent: an S-curve like the sigmoid, but from -1 to 1 and centred on 0."""

    name = "tanh"
    title = "Tanh"
    latex = r"f(z) = \tanh z = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}"
    derivative_latex = r"f'(z) = 1 - \tanh^2 z"
    use = "Hidden layers (zero-centred)"

    def __call__(self, z):
        return np.tanh(check_float_array(z, "z"))

    def derivative(self, z):
        return 1.0 - np.tanh(check_float_array(z, "z")) ** 2


class ReLU(Activation):
    """The rectified linear unit :math:`\\max(0, z)`: slope 1 for :math:`z > 0`, 0 otherwise (we take
    :math:`f'(0) = 0`)."""

    name = "relu"
    title = "ReLU"
    kinks = (0.0,)
    latex = r"f(z) = \max(0, z)"
    derivative_latex = r"f'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}"
    use = "Hidden layers, sparse activations"

    def __call__(self, z):
        return np.maximum(check_float_array(z, "z"), 0)

    def derivative(self, z):
        z = check_float_array(z, "z")
        return (z > 0).astype(z.dtype)

    def _backward(self, z, grad):
        return grad * (check_float_array(z, "z") > 0)  # f' as a boolean mask: faster than a float array


class LeakyReLU(Activation):
    """ReLU with a small slope for negative inputs, so a unit never stops learning.

    Parameters
    ----------
    slope : float, default 0.01
        The slope :math:`\\alpha` for :math:`z \\le 0`; a real number in [0, 1).
    """

    name = "leaky_relu"
    title = "Leaky ReLU"
    kinks = (0.0,)
    latex = r"f(z) = \begin{cases} z & z > 0 \\ \alpha z & z \le 0 \end{cases}"
    derivative_latex = r"f'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases}"
    use = "Hidden layers, avoids dead units"

    def __init__(self, slope=0.01):
        self.slope = check_real(slope, "slope", minimum=0, below=1)

    def __call__(self, z):
        z = check_float_array(z, "z")
        return np.where(z > 0, z, self.slope * z)

    def derivative(self, z):
        z = check_float_array(z, "z")
        return np.where(z > 0, 1.0, self.slope).astype(z.dtype, copy=False)

    def __repr__(self):
        return f"<activation leaky_relu slope={self.slope}>"


class Softmax(Activation):
    """Softmax over the last axis: scores in, probabilities (summing to 1 per row) out."""

    name = "softmax"
    title = "Softmax"
    latex = r"f(z)_k = \frac{e^{z_k}}{\sum_j e^{z_j}}"
    derivative_latex = r"\frac{\partial f_k}{\partial z_j} = f_k\,(\delta_{kj} - f_j)"
    use = "Probabilities over several classes (output layer)"

    def __call__(self, z):
        z = check_scores(z, "z")
        # Subtracting the row maximum changes nothing mathematically and keeps exp() <= 1.
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    def derivative(self, z):
        """Return the Jacobian :math:`J_{kj} = f_k(\\delta_{kj} - f_j)` of each row.

        Softmax is not element-wise, so this is an array of shape ``z.shape + (k,)``,
        e.g. (n_samples, k, k) for a batch.
        """
        s = self(z)
        return s[..., :, None] * (np.eye(s.shape[-1], dtype=s.dtype) - s[..., None, :])

    def _backward(self, z, grad):
        """Row-wise product with the Jacobian, without building it:
        :math:`\\partial\\mathcal{L}/\\partial z = s \\odot (g - (g \\cdot s))`."""
        s = self(z)
        return s * (grad - (grad * s).sum(axis=-1, keepdims=True))


identity = Identity()
step = Step()
sigmoid = Sigmoid()
tanh = Tanh()
relu = ReLU()
leaky_relu = LeakyReLU()
softmax = Softmax()

_REGISTRY = {a.name: a for a in (identity, step, sigmoid, tanh, relu, leaky_relu, softmax)}


def names():
    """Return the registered activation names, sorted."""
    return sorted(_REGISTRY)


def get(activation):
    """Look up an activation by name (or pass an :class:`Activation` through).

    Parameters
    ----------
    activation : str or Activation
        One of :func:`names`, e.g. ``"relu"``.

    Returns
    -------
    Activation

    Raises
    ------
    ValueError
        If the name is unknown; the message lists the valid names.
    """
    return lookup(activation, _REGISTRY, "activation", Activation)
