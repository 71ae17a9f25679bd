"""The notebook stack: what the notebook checks need beyond the unit tests' pytest and matplotlib.

The unit tests of nnbook run with the package and its test extra alone (``pip install -e '.[test]'``). The
checks of the book itself (nbval's run of every chapter, the figure comparison, notebook hygiene, the
repository address, the reproducibility page, the browser tests, the PDF and the student edition) also need
Jupyter, PyYAML, Sphinx, Beautiful Soup and pypdf, which ``requirements.txt`` installs. Without them those checks
are skipped, naming the module that is missing: a test module that needs the stack imports it in a ``try``, and
skips itself with the reason this module gives::

    try:
        from notebooks import read
    except ModuleNotFoundError as error:
        pytest.skip(notebook_stack.reason_to_skip(error), allow_module_level=True)

Where ``NNBOOK_REQUIRE_NOTEBOOK_STACK=1`` is set, as ``.ci/run`` does, nothing is skipped: a missing module of the
stack fails the run before any test starts (conftest.py), because a gate that skips is no gate.
"""

import importlib.util
import os

# Top-level modules, each installed by requirements.txt and none by the test extra.
MODULES = ("nbformat", "nbclient", "ipykernel", "nbval", "yaml", "sphinx", "docutils", "bs4", "pypdf")
REQUIRED = os.environ.get("NNBOOK_REQUIRE_NOTEBOOK_STACK") == "1"
INSTALL = "pip install -r requirements.txt"


def missing():
    """The modules of the notebook stack that are not installed here."""
    return [name for name in MODULES if importlib.util.find_spec(name) is None]


def reason_to_skip(error):
    """Why a test module whose imports raised the ``ModuleNotFoundError`` ``error`` is skipped.

    Only a missing module of the notebook stack is a reason to skip; any other is a real error, and raised
    again, as is every one under ``NNBOOK_REQUIRE_NOTEBOOK_STACK=1``.
    """
    name = (error.name or "").partition(".")[0]
    if REQUIRED or name not in MODULES:
        raise error
    return f"needs the notebook stack, and {name} is not installed: {INSTALL}"
