"""Print the whole book to one PDF: ``python scripts/build_pdf.py``, after ``jupyter-book build .``.

    jupyter-book build . && python scripts/build_pdf.py      # writes _build/html/neural-networks-book.pdf

The PDF is printed from the HTML build, the pages the browser tests check, by Debian's Chromium (the browser
tests' one, driven by Playwright, which downloads no browser; ``apt-get install chromium``). Nothing is fetched
from another host. The script

1. takes the article of every page of ``_toc.yml`` from ``_build/html``, in reading order, and joins them into one
   HTML document after a title page and the contents; links between pages become links inside the PDF, and
   every other link to the book's site points at its web version;
2. prints that document for paper: the solutions are shown (on the web they are folded away), the code that only
   draws a figure is left out as it is on the web, and each interactive widget is replaced by a link to the web
   version (the static figure beside it stays), as is the top of every chapter that is a notebook;
3. lets the book's own MathJax typeset the maths, waits for every image, and prints it twice with Chromium: once
   to learn on which page each chapter and section starts (Chromium names a destination in the PDF after each
   element that a link points to, and the contents link to every heading), and once with those page numbers in
   the contents; then adds the bookmarks.

Chapters and figures keep the numbers of the web pages; the bookmarks are the headings (a chapter, its sections,
...). The web version's address is ``html.baseurl`` in ``_config.yml`` if set, or else the GitHub Pages address of
``repository.url`` (https://OWNER.github.io/REPO/), which ``scripts/set_repository.py`` keeps right for a fork.
``tests/test_pdf.py`` checks the result.
"""

import argparse
import functools
import http.server
import io
import posixpath
import re
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    TextStringObject,
)

from chromium import CHROMIUM, CHROMIUM_ARGS  # scripts/chromium.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
#: The PDF's name in the built site, which the welcome page and the download menu link to (_ext/book_downloads.py).
PDF_NAME = "neural-networks-book.pdf"
# The joined document is served from the site's root, beside index.html, so that every relative URL of the
# pages (images, style sheets, MathJax) resolves as it does on the web.
DOCUMENT = "book-for-print.html"
TIMEOUT_MS = 180_000  # MathJax typesets the whole book at once: about 10 s on a 2-core machine

PRINT_CSS = """
html { font-size: 15px; }
body { background: white; }
/* The theme's shadows (of admonitions, !important there) print as large blurred images: 4 MB for the book. */
#main-content * { box-shadow: none !important; }
.bd-article { padding: 0 !important; overflow: visible !important; }
section.book-page, nav.book-contents { break-before: page; }
h1, h2, h3, h4, .admonition-title, figcaption { break-after: avoid; }
figure, img, .cell_output, .exercise, table, .book-part { break-inside: avoid; }
.cell_input { break-inside: avoid; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible !important; max-height: none !important; }
.output, .cell_output, div.highlight { overflow: visible !important; max-height: none !important; }
mjx-container[display="true"] { overflow: visible !important; }
a { text-decoration: none; }
.book-title-page { text-align: center; padding-top: 30%; }
.book-title-page .book-title { font-size: 2.6rem; font-weight: 700; line-height: 1.2; margin-bottom: 1.5rem; }
.book-title-page .book-author { font-size: 1.4rem; margin-bottom: 4rem; }
.book-title-page p { max-width: 34rem; margin-left: auto; margin-right: auto; }
.book-part { font-size: 1.05rem; text-transform: uppercase; letter-spacing: 0.1em; color: #555;
             border-bottom: 1px solid #999; margin-bottom: 1.5rem; }
nav.book-contents ol { list-style: none; padding-left: 0; }
nav.book-contents ol ol { padding-left: 1.6rem; margin-bottom: 0.4rem; }
nav.book-contents li.part { font-weight: 700; text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.85rem;
                            margin-top: 1.1rem; color: #555; }
nav.book-contents li.chapter > a { font-weight: 600; }
nav.book-contents li.chapter { margin-top: 0.45rem; }
nav.book-contents a { display: flex; color: inherit; }
nav.book-contents a .title { flex: 0 1 auto; }
nav.book-contents a .leader { flex: 1 1 auto; border-bottom: 1px dotted #888; margin: 0 0.4rem 0.3rem; }
nav.book-contents a .page-number { flex: 0 0 auto; font-variant-numeric: tabular-nums; }
.pdf-note { border-left: 3px solid #888; padding: 0.3rem 0.8rem; color: #333; font-size: 0.9rem; }
"""

