"""The tests' own finite differences, independent of nnbook.gradcheck: what the gradient tests compare with."""

import numpy as np


def numerical_gradient(f, x, eps=1e-6):
    """Central finite differences of the scalar function ``f`` at ``x`` (float64, any shape)."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + eps
        plus = f(x)
        x[i] = saved - eps
        minus = f(x)
        x[i] = saved
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """``|a - b| / (|a| + |b|)`` in the Frobenius norm; 0 when both are zero."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else np.linalg.norm(a - b) / scale
