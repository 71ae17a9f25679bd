"""The whole-book PDF (scripts/build_pdf.py): every page, chapter, figure and formula, offered for download.

Run after building the book and printing it (as .ci/run does):

    jupyter-book build . && python scripts/build_pdf.py && pytest -m built tests

The PDF is compared with the built HTML it was printed from: its bookmarks with the pages of _toc.yml, its
figures with the images of those pages, its text with their numbers and the seed's training log.
"""

import re
from collections import Counter
from pathlib import Path

import pytest

import notebook_stack
from seed_lines import SEED_LINES

try:
    from bs4 import BeautifulSoup
    from pypdf import PdfReader

    import build_pdf
except ModuleNotFoundError as error:
    pytest.skip(notebook_stack.reason_to_skip(error), allow_module_level=True)

pytestmark = pytest.mark.built

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
PDF = HTML / build_pdf.PDF_NAME
MAX_MEGABYTES = 25
# Maths that MathJax did not typeset: TeX delimiters, a command with an argument, a fraction.
RAW_TEX = re.compile(r"\$[^$\s][^$]*\$|\\\(|\\\[|\\frac|\\[a-zA-Z]+\{")


def squeeze(text):
    return re.sub(r"\s+", "", text)


def one_line(text):
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdf():
    if not PDF.is_file():
        pytest.fail(f"{PDF.relative_to(ROOT)} is missing: run `python scripts/build_pdf.py` after building", False)
    return PdfReader(PDF)


@pytest.fixture(scope="module")
def text(pdf):
    """The text of every page of the PDF."""
    return [page.extract_text() for page in pdf.pages]


@pytest.fixture(scope="module")
def articles():
    """``{docname: article}`` of the built pages, in reading order, as the PDF prints them (script's rules)."""
    book = build_pdf.Book(HTML, ROOT)
    return {docname: book.article(docname)[0] for docname in book.docnames}


def test_the_pdf_is_under_the_size_limit():
    assert PDF.stat().st_size < MAX_MEGABYTES * 1e6, f"{PDF.name} is {PDF.stat().st_size / 1e6:.1f} MB"


def test_the_welcome_page_and_every_download_menu_offer_the_pdf():
    pages = sorted((HTML / "chapters").glob("*.html"))
    assert pages, f"the book is not built in {HTML}"
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        menu = soup.select("a.btn-download-book-pdf-button")
        assert len(menu) == 1, f"{page.name}: no entry for the PDF in the download menu"
        assert (page.parent / menu[0]["href"]).resolve() == PDF
    welcome = BeautifulSoup((HTML / "chapters" / "welcome.html").read_text(encoding="utf-8"), "html.parser")
    article = welcome.find("article")
    assert any((HTML / "chapters" / a["href"]).resolve() == PDF for a in article.find_all("a", href=True)), (
        "the welcome page does not link to the PDF"
    )


def test_every_page_of_the_toc_is_a_bookmark_in_reading_order(pdf, articles):
    top = [item for item in pdf.outline if not isinstance(item, list)]
    titles = [one_line(item.title) for item in top]
    expected = ["Contents"] + [one_line(article.find("h1").get_text(" ")) for article in articles.values()]
    assert titles == expected
    pages = [pdf.get_destination_page_number(item) for item in top]
    assert pages == sorted(pages), f"bookmarks out of reading order: {list(zip(titles, pages, strict=True))}"


def test_chapters_and_figures_keep_their_numbers(text, articles):
    numbers = [
        one_line(span.get_text())
        for article in articles.values()
        for span in article.select("h1 .section-number, figcaption .caption-number")
    ]
    assert any(number.startswith("Fig.") for number in numbers)
    everything = squeeze("".join(text))
    missing = [number for number in numbers if squeeze(number) not in everything]
    assert not missing, f"numbers of the web pages not in the PDF: {missing}"


def test_the_seed_lines_are_in_the_pdf(text):
    everything = one_line("\n".join(text))
    missing = [line for line in SEED_LINES if one_line(line) not in everything]
    assert not missing, f"seed lines not in {PDF.name}: {missing}"


def figures_in_structure(pdf):
    """The alt text of every image (a /Figure with /Alt) in the PDF's tagged structure."""
    alts, stack = [], [pdf.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        if node.get("/S") == "/Figure" and "/Alt" in node:
            alts.append(one_line(node["/Alt"]))
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else []
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object()
            if hasattr(kid, "get"):
                stack.append(kid)
    return alts


def raster_images(pdf):
    """The distinct raster images (image XObjects) drawn on the PDF's pages."""
    found, seen = set(), set()

    def walk(resources):
        for reference in (resources or {}).get("/XObject", {}).values():
            xobject = reference.get_object()
            if xobject["/Subtype"] == "/Image":
                found.add(reference.idnum)
            elif reference.idnum not in seen:
                seen.add(reference.idnum)
                walk(xobject.get("/Resources"))

    for page in pdf.pages:
        walk(page.get("/Resources"))
    return found


def test_every_figure_is_in_the_pdf(pdf, articles):
    images = [image for article in articles.values() for image in article.find_all("img")]
    assert images, "no images in the built pages"
    expected = Counter(one_line(image.get("alt", "")) for image in images)
    found = Counter(figures_in_structure(pdf))
    assert found == expected, f"missing: {expected - found}; not on the web pages: {found - expected}"
    raster = {image["src"] for image in images if not image["src"].endswith(".svg")}
    assert len(raster_images(pdf)) == len(raster)


def in_code(line, match, code):
    """Whether the words of ``line`` around ``match`` are a piece of the book's code or output."""
    start = line.rfind(" ", 0, match.start()) + 1
    end = line.find(" ", match.end())
    return squeeze(line[start : len(line) if end < 0 else end]) in code


def test_no_page_shows_raw_tex(text, articles):
    # Code, its output and the API's signatures may show TeX (a plot's label "$y=2x+1$", a default xlabel='$w$');
    # prose may not.
    code = squeeze(" ".join(el.get_text() for a in articles.values() for el in a.select("pre, code, .sig")))
    problems = [
        f"page {number}: {line.strip()!r}"
        for number, page in enumerate(text, start=1)
        for line in page.splitlines()
        for match in RAW_TEX.finditer(line)
        if not in_code(line, match, code)
    ]
    assert not problems, "maths not typeset:\n  " + "\n  ".join(problems)