# Run in the page once it has settled: what would print wrong.
RENDER_PROBLEMS = """() => ({
  images_not_loaded: Array.from(document.images).filter(img => !img.naturalWidth).map(img => img.src),
  tex_errors: Array.from(document.querySelectorAll("mjx-merror")).map(el => el.getAttribute("data-mjx-error")),
  not_typeset: Array.from(document.querySelectorAll(".math")).filter(el => !el.querySelector("mjx-container"))
    .map(el => el.textContent.slice(0, 80)),
})"""

# On paper a displayed equation or a table cannot scroll sideways as on the web: one wider than the column is set
# in a smaller size until it fits. (Measured in a window as wide as the printed column: COLUMN_PX.)
FIT_WIDE = """() => {
  const column = document.querySelector("article.bd-article").getBoundingClientRect();
  for (const element of document.querySelectorAll('mjx-container[display="true"], article table')) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const box = (element.tagName === "TABLE" ? element : element.firstElementChild).getBoundingClientRect();
      const room = column.right - box.left;
      if (box.width <= room + 1) break;
      const size = parseFloat(getComputedStyle(element).fontSize);
      element.style.fontSize = `${(size * room / box.width).toFixed(2)}px`;
    }
  }
}"""

FOOTER = (
    '<div style="font-size: 8px; width: 100%; text-align: center; color: #555; font-family: sans-serif;">'
    '<span class="pageNumber"></span></div>'
)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

HEADING_TEXT = """targets => Object.fromEntries(targets.map(id => {
  const heading = document.getElementById(id).querySelector(":scope > h1, :scope > h2").cloneNode(true);
  for (const math of heading.querySelectorAll("mjx-container")) {
    const mathml = math.querySelector("mjx-assistive-mml");
    math.replaceWith(mathml ? mathml.textContent : "");
  }
  return [id, heading.textContent.replace(/\\s+/g, " ").trim()];
}))"""

PAGE_WIDTH_MM, SIDE_MARGIN_MM = 210, 16  # A4
COLUMN_PX = round((PAGE_WIDTH_MM - 2 * SIDE_MARGIN_MM) / 25.4 * 96)  # CSS pixels are 1/96 inch
PDF_OPTIONS = dict(
    format="A4",
    margin={"top": "16mm", "bottom": "18mm", "left": f"{SIDE_MARGIN_MM}mm", "right": f"{SIDE_MARGIN_MM}mm"},
    print_background=True,
    display_header_footer=True,
    header_template="<span></span>",
    footer_template=FOOTER,
    tagged=True,  # headings, paragraphs, lists, tables and figures with their alt text, for screen readers
)


def reading_order(root=ROOT):
    """The pages of ``_toc.yml`` in reading order: ``[(part caption or None, docname), ...]``, root first."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [(None, toc["root"])]

    def chapters(entries, part):
        for entry in entries:
            pages.append((part, entry["file"]))
            chapters(entry.get("sections", []), part)

    for part in toc.get("parts", []):
        chapters(part.get("chapters", []), part.get("caption"))
    chapters(toc.get("chapters", []), None)
    return pages


def book_config(root=ROOT):
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))


def web_address(config):
    """The address of the book's web version, ending in ``/``: ``html.baseurl``, or GitHub Pages of the repository."""
    base = (config.get("html") or {}).get("baseurl") or ""
    if not base:
        match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)/?", config["repository"]["url"])
        if match is None:
            raise ValueError(
                f"Cannot tell the book's web address from repository.url {config['repository']['url']!r}: "
                f"set html.baseurl in _config.yml or pass --web-url"
            )
        base = f"https://{match[1].lower()}.github.io/{match[2]}/"
    return base if base.endswith("/") else base + "/"


def anchor(docname, fragment=""):
    """The id, in the joined document, of a page (``fragment`` empty) or of an element of it."""
    page = docname.replace("/", "-")
    return f"{page}--{fragment}" if fragment else page


