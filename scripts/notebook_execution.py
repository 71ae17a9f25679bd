"""How a chapter notebook is executed, wherever that happens: the facts every run of a chapter shares.

A chapter runs in three places: ``scripts/execute_notebooks.py`` makes its stored outputs, nbval re-runs it under
``pytest`` (tests/nbval_plugin.py) and the figure check runs it afresh when nbval did not (tests/notebooks.py).
They all take these settings from here. Standard library only: pytest's conftest.py loads this module in every
run, including the unit tests' run without the notebook stack.
"""

import re

# One BLAS thread per process: the chapters train small networks, for which threads bring no speed but
# contention. With the two processes of an nbval run (pytest and the notebook's kernel) each starting one thread
# per core, chapter 5 was measured 10-20x slower on a 2-core machine. The printed numbers do not depend on it.
ONE_BLAS_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

# Seconds one cell may run before its run fails: no cell of a chapter should take more than 10 s (CONTRIBUTING.md),
# so only a cell that hangs reaches it. Kept short because of a stall seen with nbclient (scripts/execute_notebooks.py,
# not nbval): now and then, mostly on a loaded machine, the reply to a cell that displays a widget is noticed only
# when this timeout ends, and the run then goes on with correct outputs; the timeout bounds what that costs.
CELL_TIMEOUT = 120

# IPython sends every figure as an image together with a text/plain repr, "<Figure size 640x480 with 1 Axes>".
# The book shows the image; the repr would only sit in the stored notebook as the text of an object that no
# reader sees, so it is not stored, and nbval does not compare it. Anywhere else in an output it is a stray repr
# (tests/test_notebook_hygiene.py), e.g. of a cell ending in `;`, which under nbval does not hide it.
FIGURE_REPR = re.compile(r"<Figure size [^<>]*>")


def without_figure_reprs(outputs):
    """Remove, in place, the text/plain figure repr from every output that also carries the figure's image."""
    for output in outputs:
        data = output.get("data", {})
        if "image/png" in data and FIGURE_REPR.fullmatch("".join(data.get("text/plain", "")).strip()):
            del data["text/plain"]
    return outputs
