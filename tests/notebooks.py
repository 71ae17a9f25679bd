"""The book's chapter notebooks for the notebook checks: which they are, how they are run, how figures compare.

Each chapter is executed once per test session and every check that needs a fresh run (today: the figure
comparison) uses that run, through the session fixture ``executed_notebooks`` in conftest.py (``NotebookRuns``).
The run is nbval's own: tests/nbval_plugin.py keeps the outputs nbval received for each cell. Only a chapter
nbval did not run in full this session (``pytest tests``, or a cell nbval skipped) is executed here, in a fresh
kernel with nbclient, with the settings of every chapter run (scripts/notebook_execution.py).

Needs the notebook stack (tests/notebook_stack.py).
"""

import base64
import shutil
from pathlib import Path

import nbformat
import yaml

from notebook_execution import CELL_TIMEOUT

ROOT = Path(__file__).resolve().parent.parent
TOC = ROOT / "_toc.yml"
CHAPTERS = ROOT / "chapters"
# Diff images of failed comparisons go here (gitignored); CI can keep the folder as an artifact.
ARTIFACTS = ROOT / "test-artifacts"

# Largest RMS difference (0-255 scale, over all pixels and channels, as matplotlib.testing computes it) between
# a stored figure and the same figure drawn again that still counts as equal. Measured with the pinned
# requirements: a fresh run redraws every chapter figure pixel for pixel (RMS 0). A real change is well above 1:
# recolouring one line of chapter 1's bias figure measured 8.9, recolouring only its 5-pt origin marker 2.2
# (and a colour change no reader could see, #1f77b4 to #1f77b5, 0.04). So 1 catches any visible change, while
# leaving room for anti-aliasing noise on another machine: a line edge moved by a fraction of a pixel changes a
# few hundred pixels by a few levels (300 pixels of a 640x480 figure off by 10 levels give an RMS of 0.3).
IMAGE_TOLERANCE = 1

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def toc_entries(toc=TOC):
    """Every file named in ``_toc.yml`` (root, parts, chapters, sections), as written there: no suffix."""
    entries = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if key in node:
                    entries.append(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(toc.read_text(encoding="utf-8")))
    return entries


def toc_source(entry, root=ROOT):
    """The source file of a toc entry (``.ipynb``, ``.md`` or ``.rst``), or None if there is none."""
    for suffix in (".ipynb", ".md", ".rst"):
        path = root / f"{entry}{suffix}"
        if path.is_file():
            return path
    return None


def chapter_notebooks(root=ROOT):
    """The notebooks listed in ``_toc.yml``, in reading order."""
    paths = (toc_source(entry, root) for entry in toc_entries(root / "_toc.yml"))
    return [path for path in paths if path is not None and path.suffix == ".ipynb"]


def read(path):
    return nbformat.read(path, as_version=4)


def execute(path, cwd=None):
    """Run a notebook from top to bottom in a fresh kernel and return the executed copy (the file is untouched).

    The kernel is the current Python environment's, started in the notebook's folder (or ``cwd``); it inherits
    this process's environment, in which conftest.py asks for one BLAS thread. Errors raise
    ``nbclient.exceptions.CellExecutionError`` naming the cell.
    """
    from nbclient import NotebookClient

    nb = read(path)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(cwd or Path(path).parent)}},
    )
    client.execute()
    return nb


class NotebookRuns:
    """Each notebook as a fresh run drew it, executed at most once per session.

    ``nbval_outputs`` is ``{notebook path: {code cell number: outputs}}`` from nbval's run in this session
    (tests/nbval_plugin.py); a notebook that nbval ran in full is taken from there, any other is executed.
    """

    def __init__(self, nbval_outputs=None):
        self._nbval = nbval_outputs if nbval_outputs is not None else {}
        self._runs = {}

    def __getitem__(self, path):
        path = Path(path).resolve()
        if path not in self._runs:
            self._runs[path] = self._from_nbval(path) or execute(path)
        return self._runs[path]

    def _from_nbval(self, path):
        notebook = read(path)
        code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
        recorded = self._nbval.get(path, {})
        if sorted(recorded) != list(range(len(code_cells))):
            return None
        for number, cell in enumerate(code_cells):
            if not _shows_a_widget(cell):
                cell.outputs = [nbformat.from_dict(output) for output in recorded[number]]
            # A widget cell keeps its stored outputs: a widget's figure is saved in the widget state, not in the
            # cell's outputs, so there is no stored figure to compare; and under nbval, which has no widget
            # frontend, the same cell prints its figure as a plain output instead (why it is nbval-ignore-output).
        return notebook


def _shows_a_widget(cell):
    return any(WIDGET_VIEW in output.get("data", {}) for output in cell.get("outputs", []))


def _png_outputs(cell):
    return [output["data"]["image/png"] for output in cell.get("outputs", []) if "image/png" in output.get("data", {})]


def image_mismatches(stored, fresh, artifacts, tol=IMAGE_TOLERANCE):
    """Compare every stored ``image/png`` output with the one a fresh run drew; describe each difference.

    ``stored`` and ``fresh`` are the same notebook before and after execution. Both images of every pair that
    differs by more than ``tol`` RMS are written to the folder ``artifacts``, with matplotlib's diff image.
    Returns a list of messages, one per differing figure: empty when all figures match.
    """
    from matplotlib.testing.compare import compare_images
    from matplotlib.testing.exceptions import ImageComparisonFailure

    artifacts = Path(artifacts)
    shutil.rmtree(artifacts, ignore_errors=True)  # no stale diffs from an earlier run
    problems = []
    for index, (old, new) in enumerate(zip(stored.cells, fresh.cells, strict=True)):
        if old.cell_type != "code":
            continue
        cell = f"cell {index} (In [{old.get('execution_count')}])"
        old_images, new_images = _png_outputs(old), _png_outputs(new)
        if len(old_images) != len(new_images):
            problems.append(f"{cell}: {len(old_images)} stored figure(s), the fresh run drew {len(new_images)}")
            continue
        for number, (old_png, new_png) in enumerate(zip(old_images, new_images, strict=True)):
            artifacts.mkdir(parents=True, exist_ok=True)
            expected = artifacts / f"cell{index:03d}-{number}-stored.png"
            actual = artifacts / f"cell{index:03d}-{number}-fresh.png"
            expected.write_bytes(base64.b64decode(old_png))
            actual.write_bytes(base64.b64decode(new_png))
            try:
                result = compare_images(expected, actual, tol, in_decorator=True)
            except ImageComparisonFailure as error:  # e.g. the figure changed size
                problems.append(f"{cell}, figure {number}: {error}; images in {artifacts}")
                continue
            if result is None:
                expected.unlink()
                actual.unlink()
            else:
                problems.append(
                    f"{cell}, figure {number}: RMS difference {result['rms']:.2f} > {tol}; diff image {result['diff']}"
                )
    if artifacts.is_dir() and not any(artifacts.iterdir()):
        artifacts.rmdir()
    return problems
