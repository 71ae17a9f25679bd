"""Gradient checking: compare backpropagation with central finite differences.

For every parameter entry :math:`\\theta_i`,

.. math:: \\frac{\\partial\\mathcal{L}}{\\partial\\theta_i} \\approx
          \\frac{\\mathcal{L}(\\theta_i + h) - \\mathcal{L}(\\theta_i - h)}{2h},

whose error shrinks like :math:`h^2`. Backpropagation is right when the two agree to many digits.

Only where the loss is smooth, though. A ReLU has a kink at :math:`z = 0`: a pre-activation that sits on it
(the XOR inputs are 0 or 1 and the biases start at 0, so many do) is pushed across it by the nudge
:math:`\\pm h`, and the finite difference averages the two slopes while backpropagation takes one. The
check then reports a large error for a correct backpropagation. :func:`gradcheck` therefore counts the
pre-activations near a kink (the ``kinks`` of each :class:`~nnbook.activations.Activation`), reports the count,
and warns when the error is large and such points exist.
"""

import warnings
from dataclasses import dataclass

import numpy as np

from . import losses
from ._checks import check_matrix, check_positive_float, check_targets
from .network import check_network

__all__ = ["GradCheckResult", "GradCheckWarning", "gradcheck", "relative_error"]

_TOLERANCE = 1e-7  # relative error below which backpropagation and finite differences agree (float64)

# A pre-activation counts as near a kink within _KINK_REACH * eps * max(1, max|A_prev|) of it: nudging one
# weight by eps moves Z by up to eps * |a| (by eps for a bias); the margin covers nudges in earlier layers.
_KINK_REACH = 10


class GradCheckWarning(UserWarning):
    """Warned by :func:`gradcheck` when a large error may come from points on a kink, not from backpropagation."""


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
    n_near_kinks : int
        How many pre-activations :math:`Z` of the checked batch lie on or next to a kink of their activation
        (e.g. :math:`z = 0` of a ReLU), where finite differences are unreliable. 0 for smooth activations.
    """

    max_relative_error: float
    parameter: str
    errors: dict
    n_near_kinks: int = 0

    def __str__(self):
        text = f"largest relative error {self.max_relative_error:.2e} (in {self.parameter})"
        if self.n_near_kinks:
            text += (
                f"; {self.n_near_kinks} pre-activation(s) lie on or next to a kink, where finite "
                f"differences are unreliable"
            )
        return text


def _count_near_kinks(model, eps):
    """Pre-activations of the last forward pass near a kink of their layer's activation, and those activations."""
    count, where = 0, []
    for layer in model.layers:
        kinks = getattr(getattr(layer, "activation", None), "kinks", ())
        # A Dense layer keeps Z and A_prev of its last forward pass; a layer of one's own may not.
        Z = getattr(layer, "Z", None)
        A_prev = getattr(layer, "A_prev", None)
        if not kinks or Z is None:
            continue
        scale = max(1.0, float(np.abs(A_prev).max())) if A_prev is not None and np.size(A_prev) else 1.0
        reach = _KINK_REACH * eps * scale
        near = sum(int(np.count_nonzero(np.abs(Z - k) <= reach)) for k in kinks)
        if near:
            count += near
            where.append(layer.activation.title or layer.activation.name)
    return count, sorted(set(where))


def gradcheck(model, X, y, loss, eps=1e-6):
    """Check a network's backpropagated gradients against central finite differences.

    Layers that act differently in training (dropout) are checked in evaluation mode, so that every
    evaluation of the loss sees the same network; each layer's mode is restored afterwards.

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
        The finite-difference step :math:`h` (``eps`` in code, as in :func:`~nnbook.exercises.check_derivative`).

    Returns
    -------
    GradCheckResult
        Backpropagation is correct when ``max_relative_error`` is tiny (below about 1e-7). ``n_near_kinks``
        counts the pre-activations within about :math:`10h` of a kink (e.g. :math:`z = 0` of a ReLU).

    Warns
    -----
    GradCheckWarning
        When the error is above 1e-7 and some pre-activations lie near a kink: the error may come from those
        points, not from a wrong backpropagation. Perturb the inputs slightly and check again.
    """
    check_network(model)
    dtypes = sorted({str(p.dtype) for _, p, _ in model.parameters()})
    if not dtypes:
        raise ValueError("model has no parameters to check")
    if dtypes != ["float64"]:
        raise ValueError(
            f"model must be float64 for a gradient check, got parameters of dtype {', '.join(dtypes)}: "
            f"in float32 the finite differences drown in rounding (build it with dtype=np.float64)"
        )
    X = check_matrix(X, "X", n_cols=model.n_in, what="the model expects n_in", finite=True)
    y = check_targets(y, X.shape[0], "y")
    loss = losses.get(loss)
    eps = check_positive_float(eps, "eps")

    modes = [(layer, layer.training) for layer in model.layers if hasattr(layer, "training")]
    try:
        for layer, _ in modes:
            layer.training = False
        _, grad = loss.value_and_gradient(model.forward(X), y)
        n_near_kinks, kinked = _count_near_kinks(model, eps)  # of the unperturbed forward pass
        model.backward(grad)
        errors = {}
        for name, p, g in model.parameters():
            analytic = g.copy()
            errors[name] = relative_error(analytic, _numerical_gradient(model, p, X, y, loss, eps))
    finally:
        for layer, mode in modes:
            layer.training = mode
    worst = max(errors, key=errors.get)
    result = GradCheckResult(errors[worst], worst, errors, n_near_kinks)
    if n_near_kinks and result.max_relative_error > _TOLERANCE:
        warnings.warn(
            f"{n_near_kinks} pre-activation(s) lie on or next to a kink of their activation ({', '.join(kinked)}), "
            f"where a finite difference straddles two slopes: the relative error {result.max_relative_error:.2e} "
            f"may come from these points rather than from a wrong backpropagation. Perturb the inputs slightly, "
            f"e.g. X + 1e-3 * rng.normal(size=X.shape), and check again.",
            GradCheckWarning,
            stacklevel=2,
        )
    return result


def _numerical_gradient(model, p, X, y, loss, eps):
    """Central differences of the loss for every entry of the parameter array ``p``, which is restored exactly."""
    numeric = np.zeros_like(p)
    for i in np.ndindex(p.shape):
        saved = p[i]
        p[i] = saved + eps
        plus = loss(model.forward(X), y)
        p[i] = saved - eps
        minus = loss(model.forward(X), y)
        p[i] = saved  # restore exactly: the check must not change the model
        numeric[i] = (plus - minus) / (2 * eps)
    return numeric
