"""Accessibility fixes to HTML that other extensions write, found by axe-core in the browser tests.

Each fix lets the original translator write its HTML and then corrects one attribute, so the markup stays
theirs. If an upgrade changes that markup, the fix does nothing and tests/browser/test_pages.py reports the
finding again.

- myst-nb's "Show code cell source" toggle of a ``hide-input`` cell is a ``<summary>`` named "Toggle hidden
  content" by an ``aria-label``, so its accessible name does not contain its visible text (WCAG 2.5.3, Label in
  Name: a speech-input user says what they see). Without the ``aria-label`` its name is the visible text.
- docutils marks each bibliography entry ``role="doc-biblioentry"``, a role deprecated in DPUB-ARIA 1.1 that is
  not a list item, inside a ``role="list"``: a list whose children are not list items (WCAG 1.3.1). Entries
  become ``role="listitem"``, which DPUB-ARIA 1.1 recommends instead.
"""

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput
from sphinx.writers.html5 import HTML5Translator


def _replace_in_last(translator, count, old, new):
    """Replace ``old`` by ``new`` in the last ``count`` strings the translator wrote."""
    for index in range(max(len(translator.body) - count, 0), len(translator.body)):
        translator.body[index] = translator.body[index].replace(old, new)


def visit_hide_cell_input(translator, node):
    start = len(translator.body)
    visit_HideCellInput(translator, node)
    _replace_in_last(
        translator, len(translator.body) - start, '<summary aria-label="Toggle hidden content">', "<summary>"
    )


def visit_citation(translator, node):
    start = len(translator.body)
    HTML5Translator.visit_citation(translator, node)
    _replace_in_last(translator, len(translator.body) - start, 'role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    app.add_node(HideCodeCellNode, override=True, html=(visit_hide_cell_input, depart_HideCellInput))
    app.add_node(nodes.citation, override=True, html=(visit_citation, HTML5Translator.depart_citation))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
