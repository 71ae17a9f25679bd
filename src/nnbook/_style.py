"""What every figure of the book shares: its colours (``PALETTE``, re-exported as ``nnbook.plotting.PALETTE``),
the font size, the pale fill of a colour, the axis labels, and the Axes a figure draws on.

Used by :mod:`nnbook.plotting` (figures of data) and :mod:`nnbook.diagrams` (drawings of neurons and networks).
Imports matplotlib: only those two modules import this one.
"""

import matplotlib.pyplot as plt
import numpy as np

#: Colours of the book (Okabe-Ito, readable by colour-blind readers); class k is drawn in PALETTE[k].
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

FONT = 11  # legible at book width


def light(colour, amount=0.75):
    """``colour`` mixed with white: the fill of a class region behind its points, or of a node."""
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return tuple(rgb + (1 - rgb) * amount)


def label_axes(ax, xlabel, ylabel):
    """Name the two axes of ``ax`` in the book's font size."""
    ax.set_xlabel(xlabel, fontsize=FONT)
    ax.set_ylabel(ylabel, fontsize=FONT)


def new_axes(ax, figsize):
    """``ax`` if it is an Axes, or the Axes of a new figure of ``figsize`` inches when it is None."""
    if ax is None:
        return plt.subplots(figsize=figsize, layout="constrained")[1]
    if not isinstance(ax, plt.Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax
