"""The book's nbval setup: a pytest plugin that conftest.py loads only where nbval is installed.

``pytest`` re-runs every cell of every chapter notebook with nbval and compares each stored text output with what
the code prints today. This plugin

- turns nbval on for every run, with the book's options, as if each were given
  ``--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout 600``
  (the timeout is ``CELL_TIMEOUT`` of scripts/notebook_execution.py; one given on the command line is kept).
  They are set here rather than in pyproject.toml's ``addopts``, where they would be unknown options, and so an
  error, in a run without nbval;
- drops the ``<Figure size ...>`` text from nbval's fresh outputs before the comparison, as
  scripts/execute_notebooks.py drops it from the stored ones; a figure repr without its image is still compared,
  and fails;
- keeps the outputs nbval received for each cell (the ``nbval_outputs`` fixture), so that the figure comparison
  (tests/test_notebook_images.py) uses that same run instead of executing the chapter a second time.
  ``testpaths`` lists chapters/ before tests/ so that nbval has run by the time the figures are compared.
"""

from pathlib import Path

import pytest
from nbval.plugin import IPyNbCell

from notebook_execution import CELL_TIMEOUT, without_figure_reprs

SANITIZE = Path(__file__).resolve().parent / "nbval_sanitize.cfg"

_NBVAL_OUTPUTS = pytest.StashKey[dict]()
_compare_outputs = IPyNbCell.compare_outputs


def _compare_outputs_without_figure_reprs(self, test, ref, skip_compare=None):
    return _compare_outputs(self, without_figure_reprs(test), ref, skip_compare)


@pytest.hookimpl(tryfirst=True)  # before nbval's own pytest_configure reads the options
def pytest_configure(config):
    config.stash[_NBVAL_OUTPUTS] = {}
    if not config.pluginmanager.has_plugin("nbval"):  # e.g. `pytest -p no:nbval`
        return
    option = config.option
    option.nbval = True
    option.nbval_current_env = True
    option.nbval_sanitize_with = option.nbval_sanitize_with or str(SANITIZE)
    if not any(arg.startswith("--nbval-cell-timeout") for arg in config.invocation_params.args):
        option.nbval_cell_timeout = CELL_TIMEOUT
    IPyNbCell.compare_outputs = _compare_outputs_without_figure_reprs


def pytest_unconfigure(config):
    IPyNbCell.compare_outputs = _compare_outputs


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
