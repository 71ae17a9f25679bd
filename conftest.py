"""Loaded by every pytest run in this repository, before any test or notebook kernel starts.

The chapters train small networks, for which BLAS threads bring no speed but contention: with the two
processes of an nbval run (pytest and the notebook's kernel) each starting one thread per core, chapter 5
was measured 10-20x slower on a 2-core machine. Kernels inherit this process's environment, so one BLAS
thread is asked for here; a value the user has set is kept. The printed numbers do not depend on it.
"""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")


# Every notebook is executed once per test session: nbval runs each chapter cell by cell and compares the text
# it prints; the outputs it received (figures included) are kept here, so that the figure comparison
# (tests/test_notebook_images.py) can use that same run instead of executing the chapter a second time.
# `testpaths` lists chapters/ before tests/ so that nbval has run by the time the figures are compared.
_NBVAL_OUTPUTS = pytest.StashKey[dict]()


def pytest_configure(config):
    config.stash[_NBVAL_OUTPUTS] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    yield  # nbval's cell item stores what the kernel sent back in `test_outputs`, pass or fail
    outputs = getattr(item, "test_outputs", None)
    if outputs is not None and hasattr(item, "cell_num"):
        notebook = Path(str(item.path)).resolve()
        item.config.stash[_NBVAL_OUTPUTS].setdefault(notebook, {})[item.cell_num] = outputs


@pytest.fixture(scope="session")
def nbval_outputs(pytestconfig):
    """``{notebook path: {code cell number: outputs}}`` for every notebook cell nbval ran in this session."""
    return pytestconfig.stash[_NBVAL_OUTPUTS]


# Stored figures carry their image alone (scripts/execute_notebooks.py drops the "<Figure size ...>" text IPython
# sends along with each image). nbval compares every text field, so the same text is dropped from its fresh
# outputs before the comparison; a figure repr without its image is still compared, and fails.
sys.path.insert(0, str(ROOT / "scripts"))
from execute_notebooks import without_figure_reprs  # noqa: E402

try:
    from nbval.plugin import IPyNbCell
except ImportError:  # nbval not installed: nothing to adapt
    IPyNbCell = None
else:
    _compare_outputs = IPyNbCell.compare_outputs

    def _compare_outputs_without_figure_reprs(self, test, ref, skip_compare=None):
        return _compare_outputs(self, without_figure_reprs(test), ref, skip_compare)

    IPyNbCell.compare_outputs = _compare_outputs_without_figure_reprs
