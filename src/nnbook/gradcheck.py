"""Gradient checking: compare backpropagation with central finite differences.

For every parameter entry :math:`\\theta_i`,

.. math:: \\frac{\\partial\\mathcal{L}}{\\partial\\theta_i} \\approx
          \\frac{\\mathcal{L}(\\theta_i + \\epsilon) - \\mathcal{L}(\\theta_i - \\epsilon)}{2\\epsilon},

whose error shrinks like :math:`\\epsilon^2`. Backpropagation is right when the two agree to many digits.
"""

from dataclasses import dataclass

import numpy as np

from . import losses
from ._checks import check_matrix, check_positive_float, check_targets
from .network import check_network

__all__ = ["GradCheckResult", "gradcheck", "relative_error"]


def relative_error(a, b):
    """Relative difference of two arrays: :math:`\\|a - b\\| / (\\|a\\| + \\|b\\|)`, and 0 when both are 0.

    Parameters
    ----------
    a, b : ndarray of the same shape

    Returns
    -------
    float
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


@dataclass
class GradCheckResult:
    """Outcome of :func:`gradcheck`.

    Attributes
    ----------
    max_relative_error : float
        The largest relative error over all parameters.
    parameter : str
        Name of the parameter where it occurred, e.g. ``"layers[1].W"``.
    errors : dict of str to float
        The relative error of every parameter.
    """

    max_relative_error: float
    parameter: str
    errors: dict

    def __str__(self):
        return f"largest relative error {self.max_relative_error:.2e} (in {self.parameter})"


def gradcheck(model, X, y, loss, eps=1e-6):
    """Check a network's backpropagated gradients against central finite differences.

    Parameters
    ----------
    model : Network
        With float64 parameters (``dtype=np.float64``, the default): in float32 the differences drown in
        rounding, and a correct backpropagation would look wrong.
    X : ndarray of shape (n_samples, n_in)
    y : ndarray of shape (n_samples, ...)
        One target per sample, as the loss expects them.
    loss : str or Loss
    eps : float, default 1e-6
        The finite-difference step :math:`\\epsilon`.

    Returns
    -------
    GradCheckResult
        Backpropagation is correct when ``max_relative_error`` is tiny (below about 1e-7).
    """
    check_network(model)
    dtypes = sorted({str(layer.dtype) for layer in model.layers})
    if dtypes != ["float64"]:
        raise ValueError(f"model must be float64 for a gradient check, got layers of dtype {', '.join(dtypes)}: "
                         f"in float32 the finite differences drown in rounding (build it with dtype=np.float64)")
    X = check_matrix(X, "X", n_cols=model.n_in, what="the model expects n_in", finite=True)
    y = check_targets(y, X.shape[0], "y")
    loss = losses.get(loss)
    eps = check_positive_float(eps, "eps")

    _, grad = loss.value_and_gradient(model.forward(X), y)
    model.backward(grad)
    errors = {}
    for name, p, g in model.parameters():
        analytic = g.copy()
        numeric = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            saved = p[i]
            p[i] = saved + eps
            plus = loss(model.forward(X), y)
            p[i] = saved - eps
            minus = loss(model.forward(X), y)
            p[i] = saved  # restore exactly: the check must not change the model
            numeric[i] = (plus - minus) / (2 * eps)
        errors[name] = relative_error(analytic, numeric)
    worst = max(errors, key=errors.get)
    return GradCheckResult(errors[worst], worst, errors)
