"""Fixtures of the browser tests: the built book served on a loopback port, and Debian's Chromium.

The tests need the built book (`jupyter-book build .`, in _build/html) and Chromium (`apt-get install chromium`,
/usr/bin/chromium; another binary can be named with NNBOOK_CHROMIUM). Without either they are skipped with the
reason, except where NNBOOK_REQUIRE_BROWSER=1 is set, as .ci/run does: there a missing browser or build fails the
run, because a gate that skips is no gate.
"""

import functools
import http.server
import os
import threading

import pytest

from chromium import CHROMIUM, CHROMIUM_ARGS

from .book_pages import HTML, visit_all

REQUIRED = os.environ.get("NNBOOK_REQUIRE_BROWSER") == "1"
# Tabs open at once: each tab's JavaScript (MathJax, axe-core) runs in its own renderer process, so a second
# tab keeps a second core busy; more only queue on a 2-core runner.
WORKERS = 2


def unavailable(reason):
    """Skip the browser tests, or fail them where they are required (NNBOOK_REQUIRE_BROWSER=1)."""
    if REQUIRED:
        pytest.fail(f"{reason} (NNBOOK_REQUIRE_BROWSER=1: the browser tests must run here)", pytrace=False)
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the tests report failed requests themselves
        pass


@pytest.fixture(scope="session")
def site():
    """The base URL (with a trailing slash) at which _build/html is served over HTTP on 127.0.0.1."""
    if not (HTML / "index.html").is_file():
        unavailable(
            f"the book is not built ({HTML.relative_to(HTML.parents[1])}/index.html is missing): "
            f"run `jupyter-book build .` first"
        )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(HTML)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


def _chromium():
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        unavailable(
            f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium` "
            f"(or name another binary with NNBOOK_CHROMIUM)"
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        unavailable("Playwright for Python is not installed: pip install -r requirements.txt")
    return CHROMIUM


@pytest.fixture(scope="session")
def chromium():
    """``(executable, arguments, tabs at once)`` for tests that drive Chromium themselves (test_live_notebooks.py)."""
    return _chromium(), CHROMIUM_ARGS, WORKERS


@pytest.fixture(scope="session")
def browsing(request, site):
    """Every page the selected tests ask for (their ``page`` and ``redirect`` parameters), visited once."""
    wanted = {"page": set(), "redirect": set()}
    for item in request.session.items:
        params = getattr(item, "callspec", None) and item.callspec.params
        for name, pages in wanted.items():
            if params and name in params:
                pages.add(params[name])
    return visit_all(
        _chromium(), CHROMIUM_ARGS, site, sorted(wanted["page"]), sorted(wanted["redirect"]), workers=WORKERS
    )


class _Visits(dict):
    def __getitem__(self, page):
        record = super().__getitem__(page)
        if record.failure:
            pytest.fail(f"{page}: the browser could not check this page: {record.failure}", pytrace=False)
        return record


@pytest.fixture(scope="session")
def visits(browsing):
    """``visits[page]``: what the browser saw on a page of the book (book_pages.PageVisit)."""
    return _Visits(browsing[0])


@pytest.fixture(scope="session")
def redirects(browsing):
    """``redirects[page]``: the URL a redirect page led the browser to."""
    return browsing[1]
