"""Open the pages of the built book in Chromium, as a reader's browser gets them, and record what happened.

One visit per page and session (shared through the ``visits`` fixture) records everything the browser tests
assert on: console errors, every request, the typeset maths, the images, the launch links, the widgets and the
axe-core findings. Each test then checks one of these, so a failure names the page and what is wrong with it.
"""

import asyncio
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

# Sphinx's generated pages, which are not pages of the book: the general and Python module indices and the
# search results page (no chapter links to them; the search box leads to search.html), and the redirect at the
# root, which is checked on its own. The folders hold no pages: template fragments (_static), page sources,
# highlighted module code and images; lite/ is the JupyterLite site of the live notebooks (test_live_notebooks.py).
NOT_BOOK_PAGES = {"genindex.html", "py-modindex.html", "search.html", "index.html"}
NOT_BOOK_FOLDERS = {"_static", "_sources", "_modules", "_images", "lite"}

# The WCAG 2.1 A and AA rules of axe-core.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TIMEOUT_MS = 60_000  # MathJax typesets a long chapter in a few seconds; a slow CI runner gets room

WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'


def book_pages(html=HTML):
    """The book's pages: every .html under ``html`` except Sphinx's generated index, search and redirect pages."""
    if not html.is_dir():
        return []
    pages = []
    for path in sorted(html.rglob("*.html")):
        relative = path.relative_to(html)
        if relative.parts[0] in NOT_BOOK_FOLDERS or relative.as_posix() in NOT_BOOK_PAGES:
            continue
        pages.append(relative.as_posix())
    return pages


def pages_to_test(html=HTML):
    """``book_pages()``, or without a build one placeholder, so that the fixtures report the missing build (a
    skip, or a failure where the browser tests are required) rather than pytest skipping an empty list."""
    return book_pages(html) or ["(the book is not built)"]


def is_local(url, base):
    """Whether the browser may fetch ``url``: this site, or data that is inside the page already."""
    scheme = urlsplit(url).scheme
    return url.startswith(base) or scheme in ("data", "blob", "about")


@dataclass
class PageVisit:
    """What the browser saw on one page."""

    page: str
    failure: str = ""  # why the page could not be checked (it did not load or settle), if it could not
    console_errors: list = field(default_factory=list)
    external_requests: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    math: dict = field(default_factory=dict)
    images: list = field(default_factory=list)
    links: list = field(default_factory=list)
    widgets: list = field(default_factory=list)
    widget_dom: dict = field(default_factory=dict)
    axe_violations: list = field(default_factory=list)


# Run in the page once everything has settled.
MATH_FACTS = r"""() => {
  const skip = "pre, code, script, style, textarea, mjx-container, .highlight";
  const untypeset = Array.from(document.querySelectorAll(".math"))
    .filter(el => !el.querySelector("mjx-container"))
    .map(el => el.textContent.trim().slice(0, 80));
  const errors = Array.from(document.querySelectorAll("mjx-merror"))
    .map(el => (el.getAttribute("data-mjx-error") || el.textContent).slice(0, 80));
  const raw = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement && !node.parentElement.closest(skip) && /\\\(|\\\[|\$\$/.test(node.nodeValue)) {
      raw.push(node.nodeValue.trim().slice(0, 80));
    }
  }
  return {sources: document.querySelectorAll(".math").length,
          containers: document.querySelectorAll("mjx-container").length, untypeset, errors, raw};
}"""

IMAGE_FACTS = """() => Array.from(document.images).map(img => ({
  src: (img.currentSrc || img.src).slice(0, 120), alt: img.getAttribute("alt"), complete: img.complete,
  width: img.naturalWidth}))"""

WIDGET_FACTS = """selector => Array.from(document.querySelectorAll(selector)).map(script => {
  const view = script.parentElement ? script.parentElement.querySelector(".jupyter-widgets") : null;
  const box = view ? view.getBoundingClientRect() : null;
  return {model: JSON.parse(script.textContent).model_id, rendered: view !== null,
          visible: box !== null && box.width > 0 && box.height > 0,
          error: view && /^Error (displaying|creating) widget/.test(view.textContent) ? view.textContent : null};
})"""

# Chapter 1's widget: the interact box with its slider and the figure it drew, as the saved state has them.
WIDGET_DOM = """() => {
  const visible = el => {
    if (!el) return false;
    const b = el.getBoundingClientRect();
    return b.width > 0 && b.height > 0;
  };
  const box = document.querySelector(".widget-interact");
  return {interact: visible(box),
          slider: visible(box && box.querySelector(".widget-slider [role=slider]")),
          label: box && box.querySelector(".widget-slider .widget-label") ?
                 box.querySelector(".widget-slider .widget-label").textContent.trim() : null,
          figure: visible(box && box.querySelector(".widget-output img"))};
}"""

AXE_RUN = """async tags => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      targets: v.nodes.map(n => n.target.join(" "))}));
}"""


