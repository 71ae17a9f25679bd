"""The live notebooks: each chapter, opened from its "Run in your browser" link, runs in Chromium with Pyodide.

Run after building the book with the live notebooks (``python scripts/fetch_pyodide.py``, then
``jupyter-book build .``):  pytest -m browser tests/browser/test_live_notebooks.py

"The maths you need" and chapters 1-4 and 7 are opened from the link on their pages, run with *Run → Run All
Cells* and watched until their last cell has run; chapters 5 and 6, which train for minutes in a browser, until
their first trained network (their first ``fit(``). (A live chapter takes about half a minute to a minute and a
half on a 2-core runner, two at a time.) Nothing may be fetched from another host: every
request is recorded and any that leaves the book's server fails the test (``.ci/run`` also runs these tests in a
network namespace with nothing but loopback). The times to a ready kernel and to the last cell are written to
test-artifacts/live-notebooks.txt.

Without a live build (``NNBOOK_LIVE=0``, or no fetched Pyodide) these tests skip, except where
``NNBOOK_REQUIRE_LIVE=1`` is set, as in ``.ci/run``.
"""

import asyncio
import json
import os
import threading
import time
from dataclasses import dataclass, field

import pytest

from seed_lines import SEED_LINES

from .book_pages import HTML, ROOT, is_local

pytestmark = pytest.mark.browser

LITE = HTML / "lite"
REQUIRED = os.environ.get("NNBOOK_REQUIRE_LIVE") == "1"
CHAPTER_1 = "chapters/01_perceptron"
# Run to the end, or (chapters 5 and 6) through the first cell that trains a network.
TO_THE_END = ["chapters/maths", "chapters/01_perceptron", "chapters/02_activations", "chapters/03_forward_propagation"]
TO_THE_END += ["chapters/04_backpropagation", "chapters/07_autodiff"]
TO_THE_FIRST_FIT = ["chapters/05_digits", "chapters/06_generalisation"]
# Matplotlib's one-time message on its first import in a fresh Pyodide; not an error of the chapter.
HARMLESS_STDERR = ("Matplotlib is building the font cache; this may take a moment.",)
CHAPTER_TIMEOUT_S = 600
TIMINGS = ROOT / "test-artifacts" / "live-notebooks.txt"

PROMPTS = "() => Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'), e => e.textContent.trim())"
OUTPUTS = """() => Array.from(document.querySelectorAll('.jp-OutputArea-output'), e => ({
  mime: e.dataset.mimeType || '', text: e.innerText,
  images: Array.from(e.querySelectorAll('img'), img => img.complete && img.naturalWidth > 0)}))"""
SLIDERS = """() => Array.from(document.querySelectorAll('.widget-slider [role=slider]'))
  .filter(e => e.offsetWidth > 0).length"""


async def run_all_cells(tab):
    """*Run → Run All Cells*, again if the kernel was not yet listening (no cell starts), after any kernel dialog."""
    for _ in range(5):
        if await tab.locator(".jp-Dialog").count():
            await tab.locator(".jp-Dialog .jp-mod-accept").click()
        await tab.get_by_role("menuitem", name="Run", exact=True).click()
        await tab.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        for _ in range(60):
            if any(prompt != "[ ]:" for prompt in await tab.evaluate(PROMPTS)):
                return
            await tab.wait_for_timeout(500)
    raise TimeoutError("Run All Cells started no cell")


def live_chapters():
    """The chapters of the live site (docnames), or none without a live build."""
    contents = LITE / "files"
    return sorted(path.relative_to(contents).with_suffix("").as_posix() for path in contents.rglob("*.ipynb"))


def stop_cell(chapter):
    """The index among code cells of the last cell to wait for: the last one, or the first that calls fit()."""
    notebook = json.loads((ROOT / f"{chapter}.ipynb").read_text())
    sources = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
    if chapter in TO_THE_FIRST_FIT:
        for index, source in enumerate(sources):
            if "fit(" in source:
                return index
    return len(sources) - 1


@dataclass
class LiveRun:
    chapter: str
    failure: str = ""
    kernel_ready_s: float = 0.0  # from opening the notebook to the first cell's result (Pyodide, nnbook, NumPy)
    last_cell_s: float = 0.0  # from opening the notebook to the result of the last cell waited for
    cells_run: int = 0
    cells_total: int = 0
    outputs: list = field(default_factory=list)
    sliders: int = 0
    external_requests: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)


