"""Every page of the built book works in a real browser, offline.

Run after building the book:  pytest -m browser tests/browser
Each page is opened once in Chromium over HTTP on 127.0.0.1 (conftest.py); these tests check what it saw.
"""

import pytest

import notebook_stack

try:
    from notebooks import ROOT, chapter_notebooks
except ModuleNotFoundError as error:
    pytest.skip(notebook_stack.reason_to_skip(error), allow_module_level=True)

from .book_pages import alt_problem, pages_to_test

pytestmark = pytest.mark.browser

PAGES = pages_to_test()
NOTEBOOK_PAGES = [path.relative_to(ROOT).with_suffix(".html").as_posix() for path in chapter_notebooks()]
CHAPTER_1 = "chapters/01_perceptron.html"

# Console errors that are not the book's, each matched narrowly (message and URL) and explained.
ALLOWED_CONSOLE_ERRORS = [
    # None today. (The book names its icon, figures/favicon.svg; without one, Chromium would ask for
    # /favicon.ico and log the 404 as a console error.) Add an entry only for an error that is not the book's,
    # matched narrowly by message and URL, with the reason: (re.compile(message), re.compile(url)).
]


def test_the_book_has_pages(site):
    assert CHAPTER_1 in PAGES, f"{CHAPTER_1} is not among the built pages {PAGES}"
    missing = sorted(set(NOTEBOOK_PAGES) - set(PAGES))
    assert not missing, f"chapters listed in _toc.yml but not built: {missing}"


@pytest.mark.parametrize("page", PAGES)
def test_no_console_errors(page, visits):
    errors = [
        error
        for error in visits[page].console_errors
        if not any(text.search(error["text"]) and url.search(error["url"]) for text, url in ALLOWED_CONSOLE_ERRORS)
    ]
    assert not errors, f"{page}: console errors:\n" + "\n".join(f"  {e['text']} ({e['url']})" for e in errors)


@pytest.mark.parametrize("page", PAGES)
def test_nothing_is_requested_from_another_host(page, visits):
    external = visits[page].external_requests
    assert not external, (
        f"{page} asks another host for (the book must work offline; vendor the file, "
        f"see scripts/vendor_js.sh):\n  " + "\n  ".join(external)
    )


@pytest.mark.parametrize("page", PAGES)
def test_every_request_succeeds(page, visits):
    failed = visits[page].failed_requests
    assert not failed, f"{page}: requests that failed:\n  " + "\n  ".join(failed)


@pytest.mark.parametrize("page", PAGES)
def test_maths_is_typeset(page, visits):
    math = visits[page].math
    problems = [f"not typeset: {text!r}" for text in math["untypeset"]]
    problems += [f"TeX error: {text!r}" for text in math["errors"]]
    problems += [f"raw TeX in the text: {text!r}" for text in math["raw"]]
    if math["sources"] and not math["containers"]:
        problems.append(f"{math['sources']} formulas but no MathJax output (did MathJax load?)")
    assert not problems, f"{page}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("page", PAGES)
def test_every_image_loads_and_has_alt_text(page, visits):
    problems = []
    for image in visits[page].images:
        if not (image["complete"] and image["width"] > 0):
            problems.append(f"{image['src']}: did not load")
        problem = alt_problem(image["alt"])
        if problem:
            problems.append(f"{image['src']}: {problem}")
    assert not problems, f"{page}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_notebook_pages_have_binder_and_colab_buttons(page, visits):
    notebook = page.removesuffix(".html") + ".ipynb"
    links = visits[page].links
    binder = [link for link in links if link.startswith("https://mybinder.org/v2/gh/") and notebook in link]
    colab = [
        link
        for link in links
        if link.startswith("https://colab.research.google.com/github/") and link.endswith("/" + notebook)
    ]
    assert binder, f"{page}: no Binder launch button opening {notebook}"
    assert colab, f"{page}: no Colab launch button opening {notebook}"


@pytest.mark.parametrize("page", PAGES)
def test_widgets_render_from_their_saved_state(page, visits):
    problems = [
        f"widget {w['model']}: " + (w["error"] or ("not rendered" if not w["rendered"] else "not visible"))
        for w in visits[page].widgets
        if w["error"] or not (w["rendered"] and w["visible"])
    ]
    assert not problems, f"{page}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("page", [CHAPTER_1])
def test_the_chapter_1_widget_shows_its_slider_and_figure(page, visits):
    widget = visits[page].widget_dom
    assert widget == {"interact": True, "slider": True, "label": "η", "figure": True}, (
        f"{page}: the learning-rate widget should show its slider (labelled η) and the figure saved with it; "
        f"found {widget}"
    )


@pytest.mark.parametrize("redirect", ["index.html"])
def test_the_root_redirects_to_the_welcome_page(redirect, redirects, site):
    assert redirects[redirect] == site + "chapters/welcome.html"