async def visit(browser, base, page):
    """Open ``base + page`` in a fresh browser context, let it settle, and return a ``PageVisit``."""
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import TimeoutError as PlaywrightTimeoutError

    record = PageVisit(page)
    context = await browser.new_context(service_workers="block")
    context.set_default_timeout(PAGE_TIMEOUT_MS)

    # Nothing leaves this machine: a request to another host is recorded (below) and never sent.
    async def only_local(route):
        await (route.continue_() if is_local(route.request.url, base) else route.abort())

    await context.route("**/*", only_local)
    tab = await context.new_page()
    tab.on(
        "request", lambda request: None if is_local(request.url, base) else record.external_requests.append(request.url)
    )
    tab.on(
        "requestfailed",
        lambda request: (
            record.failed_requests.append(f"{request.url}: {request.failure}") if is_local(request.url, base) else None
        ),
    )
    tab.on(
        "response",
        lambda response: (
            record.failed_requests.append(f"{response.url}: HTTP {response.status}") if response.status >= 400 else None
        ),
    )
    tab.on(
        "console",
        lambda message: (
            record.console_errors.append({"text": message.text, "url": message.location.get("url", "")})
            if message.type == "error"
            else None
        ),
    )
    tab.on("pageerror", lambda error: record.console_errors.append({"text": f"uncaught: {error}", "url": ""}))
    try:
        await tab.goto(base + page, wait_until="load")
        # MathJax 3 typesets once it has started; pages without maths do not load it.
        await tab.evaluate(
            "async () => { if (window.MathJax && MathJax.startup && MathJax.startup.promise) "
            "await MathJax.startup.promise; }"
        )
        if await tab.locator(WIDGET_VIEW).count():
            # The widget manager renders each saved view after the load event; an error counts as rendered.
            try:
                await tab.wait_for_function(
                    f"""() => Array.from(document.querySelectorAll('{WIDGET_VIEW}'))
                    .every(s => s.parentElement && s.parentElement.querySelector('.jupyter-widgets'))""",
                    timeout=20_000,
                )
            except PlaywrightTimeoutError:  # recorded below as widgets that did not render
                pass
        await tab.wait_for_function("() => Array.from(document.images).every(img => img.complete)")
        await tab.evaluate("async () => { await document.fonts.ready; }")
        await tab.wait_for_timeout(300)  # let late requests (fonts, widget styles) start and be recorded
        record.math = await tab.evaluate(MATH_FACTS)
        record.images = await tab.evaluate(IMAGE_FACTS)
        record.links = await tab.evaluate("() => Array.from(document.querySelectorAll('a[href]'), a => a.href)")
        record.widgets = await tab.evaluate(WIDGET_FACTS, WIDGET_VIEW)
        record.widget_dom = await tab.evaluate(WIDGET_DOM)
        await tab.add_script_tag(path=str(AXE))  # injected inline: no request
        record.axe_violations = await tab.evaluate(AXE_RUN, AXE_TAGS)
    except PlaywrightError as error:
        record.failure = str(error).splitlines()[0]
    finally:
        await context.close()
    return record


async def redirect_target(browser, base, page):
    """The URL the browser ends on after opening ``page`` (a redirect page) and waiting for it to move on."""
    context = await browser.new_context()
    try:
        tab = await context.new_page()
        await tab.goto(base + page)
        await tab.wait_for_url(lambda url: url != base + page, timeout=10_000)
        return tab.url
    finally:
        await context.close()


async def _visit_all(executable, args, base, pages, redirects, workers):
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(executable), args=args)
        slots = asyncio.Semaphore(workers)

        async def one(job, page):
            async with slots:
                return await job(browser, base, page)

        visits = await asyncio.gather(*(one(visit, page) for page in pages))
        targets = await asyncio.gather(*(one(redirect_target, page) for page in redirects))
        await browser.close()
    return dict(zip(pages, visits, strict=True)), dict(zip(redirects, targets, strict=True))


def visit_all(executable, args, base, pages, redirects=(), workers=2):
    """Visit ``pages`` (and follow ``redirects``) in one Chromium, ``workers`` tabs at a time.

    Returns ``({page: PageVisit}, {redirect page: final URL})``. The pages' JavaScript (MathJax, axe-core) runs in
    one renderer process per tab, so two tabs use two cores. Runs in its own thread and event loop, apart from
    pytest's.
    """
    results = {}

    def run():
        try:
            results["value"] = asyncio.run(_visit_all(executable, args, base, list(pages), list(redirects), workers))
        except BaseException as error:  # re-raised in the calling thread
            results["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in results:
        raise results["error"]
    return results["value"]


FILE_NAME = re.compile(r"\.(png|jpe?g|svg|gif|webp)$", re.IGNORECASE)


def alt_problem(alt):
    """Why an image's alt text is not meaningful, or None: it must say something, and not be a file name."""
    if alt is None or not alt.strip():
        return "no alt text"
    if FILE_NAME.search(alt.strip()):
        return f"a file name as alt text: {alt!r}"
    if not re.search(r"[^\W\d_]", alt):
        return f"an alt text without a word: {alt!r}"
    return None