async def run_live(browser, base, chapter):
    from playwright.async_api import Error as PlaywrightError

    record = LiveRun(chapter)
    context = await browser.new_context()
    context.set_default_timeout(120_000)

    async def only_local(route):
        await (route.continue_() if is_local(route.request.url, base) else route.abort())

    await context.route("**/*", only_local)
    # On the context, so that the requests of the kernel's web worker and of the service worker are seen too.
    context.on("request", lambda r: None if is_local(r.url, base) else record.external_requests.append(r.url))
    # From the live notebook on: leaving the chapter's page may abort its own late requests (a MathJax font).
    live = []
    context.on("requestfailed", lambda r: live and record.failed_requests.append(f"{r.url}: {r.failure}"))
    tab = await context.new_page()
    start = time.monotonic()
    try:
        # The way a reader gets there: the "Run in your browser" link on the chapter's page.
        await tab.goto(f"{base}{chapter}.html")
        link = await tab.evaluate(
            "() => Array.from(document.querySelectorAll('a'), a => a.href).find(h => h.includes('/lite/notebooks/'))"
        )
        if not link:
            raise AssertionError("no 'Run in your browser' link on the page")
        await tab.goto("about:blank")
        live.append(True)
        start = time.monotonic()
        await tab.goto(link)
        await tab.wait_for_selector(".jp-Notebook .jp-CodeCell")
        await tab.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status=idle]")
        await run_all_cells(tab)
        last = stop_cell(chapter)
        while True:
            prompts = await tab.evaluate(PROMPTS)
            record.cells_total = len(prompts)
            record.cells_run = sum(prompt not in ("[ ]:", "[*]:") for prompt in prompts)
            if not record.kernel_ready_s and record.cells_run:
                record.kernel_ready_s = time.monotonic() - start
            if len(prompts) > last and prompts[last] not in ("[ ]:", "[*]:"):
                record.last_cell_s = time.monotonic() - start
                break
            if time.monotonic() - start > CHAPTER_TIMEOUT_S:
                raise TimeoutError(f"cell {last + 1} of {len(prompts)} had not run after {CHAPTER_TIMEOUT_S} s")
            await tab.wait_for_timeout(500)
        record.outputs = await tab.evaluate(OUTPUTS)
        record.sliders = await tab.evaluate(SLIDERS)
    except (PlaywrightError, AssertionError, TimeoutError) as error:
        record.failure = str(error).splitlines()[0]
    finally:
        await context.close()
    return record


def run_all(chromium, base, chapters):
    """Run ``chapters`` live in one Chromium, two tabs at a time (each kernel is a web worker: one core each)."""
    executable, args, workers = chromium
    from playwright.async_api import async_playwright

    async def main():
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=str(executable), args=args)
            slots = asyncio.Semaphore(workers)

            async def one(chapter):
                async with slots:
                    return await run_live(browser, base, chapter)

            runs = await asyncio.gather(*(one(chapter) for chapter in chapters))
            await browser.close()
        return {run.chapter: run for run in runs}

    results = {}
    thread = threading.Thread(target=lambda: results.update(value=asyncio.run(main())))
    thread.start()
    thread.join()
    return results["value"]


CHAPTERS = [chapter for chapter in TO_THE_END + TO_THE_FIRST_FIT if chapter in live_chapters()]


@pytest.fixture(scope="session")
def live_runs(site, chromium):
    if not live_chapters():
        message = f"no live notebooks in {LITE.relative_to(ROOT)}: build with them (python scripts/fetch_pyodide.py)"
        if REQUIRED:
            pytest.fail(f"{message}; NNBOOK_REQUIRE_LIVE=1: they must run here", pytrace=False)
        pytest.skip(message)
    runs = run_all(chromium, site, CHAPTERS)
    TIMINGS.parent.mkdir(exist_ok=True)
    lines = [f"{'chapter':32} {'kernel ready':>12} {'last cell':>10}  cells run"]
    for run in runs.values():
        lines.append(
            f"{run.chapter:32} {run.kernel_ready_s:11.0f}s {run.last_cell_s:9.0f}s  {run.cells_run}/{run.cells_total}"
            + (f"  FAILED: {run.failure}" if run.failure else "")
        )
    TIMINGS.write_text("\n".join(lines) + "\n")
    return runs


def get(live_runs, chapter):
    run = live_runs[chapter]
    if run.failure:
        pytest.fail(f"{chapter}: the live notebook did not run: {run.failure}", pytrace=False)
    return run


def test_every_chapter_has_a_live_notebook(live_runs):
    from notebooks import chapter_notebooks

    expected = {path.relative_to(ROOT).with_suffix("").as_posix() for path in chapter_notebooks()}
    missing = sorted(expected - set(live_chapters()))
    assert not missing, f"chapters without a live notebook in {LITE}: {missing}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chapter_runs_live_without_errors(chapter, live_runs):
    run = get(live_runs, chapter)
    errors = [
        output["text"].strip()[:500]
        for output in run.outputs
        if output["mime"] in ("application/vnd.jupyter.stderr", "application/vnd.jupyter.error")
        and output["text"].strip() not in HARMLESS_STDERR
    ]
    assert not errors, f"{chapter}: errors in the live notebook:\n" + "\n---\n".join(errors)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_nothing_is_requested_from_another_host(chapter, live_runs):
    run = live_runs[chapter]
    assert not run.external_requests, f"{chapter} (live) asks another host for:\n  " + "\n  ".join(
        run.external_requests
    )
    assert not run.failed_requests, f"{chapter} (live): requests that failed:\n  " + "\n  ".join(run.failed_requests)


def test_chapter_1_live_prints_the_seed_lines_and_draws(live_runs):
    run = get(live_runs, CHAPTER_1)
    text = "\n".join(output["text"] for output in run.outputs)
    missing = [line for line in SEED_LINES if line not in text]
    assert not missing, f"{CHAPTER_1} (live): the seed's lines are not in the output: {missing}"
    figures = sum(sum(output["images"]) for output in run.outputs)
    assert figures, f"{CHAPTER_1} (live): no figure was drawn"
    assert run.sliders, f"{CHAPTER_1} (live): the learning-rate widget shows no slider"
