"""Sphinx directive ``reproducibility-table``: how each chapter's stored outputs were produced.

The book renders the outputs stored in the notebooks (``execute_notebooks: "off"``). This directive reads those
notebooks when the book is built and tabulates, per chapter in table-of-contents order, how many code cells
were executed, how many figures they drew, and the versions of Python, NumPy, Matplotlib and nnbook recorded in
the notebook's metadata by ``scripts/execute_notebooks.py`` (``metadata.nnbook_environment``; Python falls back
to ``metadata.language_info.version``, which every Jupyter kernel records). A version that is not recorded is
shown as "not recorded". Usage, in a MyST page::

    ```{reproducibility-table}
    ```
"""

import json
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

NOT_RECORDED = "not recorded"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml", "image/gif")
VERSIONS = [("python", "Python"), ("numpy", "NumPy"), ("matplotlib", "Matplotlib"), ("nnbook", "nnbook")]
HEADER = ["Chapter", "Code cells executed", "Figures"] + [label for _, label in VERSIONS]


def summarise(path):
    """Counts and versions of one notebook: ``{"cells": int, "figures": int, "python": str or None, ...}``."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
    recorded = nb.get("metadata", {}).get("nnbook_environment", {})
    summary = {
        "cells": sum(cell.get("execution_count") is not None for cell in code),
        "figures": sum(
            any(kind in output.get("data", {}) for kind in IMAGE_TYPES)
            for cell in code
            for output in cell.get("outputs", [])
        ),
    }
    for key, _ in VERSIONS:
        summary[key] = recorded.get(key)
    summary["python"] = summary["python"] or nb.get("metadata", {}).get("language_info", {}).get("version")
    return summary


def _row(cells):
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell if isinstance(cell, nodes.paragraph) else nodes.paragraph(text=str(cell))
        row += entry
    return row


class ReproducibilityTable(SphinxDirective):
    """A table with one row per notebook of the book."""

    has_content = False

    def notebooks(self):
        """(docname, path) of every notebook page, in table-of-contents order."""
        site_map = getattr(self.env, "external_site_map", None)
        docnames = list(site_map) if site_map is not None else sorted(self.env.found_docs)
        for docname in docnames:
            path = Path(self.env.doc2path(docname))
            if path.suffix == ".ipynb" and path.is_file():
                yield docname, path

    def run(self):
        table = nodes.table(classes=["reproducibility-table"])
        tgroup = nodes.tgroup(cols=len(HEADER))
        table += tgroup
        for _ in HEADER:
            tgroup += nodes.colspec(colwidth=1)
        thead = nodes.thead()
        thead += _row(HEADER)
        tgroup += thead
        tbody = nodes.tbody()
        tgroup += tbody
        for docname, path in self.notebooks():
            # Rebuild this page whenever a notebook changes.
            self.env.note_dependency(str(path))
            summary = summarise(path)
            link = addnodes.pending_xref(
                "",
                nodes.inline(text=docname),
                refdomain="std",
                reftype="doc",
                reftarget="/" + docname,
                refdoc=self.env.docname,
                refexplicit=False,
            )
            versions = [summary[key] or NOT_RECORDED for key, _ in VERSIONS]
            tbody += _row([nodes.paragraph("", "", link), summary["cells"], summary["figures"], *versions])
        return [table]


def setup(app):
    app.add_directive("reproducibility-table", ReproducibilityTable)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
