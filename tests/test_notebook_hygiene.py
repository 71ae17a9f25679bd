"""The stored notebooks are clean: what a reader sees was produced by one honest top-to-bottom run.

These checks read the notebooks as committed (no kernel). CONTRIBUTING.md gives the conventions they enforce;
each failure names the notebook and the cells to fix.
"""

import re

import pytest

import notebook_stack
from notebook_execution import FIGURE_REPR

try:
    from notebooks import CHAPTERS, ROOT, WIDGET_VIEW, read, toc_entries, toc_source
except ModuleNotFoundError as error:
    pytest.skip(notebook_stack.reason_to_skip(error), allow_module_level=True)

NOTEBOOKS = sorted(p for p in CHAPTERS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
IDS = [p.stem for p in NOTEBOOKS]
by_notebook = pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif")

# Text that differs between two honest runs or between machines, or that leaks the author's machine.
MEMORY_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,16}\b")
MACHINE_PATH = re.compile(r"(?<![\w./])(/root/|/home/|/tmp/|/work/|/Users/|[A-Za-z]:\\Users\\)")
MATPLOTLIB_REPR = re.compile(r"<matplotlib\.[\w.]+")
# Installing from a notebook cell: only the guarded first cell may (on Colab, when nnbook is missing).
INSTALL = re.compile(
    r"[%!]\s*(pip|conda|mamba|apt|apt-get)\b|\b(pip3?|conda|mamba)\s+install\b"
    r"|-m\s+pip\b|\bapt(-get)?\s+(install|update)\b"
)
# Alt text says what a figure shows: a few words, not the name of the image file.
MIN_ALT_WORDS = 4
FILE_NAME = re.compile(r"\.(png|jpe?g|svg|gif|webp|pdf)\s*$", re.IGNORECASE)
# MyST figure/image directives in markdown cells (``` or ::: fences) and their option lines.
DIRECTIVE = re.compile(
    r"^[ \t]*(?:`{3,}|:{3,})\{(figure|image)\}[ \t]*(\S*)[ \t]*\n((?:[ \t]*:[\w-]+:.*\n?)*)", re.MULTILINE
)
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"""\balt\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)


def code_cells(nb):
    return [(index, cell) for index, cell in enumerate(nb.cells) if cell.cell_type == "code"]


def output_texts(output):
    """The text a reader can see in one output: stream text and every textual representation."""
    if output.output_type == "stream":
        return [output.text]
    if output.output_type == "error":
        return ["\n".join(output.get("traceback", []))]
    data = output.get("data", {})
    return [
        value if isinstance(value, str) else str(value)
        for mime, value in data.items()
        if mime.startswith("text/") or mime.endswith("json")
    ]


def alt_problem(alt):
    """Why ``alt`` is not a meaningful alt text, or None if it is."""
    alt = (alt or "").strip()
    if not alt:
        return "has no alt text"
    if FILE_NAME.search(alt):
        return f"has a file name as alt text: {alt!r}"
    if len(alt.split()) < MIN_ALT_WORDS:
        return f"has an alt text of fewer than {MIN_ALT_WORDS} words: {alt!r}"
    return None


def name(path):
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def report(path, problems):
    return f"{name(path)}:\n  " + "\n  ".join(problems)


# --- The table of contents and the notebooks agree ---------------------------------------------------------


def test_every_notebook_is_in_the_toc():
    listed = {toc_source(entry) for entry in toc_entries()}
    missing = [str(p.relative_to(ROOT)) for p in NOTEBOOKS if p not in listed]
    assert not missing, f"notebooks not listed in _toc.yml (so never built): {missing}"


def test_every_toc_entry_exists():
    missing = [entry for entry in toc_entries() if toc_source(entry) is None]
    assert not missing, f"_toc.yml names files that do not exist (as .ipynb, .md or .rst): {missing}"


# --- One clean run, top to bottom -----------------------------------------------------------------------------


@by_notebook
def test_execution_counts_run_from_1_to_n(path):
    counts = [cell.execution_count for _, cell in code_cells(read(path)) if cell.source.strip()]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{name(path)}: execution counts are {counts}, not 1..{len(counts)}: run the notebook from "
        f"top to bottom in a fresh kernel (python scripts/execute_notebooks.py {name(path)})"
    )


@by_notebook
def test_no_error_or_stderr_output(path):
    problems = []
    for index, cell in code_cells(read(path)):
        for output in cell.outputs:
            if output.output_type == "error":
                problems.append(f"cell {index}: error output {output.get('ename')}: {output.get('evalue')}")
            elif output.output_type == "stream" and output.name == "stderr":
                problems.append(f"cell {index}: stderr output (a warning?): {output.text.strip()[:200]!r}")
    assert not problems, report(path, problems)


@by_notebook
def test_no_memory_addresses_machine_paths_or_stray_reprs(path):
    problems = []
    for index, cell in code_cells(read(path)):
        for output in cell.outputs:
            # A figure is stored as its image alone (scripts/execute_notebooks.py drops the repr IPython sends
            # with it); a figure repr left over is a stray one (FIGURE_REPR, scripts/notebook_execution.py):
            # end plotting cells with plt.show().
            for text in output_texts(output):
                for pattern, what in [
                    (MEMORY_ADDRESS, "a memory address"),
                    (MACHINE_PATH, "a machine path"),
                    (MATPLOTLIB_REPR, "a matplotlib object repr"),
                    (FIGURE_REPR, "a figure repr"),
                ]:
                    found = pattern.search(text)
                    if found:
                        problems.append(f"cell {index}: {what} in the output: {found.group(0)!r}")
    assert not problems, report(path, problems)


@by_notebook
def test_only_the_guarded_first_cell_installs(path):
    cells = code_cells(read(path))
    assert cells, f"{name(path)} has no code cell"
    first_index, first = cells[0]
    problems = []
    if "remove-cell" not in first.metadata.get("tags", []):
        problems.append(f"cell {first_index}: the guarded install cell must be tagged remove-cell")
    if INSTALL.search(first.source) and "except ImportError" not in first.source:
        problems.append(f"cell {first_index}: the install must be guarded (try: import nnbook / except ImportError)")
    for index, cell in cells[1:]:
        found = INSTALL.search(cell.source)
        if found:
            problems.append(
                f"cell {index}: installs packages ({found.group(0)!r}); only the guarded first cell "
                f"may, everything else belongs in requirements.txt"
            )
    assert not problems, report(path, problems)


# --- What the page shows ----------------------------------------------------------------------------------


@by_notebook
def test_every_figure_has_meaningful_alt_text(path):
    problems = []
    for index, cell in enumerate(read(path).cells):
        if cell.cell_type == "code":
            if any(m in output.get("data", {}) for output in cell.outputs for m in IMAGE_TYPES):
                alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt")
                problem = alt_problem(alt)
                if problem:
                    problems.append(f"cell {index}: the figure {problem} (set the cell metadata mystnb.image.alt)")
        elif cell.cell_type == "markdown":
            for kind, target, options in DIRECTIVE.findall(cell.source):
                found = re.search(r"^[ \t]*:alt:[ \t]*(.*)$", options, re.MULTILINE)
                problem = alt_problem(found.group(1) if found else "")
                if problem:
                    problems.append(f"cell {index}: the {{{kind}}} {target} {problem} (add an :alt: option)")
            for alt, target in MARKDOWN_IMAGE.findall(cell.source):
                problem = alt_problem(alt)
                if problem:
                    problems.append(f"cell {index}: the image {target} {problem}")
            for tag in HTML_IMG.findall(cell.source):
                found = HTML_ALT.search(tag)
                problem = alt_problem(found.group(2) if found else "")
                if problem:
                    problems.append(f"cell {index}: {tag[:60]} {problem}")
    assert not problems, report(path, problems)


@by_notebook
def test_widgets_have_their_state_saved(path):
    """A widget is drawn on the page from the state saved in the notebook; without it the page shows an empty box.

    nbclient and nbconvert save the state of every widget; JupyterLab may not (Settings: "Save Widget State").
    """
    nb = read(path)
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    problems = []
    for index, cell in code_cells(nb):
        for output in cell.outputs:
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                continue
            # The view's model and every model it refers to (children, layouts, styles) must be saved.
            todo, seen = [view["model_id"]], set()
            while todo:
                model_id = todo.pop()
                if model_id in seen:
                    continue
                seen.add(model_id)
                if model_id not in state:
                    problems.append(
                        f"cell {index}: widget model {model_id} is not in the notebook's saved widget "
                        f"state (metadata.widgets): re-execute with scripts/execute_notebooks.py"
                    )
                    continue
                todo.extend(re.findall(r"IPY_MODEL_([0-9a-f]+)", str(state[model_id].get("state", {}))))
    assert not problems, report(path, problems)


# --- The reproducibility page's source ------------------------------------------------------------------------

ENVIRONMENT_KEYS = ("python", "numpy", "matplotlib", "nnbook")


@by_notebook
def test_the_environment_of_the_outputs_is_recorded(path):
    """scripts/execute_notebooks.py records the versions the stored outputs were made with; the
    reproducibility page shows them. A notebook run any other way lacks them: run it with that script."""
    nb = read(path)
    environment = nb.metadata.get("nnbook_environment", {})
    missing = [key for key in ENVIRONMENT_KEYS if not environment.get(key)]
    assert not missing, (
        f"{name(path)}: metadata.nnbook_environment lacks {missing}: re-execute the notebook with "
        f"python scripts/execute_notebooks.py {name(path)}"
    )
    python = nb.metadata.get("language_info", {}).get("version")
    assert environment["python"] == python, (
        f"{name(path)}: nnbook_environment says Python {environment['python']} but language_info says "
        f"{python}: the metadata comes from two different runs; re-execute the notebook"
    )
