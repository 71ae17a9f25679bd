"""Links from the book to what is added to the built site after the build: the PDF and the student edition.

``scripts/build_pdf.py`` prints the built book to ``neural-networks-book.pdf`` at the site's root, and
``scripts/build_student_edition.py`` builds the book without solutions, which CI publishes under ``student/``.
Neither exists while Sphinx builds the pages, so a Sphinx reference to them would fail the strict build.

- The role ``site-file`` links to a file of the built site, given from the site's root, e.g.
  ``{site-file}`the whole book as a PDF <neural-networks-book.pdf>```. It writes a relative link, so the book
  works wherever it is published; the target is not checked at build time (the PDF's tests check it). The
  student edition is built with ``book_edition = "student"`` (set by its script) and published at ``student/``
  of the book's site: there a link to ``student/...`` leads to the edition itself.
- Every page's download menu (the arrow at the top) gets an entry for the whole book's PDF, next to the theme's
  own entries for the page's source and for printing the page.
"""

import posixpath

from docutils import nodes
from sphinx.util.nodes import split_explicit_title

#: The PDF's name at the site's root; scripts/build_pdf.py writes it there (tests/test_pdf.py checks they agree).
BOOK_PDF = "neural-networks-book.pdf"
#: Where CI publishes the student edition in the book's site.
STUDENT_EDITION = "student/"


def site_file_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{site-file}`title <path from the site's root>```: a link relative to the page that uses it."""
    _, title, target = split_explicit_title(text)
    env = inliner.document.settings.env
    if env.config.book_edition == "student":
        target = target.removeprefix(STUDENT_EDITION)
    page = env.docname  # e.g. chapters/welcome, written to chapters/welcome.html
    uri = posixpath.relpath(target, posixpath.dirname(page) or ".")
    return [nodes.reference(rawtext, title, refuri=uri)], []


def add_book_pdf_to_download_menu(app, pagename, templatename, context, doctree):
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            button["buttons"].append(
                {
                    "type": "link",
                    "url": context["pathto"](BOOK_PDF, 1),
                    "text": "Book (.pdf)",
                    "tooltip": "Download the whole book as a PDF",
                    "icon": "fas fa-book",
                    "label": "download-book-pdf-button",
                }
            )


def setup(app):
    app.add_config_value("book_edition", "full", "env", [str])
    app.add_role("site-file", site_file_role)
    # After sphinx-book-theme has made the download menu (its handler runs at priority 501).
    app.connect("html-page-context", add_book_pdf_to_download_menu, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
