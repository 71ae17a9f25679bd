"""What the tests that draw share (test_plotting.py, test_diagrams.py): matplotlib without a display, every
figure closed after each test, and the words written on an Axes."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    """Close the figures a test drew (autouse in every module that imports it)."""
    yield
    plt.close("all")


def texts(ax):
    """The words written on ``ax`` (arrows are annotations with no text)."""
    return [t.get_text() for t in ax.texts if t.get_text()]
