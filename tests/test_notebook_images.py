"""Every figure stored in a chapter notebook is what the notebook draws today.

nbval compares text outputs only. Here each chapter listed in _toc.yml is executed afresh (once per session,
shared with the other checks that need a run) and every stored ``image/png`` output is compared with the new
one by matplotlib's image comparison, within ``IMAGE_TOLERANCE`` (tests/notebooks.py says why that value).
A failure names the notebook, the cell and the diff image saved under test-artifacts/.
"""

import pytest

import notebook_stack

try:
    import nbformat
    import nbval  # noqa: F401 (the nbval_outputs fixture, the run this check reuses, comes with it)

    from notebooks import ARTIFACTS, IMAGE_TOLERANCE, ROOT, chapter_notebooks, execute, image_mismatches, read
except ModuleNotFoundError as error:
    pytest.skip(notebook_stack.reason_to_skip(error), allow_module_level=True)

NOTEBOOKS = chapter_notebooks()


def test_the_toc_lists_chapter_notebooks():
    assert NOTEBOOKS, "_toc.yml names no notebook: nothing would be compared"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stored_figures_match_a_fresh_run(path, executed_notebooks):
    problems = image_mismatches(read(path), executed_notebooks[path], ARTIFACTS / "notebook-images" / path.stem)
    assert not problems, (
        f"{path.relative_to(ROOT)}: stored figures differ from a fresh run (tolerance {IMAGE_TOLERANCE} RMS):\n  "
        + "\n  ".join(problems)
        + "\nIf the change is intended, re-execute the notebook: python scripts/execute_notebooks.py "
        + str(path.relative_to(ROOT))
    )


# --- The comparison bites: a tiny notebook that draws one line, stored with its figure, then run again. ------

LINE_PLOT = """import matplotlib.pyplot as plt
plt.plot([0, 1], [0, 1], color="{colour}")
plt.show()"""


@pytest.fixture(scope="module")
def stored_line_plot(tmp_path_factory):
    """A one-cell notebook drawing a blue line, executed and saved as a chapter would be."""
    path = tmp_path_factory.mktemp("line") / "line.ipynb"
    cell = nbformat.v4.new_code_cell(LINE_PLOT.format(colour="C0"))
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    stored = execute(path)
    nbformat.write(stored, path)
    return path


def _copy_with_colour(stored_path, colour, tmp_path):
    nb = read(stored_path)
    nb.cells[0].source = LINE_PLOT.format(colour=colour)
    copy = tmp_path / "copy.ipynb"
    nbformat.write(nb, copy)
    return copy


def test_an_unchanged_copy_matches(stored_line_plot, tmp_path):
    copy = _copy_with_colour(stored_line_plot, "C0", tmp_path)
    assert image_mismatches(read(stored_line_plot), execute(copy), tmp_path / "artifacts") == []


def test_a_changed_plot_colour_fails_with_a_diff_image(stored_line_plot, tmp_path):
    copy = _copy_with_colour(stored_line_plot, "C3", tmp_path)  # red instead of blue
    problems = image_mismatches(read(stored_line_plot), execute(copy), tmp_path / "artifacts")
    assert len(problems) == 1
    assert problems[0].startswith("cell 0 (In [1]), figure 0: RMS difference")
    diff = problems[0].rsplit("diff image ", 1)[1]
    assert diff.endswith("-failed-diff.png") and (tmp_path / "artifacts" / diff.rsplit("/", 1)[1]).is_file()


def test_a_missing_figure_fails(stored_line_plot, tmp_path):
    fresh = read(stored_line_plot)
    fresh.cells[0].outputs = []
    assert image_mismatches(read(stored_line_plot), fresh, tmp_path / "artifacts") == [
        "cell 0 (In [1]): 1 stored figure(s), the fresh run drew 0"
    ]


# --- One run per notebook: nbval's run is reused when it covered every code cell. -----------------------------


def test_a_notebook_nbval_ran_in_full_is_not_executed_again(stored_line_plot, monkeypatch):
    import notebooks

    recorded = {stored_line_plot.resolve(): {0: read(stored_line_plot).cells[0].outputs}}
    monkeypatch.setattr(notebooks, "execute", lambda path: pytest.fail(f"{path} was executed a second time"))
    fresh = notebooks.NotebookRuns(recorded)[stored_line_plot]
    assert image_mismatches(read(stored_line_plot), fresh, stored_line_plot.parent / "artifacts") == []


def test_a_notebook_nbval_did_not_run_in_full_is_executed(stored_line_plot, monkeypatch):
    import notebooks

    executed = []
    monkeypatch.setattr(notebooks, "execute", lambda path: executed.append(path) or read(path))
    notebooks.NotebookRuns({})[stored_line_plot]
    assert executed == [stored_line_plot.resolve()]


def test_this_session_reused_nbvals_run_of_every_chapter(request, nbval_outputs):
    # Guards the speed-up itself: when nbval ran in this session (plain `pytest`), every chapter it ran is complete
    # in nbval_outputs, so no chapter is executed twice. Run without nbval, there is nothing to reuse.
    if not request.config.getoption("nbval", default=False):
        pytest.skip("nbval is not active in this run (e.g. `pytest -p no:nbval`)")
    ran = {path for path in NOTEBOOKS if path.resolve() in nbval_outputs}
    for path in ran:
        n_code = sum(cell.cell_type == "code" for cell in read(path).cells)
        assert sorted(nbval_outputs[path.resolve()]) == list(range(n_code)), path.name
