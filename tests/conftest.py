"""Fixtures shared by the tests. Functions they share live in modules of their own, imported by name
(finite_differences.py, drawing.py, notebooks.py): a conftest.py is for pytest to load, not for tests to import."""

import numpy as np
import pytest


@pytest.fixture
def seed_data():
    """Run chapter 1's seed code on NumPy's global state (restored afterwards) and return ``x, y, w0``:
    the data, then the starting weight the seed's "Initialize parameters" draws next."""
    saved = np.random.get_state()
    try:
        np.random.seed(42)
        noise = np.random.randn(100) * 0.2
        x = np.random.uniform(-1, 1, size=100)
        y = 2 * x + noise + 1
        yield x, y, np.random.randn()
    finally:
        np.random.set_state(saved)


@pytest.fixture(scope="session")
def executed_notebooks(nbval_outputs):
    """Chapter notebooks run once per session, shared by the checks that need a fresh run.

    ``executed_notebooks[path]`` is the notebook with the outputs of nbval's run of it in this session, or,
    when nbval did not run all of it (e.g. ``pytest tests``), of a run in a fresh kernel (tests/notebooks.py).
    ``nbval_outputs`` comes from tests/nbval_plugin.py.
    """
    from notebooks import NotebookRuns

    return NotebookRuns(nbval_outputs)
