"""Loaded by every pytest run in this repository, before any test or notebook kernel starts.

It needs nothing but pytest, so that the unit tests run with the package and its test extra alone
(``pip install -e '.[test]' && pytest tests``). It

- asks for one BLAS thread in this process and in the notebook kernels it starts, which inherit its environment
  (scripts/notebook_execution.py says why; a value the user has set is kept);
- loads tests/nbval_plugin.py, which re-runs every chapter notebook with nbval and the book's options, where
  nbval is installed;
- under ``NNBOOK_REQUIRE_NOTEBOOK_STACK=1``, as in ``.ci/run``, fails the run if a module of the notebook stack
  (tests/notebook_stack.py) is missing, instead of letting the checks that need it skip.

``pythonpath`` in pyproject.toml puts scripts/ and tests/ on ``sys.path`` before this file is imported.
"""

import importlib.util
import os

import pytest

import notebook_stack
from notebook_execution import ONE_BLAS_THREAD

for _name, _value in ONE_BLAS_THREAD.items():
    os.environ.setdefault(_name, _value)

if importlib.util.find_spec("nbval") is not None:
    pytest_plugins = ["nbval_plugin"]


def pytest_configure(config):
    missing = notebook_stack.missing()
    if notebook_stack.REQUIRED and missing:
        raise pytest.UsageError(
            f"NNBOOK_REQUIRE_NOTEBOOK_STACK=1, but the notebook stack lacks {', '.join(missing)}: "
            f"{notebook_stack.INSTALL}. Here the notebook checks must run, not be skipped."
        )
