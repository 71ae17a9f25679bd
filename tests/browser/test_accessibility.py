"""No page of the book has a serious or critical accessibility problem, by axe-core's WCAG 2.1 A and AA rules.

axe-core (tests/browser/vendor, re-created by scripts/vendor_axe.sh) is injected into each page after it has
settled (maths typeset, widgets rendered). The findings of the theme and extensions are fixed where they arise:
_theme/templates and _theme/static/accessibility.css for the theme, _ext/accessibility.py for myst-nb's and
docutils' HTML, _theme/static/jupyter-widgets/widgets-config.js for the widgets. Anything that cannot be fixed is
listed below, narrowly (rule and element) and with the reason.
"""

import pytest

from .book_pages import pages_to_test

pytestmark = pytest.mark.browser

PAGES = pages_to_test()

BLOCKING_IMPACTS = ("serious", "critical")
# (axe rule id, CSS selector axe reports for the element) -> why it cannot be fixed here. Empty: all fixed.
ALLOWED_VIOLATIONS = {}


@pytest.mark.parametrize("page", PAGES)
def test_no_serious_or_critical_wcag_violations(page, visits):
    problems = []
    for violation in visits[page].axe_violations:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        targets = [t for t in violation["targets"] if (violation["id"], t) not in ALLOWED_VIOLATIONS]
        if targets:
            problems.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']}\n      "
                + "\n      ".join(targets[:10])
            )
    assert not problems, f"{page}:\n  " + "\n  ".join(problems)