class Book:
    """The pages of the built book joined into one document for printing."""

    def __init__(self, html, root=ROOT, web=None):
        self.html = Path(html)
        self.root = Path(root)
        self.config = book_config(self.root)
        self.web = web or web_address(self.config)
        self.order = reading_order(self.root)
        self.docnames = [docname for _, docname in self.order]
        missing = [d for d in self.docnames if not (self.html / f"{d}.html").is_file()]
        if missing:
            raise FileNotFoundError(
                f"not built: {', '.join(missing)} (looked in {self.html}); run `jupyter-book build .` first"
            )

    def site_path(self, docname, url):
        """A URL relative to page ``docname``, as a path from the site's root (query string dropped)."""
        return posixpath.normpath(posixpath.join(posixpath.dirname(docname), urlsplit(url).path))

    def web_url(self, path, fragment=""):
        return self.web + path + (f"#{fragment}" if fragment else "")

    def article(self, docname):
        """The article of a built page, made ready for print; and the page's <head>."""
        soup = BeautifulSoup((self.html / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article", class_="bd-article")
        if article is None:
            raise ValueError(f"{docname}.html has no <article class='bd-article'>: not a page of the book's theme?")
        for link in article.select("a.headerlink"):
            link.decompose()
        # Code that only draws a figure is folded away on the web, and left out here; the figure stays.
        for details in article.select("details.hide.above-input"):
            details.decompose()
        # Everything else that is folded away on the web is printed open, without the "show" line.
        for details in article.find_all("details"):
            details["open"] = ""
            if "hide" in details.get("class", []) and details.summary:
                details.summary.decompose()
        page_url = self.web_url(f"{docname}.html")
        for script in article.find_all("script", type=WIDGET_VIEW):
            output = script.find_parent(class_="cell_output") or script.parent
            note = soup.new_tag("p", attrs={"class": "pdf-note"})
            note.append("An interactive figure: to use it, run this chapter live from its web version, ")
            link = soup.new_tag("a", href=page_url)
            link.string = page_url
            note.append(link)
            note.append(". The static figure next to it shows the same on paper.")
            output.clear()
            output.append(note)
        for script in article.find_all("script"):
            script.decompose()
        if (self.root / f"{docname}.ipynb").is_file():
            title = article.find("h1")
            note = soup.new_tag("p", attrs={"class": "pdf-note"})
            note.append("This chapter is a Jupyter notebook. Its web version, ")
            link = soup.new_tag("a", href=page_url)
            link.string = page_url
            note.append(link)
            note.append(", opens it as a live notebook to run and change, from the rocket menu at the top.")
            title.insert_after(note)
        self.relink(docname, article)
        return article, soup.head

    def relink(self, docname, article):
        """Give every id a page prefix, point links between pages inside the PDF and the rest at the web."""
        for element in article.find_all(id=True):
            element["id"] = anchor(docname, element["id"])
        for link in article.find_all("a", href=True):
            href = link["href"]
            if urlsplit(href).scheme:
                continue
            path, _, fragment = href.partition("#")
            target = docname if not path else self.site_path(docname, path).removesuffix(".html")
            if target in self.docnames:
                link["href"] = "#" + anchor(target, fragment)
            else:
                link["href"] = self.web_url(self.site_path(docname, path), fragment)
        for image in article.find_all("img", src=True):
            if not urlsplit(image["src"]).scheme:
                image["src"] = self.site_path(docname, image["src"])

    def document(self):
        """The whole book as one HTML document, and its contents: ``[(level, id, title), ...]``."""
        out = BeautifulSoup("<!DOCTYPE html><html><head></head><body></body></html>", "html.parser")
        out.html["lang"] = "en"
        # The theme's light colours, as a first visit shows them (its script, which sets these, is not loaded).
        out.html["data-theme"] = out.html["data-mode"] = "light"
        head, body = out.head, out.body
        head.append(out.new_tag("meta", charset="utf-8"))
        title = out.new_tag("title")
        title.string = self.config["title"]
        head.append(title)

        main = out.new_tag("main", attrs={"class": "bd-main", "id": "main-content"})
        book = out.new_tag("article", attrs={"class": "bd-article"})
        main.append(book)
        body.append(main)
        book.append(self.title_page(out))
        contents = out.new_tag("nav", attrs={"class": "book-contents", "aria-label": "Contents"})
        book.append(contents)

        styles, mathjax, entries, part = [], [], [], None
        for page_part, docname in self.order:
            article, page_head = self.article(docname)
            for link in page_head.find_all("link", rel="stylesheet"):
                path = self.site_path(docname, link["href"])
                if path not in styles:
                    styles.append(path)
            # The book's MathJax (vendored, see _config.yml) with the options Sphinx gives it, from a page with maths.
            if not mathjax:
                for script in page_head.find_all("script"):
                    if "mathjax" in script.get("src", "") or "window.MathJax" in script.get_text():
                        if script.get("src"):
                            script["src"] = self.site_path(docname, script["src"])
                        mathjax.append(script)
            section = out.new_tag("section", attrs={"class": "book-page", "id": anchor(docname)})
            if page_part != part and page_part:
                banner = out.new_tag("div", attrs={"class": "book-part"})
                banner.string = page_part
                section.append(banner)
                entries.append((0, None, page_part))
            part = page_part
            for heading in article.find_all(["h1", "h2"]):
                entries.append(
                    (1 if heading.name == "h1" else 2, heading.find_parent("section")["id"], text_of(heading))
                )
            section.extend(list(article.contents))
            book.append(section)

        for path in styles:
            head.append(out.new_tag("link", rel="stylesheet", href=path))
        style = out.new_tag("style")
        style.string = PRINT_CSS
        head.append(style)
        head.extend(mathjax)

        self.fill_contents(out, contents, entries)
        return str(out), [entry for entry in entries if entry[1]]

    def title_page(self, out):
        page = out.new_tag("section", attrs={"class": "book-title-page"})
        title = out.new_tag("h1", attrs={"class": "book-title"})
        title.string = self.config["title"]
        page.append(title)
        author = out.new_tag("p", attrs={"class": "book-author"})
        author.string = self.config.get("author", "")
        page.append(author)
        web = out.new_tag("p")
        web.append("The web version of this book, where every chapter can be run and changed: ")
        link = out.new_tag("a", href=self.web)
        link.string = self.web
        web.append(link)
        page.append(web)
        licence = out.new_tag("p")
        licence.string = (
            f"© {self.config.get('copyright', '')} {self.config.get('author', '')}. The text and figures are "
            "licensed under CC BY 4.0, the code under the MIT licence."
        )
        page.append(licence)
        return page

    def fill_contents(self, out, contents, entries):
        heading = out.new_tag("h1")
        heading.string = "Contents"
        contents.append(heading)
        top = out.new_tag("ol")
        contents.append(top)
        chapter_list = None
        for level, target, title in entries:
            item = out.new_tag("li")
            if level == 0:
                item["class"] = "part"
                item.string = title
                top.append(item)
                continue
            link = out.new_tag("a", href=f"#{target}")
            label = out.new_tag("span", attrs={"class": "title"})
            label.string = title
            link.append(label)
            link.append(out.new_tag("span", attrs={"class": "leader"}))
            number = out.new_tag("span", attrs={"class": "page-number", "data-target": target})
            number.string = "000"  # as wide as any page number (tabular figures), until the first print tells it
            link.append(number)
            item.append(link)
            if level == 1:
                item["class"] = "chapter"
                top.append(item)
                chapter_list = out.new_tag("ol")
                item.append(chapter_list)
            else:
                chapter_list.append(item)
        for empty in contents.find_all("ol"):
            if not empty.contents:
                empty.decompose()


def text_of(heading):
    return " ".join(heading.get_text(" ").split())


def destination_pages(reader):
    """The page (from 0) and height on it of every named destination of a PDF: ``{id: (page, top)}``.

    Chromium names a destination after the id of each element that a link of the document points to.
    """
    return {
        name.removeprefix("/"): (reader.get_destination_page_number(destination), destination.top)
        for name, destination in reader.named_destinations.items()
    }


def with_bookmarks(pdf, contents, title, author):
    """``pdf`` with a bookmark for the contents, each chapter (h1) and each section (h2), and with its metadata.

    Chromium's own bookmarks (``outline=True``) lose the space where a heading's line wraps and repeat a heading
    that moved to the next page, so they are made here, from the headings' text and the places Chromium gave
    their ids. They are appended to Chromium's file as an incremental update (PDF 1.7, 7.5.6), which leaves every
    byte of it as it is: pypdf's writer would first copy all of the tagged PDF's 40 000 objects, which takes
    20 s here.
    """
    reader = PdfReader(io.BytesIO(pdf))
    places = destination_pages(reader)
    pages = [page.indirect_reference for page in reader.pages]

    # [(title, destination, sections)]: the contents (the page after the title page), then each chapter.
    chapters = [("Contents", [pages[1], NameObject("/Fit")], [])]
    for level, target, text in contents:
        page, top = places[target]
        bookmark = (text, [pages[page], NameObject("/XYZ"), NullObject(), FloatObject(top), NullObject()], [])
        (chapters if level == 1 else chapters[-1][2]).append(bookmark)

    update = Update(reader)
    outlines = DictionaryObject({NameObject("/Type"): NameObject("/Outlines")})
    outlines_reference = update.add(outlines)
    update.chain(outlines, outlines_reference, chapters)
    catalog = DictionaryObject(reader.trailer["/Root"])
    catalog[NameObject("/Outlines")] = outlines_reference
    catalog[NameObject("/PageMode")] = NameObject("/UseOutlines")  # open the PDF with its bookmarks shown
    update.replace(reader.trailer.raw_get("/Root"), catalog)
    update.info = update.add(
        DictionaryObject(
            {NameObject("/Title"): TextStringObject(title), NameObject("/Author"): TextStringObject(author)}
        )
    )
    return update.appended_to(pdf)


class Update:
    """An incremental update of a PDF (PDF 1.7, 7.5.6): objects added or replaced, appended after the original."""

    def __init__(self, reader):
        self.reader = reader
        self.objects = {}  # object number -> object
        self.size = reader.trailer["/Size"]
        self.info = reader.trailer.raw_get("/Info")

    def add(self, obj):
        self.objects[self.size] = obj
        self.size += 1
        return IndirectObject(self.size - 1, 0, self.reader)

    def replace(self, reference, obj):
        self.objects[reference.idnum] = obj

    def chain(self, parent, parent_reference, bookmarks, is_open=True):
        """Add ``bookmarks`` [(title, destination, children)] as the children of the outline item ``parent``;
        the top level open, the sections of a chapter closed."""
        items = [
            DictionaryObject(
                {
                    NameObject("/Title"): TextStringObject(title),
                    NameObject("/Parent"): parent_reference,
                    NameObject("/Dest"): ArrayObject(destination),
                }
            )
            for title, destination, _ in bookmarks
        ]
        references = [self.add(item) for item in items]
        for index, (item, (_, _, children)) in enumerate(zip(items, bookmarks, strict=True)):
            if index:
                item[NameObject("/Prev")] = references[index - 1]
            if index + 1 < len(items):
                item[NameObject("/Next")] = references[index + 1]
            if children:
                self.chain(item, references[index], children, is_open=False)
        parent[NameObject("/First")], parent[NameObject("/Last")] = references[0], references[-1]
        parent[NameObject("/Count")] = NumberObject(len(items) if is_open else -len(items))

    def appended_to(self, pdf):
        """``pdf`` followed by the objects, their cross-reference section and a trailer pointing back to its own."""
        previous = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
        out = io.BytesIO()
        out.write(pdf if pdf.endswith(b"\n") else pdf + b"\n")
        offsets = {}
        for number in sorted(self.objects):
            offsets[number] = out.tell()
            out.write(f"{number} 0 obj\n".encode())
            self.objects[number].write_to_stream(out)
            out.write(b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 1\n0000000000 65535 f\r\n")  # the head of the free list, as the original has it
        for number in sorted(offsets):  # one subsection per object: simple, and fine for a few hundred
            out.write(f"{number} 1\n{offsets[number]:010d} 00000 n\r\n".encode())  # an entry is 20 bytes
        trailer = DictionaryObject(
            {
                NameObject("/Size"): NumberObject(self.size),
                NameObject("/Root"): self.reader.trailer.raw_get("/Root"),
                NameObject("/Prev"): NumberObject(previous),
            }
        )
        if self.info is not None:
            trailer[NameObject("/Info")] = self.info
        out.write(b"trailer\n")
        trailer.write_to_stream(out)
        out.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())
        return out.getvalue()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def print_pdf(html, document, contents, title, author, chromium=CHROMIUM):
    """Serve ``html`` on a loopback port, open ``document`` there in Chromium and print it; return the PDF."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(html)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            context = browser.new_context(service_workers="block")
            context.set_default_timeout(TIMEOUT_MS)

            def route(request_route):
                url = request_route.request.url
                if url == base + DOCUMENT:
                    request_route.fulfill(body=document, content_type="text/html; charset=utf-8")
                elif url.startswith(base) or urlsplit(url).scheme in ("data", "blob"):
                    request_route.continue_()
                else:  # nothing leaves this machine
                    request_route.abort()

            context.route("**/*", route)
            tab = context.new_page()
            tab.emulate_media(media="print")
            tab.set_viewport_size({"width": COLUMN_PX, "height": 1000})
            step = Stopwatch()
            tab.goto(base + DOCUMENT, wait_until="load")
            tab.evaluate("async () => { await MathJax.startup.promise; }")
            tab.wait_for_function("() => Array.from(document.images).every(img => img.complete)")
            tab.evaluate("async () => { await document.fonts.ready; }")
            problems = tab.evaluate(RENDER_PROBLEMS)
            if any(problems.values()):
                raise RuntimeError(f"the book did not render for print: {problems}")
            tab.evaluate(FIT_WIDE)
            # The bookmarks' titles: the headings' text, with each formula as MathJax reads it out (∂, not \partial).
            titles = tab.evaluate(HEADING_TEXT, [target for _, target, _ in contents])
            contents = [(level, target, titles[target]) for level, target, _ in contents]
            step("typeset")
            # First print, with placeholders as wide as the page numbers, to learn where each heading lands.
            places = destination_pages(PdfReader(io.BytesIO(tab.pdf(**PDF_OPTIONS))))
            step("first print")
            numbers = {target: str(places[target][0] + 1) for _, target, _ in contents if target in places}
            missing = [text for _, target, text in contents if target not in numbers]
            if missing:
                raise RuntimeError(f"Chromium gave no position to these headings of the contents: {missing}")
            tab.evaluate(
                """numbers => { for (const [target, page] of Object.entries(numbers))
                     document.querySelector(`.page-number[data-target="${target}"]`).textContent = page; }""",
                numbers,
            )
            pdf = tab.pdf(**PDF_OPTIONS)
            step("second print")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    places = destination_pages(PdfReader(io.BytesIO(pdf)))
    moved = sorted(target for target, page in numbers.items() if places[target][0] + 1 != int(page))
    if moved:
        raise RuntimeError(f"the page numbers in the contents changed between the two prints: {moved}")
    pdf = with_bookmarks(pdf, contents, title, author)
    step("bookmarks")
    return pdf


class Stopwatch:
    """Prints how long each step took since the last."""

    def __init__(self):
        self.last = time.perf_counter()

    def __call__(self, step):
        now = time.perf_counter()
        print(f"  {step}: {now - self.last:.1f} s", flush=True)
        self.last = now


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--html", type=Path, default=ROOT / "_build" / "html", help="the built book (default: %(default)s)"
    )
    parser.add_argument(
        "--output", type=Path, help=f"where to write the PDF (default: {PDF_NAME} in the built book, for download)"
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="the book's sources: _toc.yml, _config.yml, chapters")
    parser.add_argument("--web-url", help="the web version's address (default: from _config.yml, see above)")
    parser.add_argument("--keep-html", type=Path, help="also write the joined HTML document here, to look at")
    parser.add_argument("--chromium", type=Path, default=CHROMIUM, help="the browser (default: %(default)s)")
    args = parser.parse_args(argv)
    output = args.output or args.html / PDF_NAME
    start = time.perf_counter()
    try:
        book = Book(args.html, args.root, args.web_url)
        document, contents = book.document()
    except (FileNotFoundError, ValueError) as error:
        print(f"build_pdf.py: {error}", file=sys.stderr)
        return 1
    if args.keep_html:
        args.keep_html.write_text(document, encoding="utf-8")
    title, author = book.config["title"], book.config.get("author", "")
    output.write_bytes(print_pdf(args.html, document, contents, title, author, args.chromium))
    size = output.stat().st_size / 1e6
    print(f"wrote {output} ({size:.1f} MB) in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
