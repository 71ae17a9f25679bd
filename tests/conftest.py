"""Shared helpers for the unit tests and the notebook checks."""

import numpy as np
import pytest


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
    a, b = np.asarray(a, float), np.asarray(b, float)
    scale = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if scale == 0 else np.linalg.norm(a - b) / scale


@pytest.fixture
def seed_data():
    """Run chapter 1's seed code on NumPy's global state (restored afterwards) and return ``x, y, w0``:
    the data, then the starting weight the seed's "Initialize parameters" draws next."""
    saved = np.random.get_state()
    try:
        np.random.seed(42)
        noise = np.random.randn(100) * 0.2
        x = np.random.uniform(-1, 1, size=100)
        y = 2*x + noise + 1
        yield x, y, np.random.randn()
    finally:
        np.random.set_state(saved)


@pytest.fixture(scope="session")
def executed_notebooks(nbval_outputs):
    """Chapter notebooks run once per session, shared by the checks that need a fresh run.

    ``executed_notebooks[path]`` is the notebook with the outputs of nbval's run of it in this session, or,
    when nbval did not run all of it (e.g. ``pytest tests``), of a run in a fresh kernel (tests/notebooks.py).
    """
    from notebooks import NotebookRuns

    return NotebookRuns(nbval_outputs)
