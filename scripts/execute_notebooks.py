"""Execute chapter notebooks in place, top to bottom in a fresh kernel, and record what produced the outputs.

    python scripts/execute_notebooks.py chapters/01_perceptron.ipynb [more notebooks ...]
    python scripts/execute_notebooks.py chapters/*.ipynb

This is how a chapter's stored outputs are made before committing (CONTRIBUTING.md, step 9). Like
`jupyter nbconvert --execute --inplace` it runs every cell with nbclient in the current environment's kernel and
saves the widget state; in addition it

- runs the kernel with one BLAS thread, as pytest does (faster for the book's small networks, and the same
  numbers);
- stores no execution timestamps, so re-running an unchanged chapter leaves the file unchanged;
- stores each figure as its image alone, without the ``<Figure size ...>`` text IPython sends along with it
  (``without_figure_reprs``; tests/nbval_plugin.py applies the same rule to nbval's fresh outputs);
- records in the notebook's metadata the versions the outputs were produced with, asked from the kernel itself:
  ``metadata.nnbook_environment = {python, numpy, matplotlib, nnbook}``. The book's reproducibility page shows
  them, and tests/test_notebook_hygiene.py checks they are there.

A notebook whose run fails is left untouched, and the script exits with status 1. The settings shared with
every other run of a chapter (BLAS threads, cell timeout, figure reprs) are in notebook_execution.py.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from notebook_execution import CELL_TIMEOUT, ONE_BLAS_THREAD, without_figure_reprs

# Run in the same kernel after the last cell, then removed again: the versions of what the cells used.
ENVIRONMENT_PROBE = """\
import json as _json, platform as _platform
import matplotlib as _matplotlib, nnbook as _nnbook, numpy as _numpy
print(_json.dumps({"python": _platform.python_version(), "numpy": _numpy.__version__,
                   "matplotlib": _matplotlib.__version__, "nnbook": _nnbook.__version__}))"""


def execute_in_place(path):
    """Execute the notebook at ``path`` and overwrite it with the outputs and ``metadata.nnbook_environment``."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # timestamps left by an earlier run with nbconvert or JupyterLab
    probe = nbformat.v4.new_code_cell(ENVIRONMENT_PROBE)
    nb.cells.append(probe)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    client.execute(env={**os.environ, **ONE_BLAS_THREAD})
    nb.cells.pop()
    for cell in nb.cells:
        if cell.cell_type == "code":
            without_figure_reprs(cell.outputs)
    printed = "".join(output.get("text", "") for output in probe.outputs if output.get("name") == "stdout")
    nb.metadata["nnbook_environment"] = json.loads(printed)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return nb.metadata["nnbook_environment"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path, help="the .ipynb files to execute in place")
    args = parser.parse_args(argv)
    status = 0
    for path in args.notebooks:
        if path.suffix != ".ipynb" or not path.is_file():
            print(f"{path}: not a notebook file", file=sys.stderr)
            status = 1
            continue
        start = time.perf_counter()
        try:
            environment = execute_in_place(path)
        except CellExecutionError as error:
            print(f"{path}: a cell failed, the file is unchanged:\n{error}", file=sys.stderr)
            status = 1
            continue
        versions = ", ".join(f"{name} {version}" for name, version in environment.items())
        print(f"{path}: executed in {time.perf_counter() - start:.1f} s ({versions})")
    return status


if __name__ == "__main__":
    sys.exit(main())
