"""Draw the map of well-known network architectures shown in chapter 3 (``architectures.svg``).

Six node-and-edge sketches: perceptron, feed-forward, deep feed-forward, autoencoder, recurrent and
convolutional network, with one colour per kind of cell. Inspired by the Asimov Institute's "Neural Network
Zoo" (https://www.asimovinstitute.org/neural-network-zoo/); drawn from scratch, nothing copied.

Usage, from anywhere::

    python figures/architectures.py            # writes architectures.svg next to this script
    python figures/architectures.py OUT.svg    # writes OUT.svg instead (the tests compare the two)

The output is the same byte for byte on every run: matplotlib's SVG ids come from a fixed salt and the
file carries no date.
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch  # noqa: E402

from nnbook.plotting import PALETTE  # noqa: E402

# Okabe-Ito colours, as in every figure of the book: input blue, hidden green and output vermillion
# are the colours of nnbook.diagrams.draw_network.
CELLS = {
    "input": ("Input cell", PALETTE[0]),
    "hidden": ("Hidden cell", PALETTE[2]),
    "output": ("Output cell", PALETTE[1]),
    "recurrent": ("Recurrent cell (feeds itself)", PALETTE[3]),
    "conv": ("Convolution cell (sees a patch)", PALETTE[6]),
}
RADIUS, DX, DY = 0.28, 1.25, 0.8


def light(colour, amount=0.45):
    """``colour`` mixed with white, the fill of a cell."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return tuple(c + (1 - c) * amount for c in rgb)


def column(n, x):
    """Centres of ``n`` cells stacked vertically around y = 0 at position ``x``."""
    return [(x, (n - 1) / 2 * DY - i * DY) for i in range(n)]


def draw(ax, layers, local=()):
    """Draw columns of cells and their connections.

    ``layers`` lists ``(kind, n_cells)`` from left to right; consecutive layers are fully connected,
    except the layers whose index is in ``local``: each of their cells connects to the three cells of the
    previous layer nearest to it (a convolution kernel of width 3).
    """
    x0 = -(len(layers) - 1) * DX / 2
    cols = [column(n, x0 + l * DX) for l, (_, n) in enumerate(layers)]
    segments = []
    for l in range(1, len(layers)):
        for xb, yb in cols[l]:
            prev = cols[l - 1]
            if l in local:
                # The three previous cells closest in height: the patch this cell looks at.
                prev = sorted(prev, key=lambda c: abs(c[1] - yb))[:3]
            segments += [((xa + RADIUS, ya), (xb - RADIUS, yb)) for xa, ya in prev]
    ax.add_collection(LineCollection(segments, colors="0.55", linewidths=0.7, zorder=1))
    for (kind, _), centres in zip(layers, cols, strict=True):
        colour = CELLS[kind][1]
        for centre in centres:
            ax.add_patch(Circle(centre, RADIUS, facecolor=light(colour), edgecolor="black", lw=1.0, zorder=3))
            if kind == "recurrent":
                # An arrow curling over the top of the cell: its output comes back as its own input at
                # the next time step.
                x, y = centre
                dx, dy = 0.95 * RADIUS, 0.55 * RADIUS  # 30 degrees either side of the top, just outside
                ax.add_patch(
                    FancyArrowPatch(
                        (x - dx, y + dy),
                        (x + dx, y + dy),
                        connectionstyle="arc3,rad=-1.0",
                        arrowstyle="-|>",
                        mutation_scale=8,
                        lw=1.2,
                        color="black",
                        shrinkA=0,
                        shrinkB=0,
                        zorder=4,
                    )
                )


PANELS = [
    ("Perceptron", "built in chapter 1", [("input", 2), ("output", 1)], ()),
    ("Feed-forward", "built in chapters 3 to 5", [("input", 2), ("hidden", 3), ("output", 1)], ()),
    (
        "Deep feed-forward",
        "built in chapters 3 to 5",
        [("input", 3), ("hidden", 4), ("hidden", 4), ("hidden", 4), ("output", 2)],
        (),
    ),
    ("Autoencoder", "beyond this book", [("input", 5), ("hidden", 3), ("hidden", 2), ("hidden", 3), ("output", 5)], ()),
    ("Recurrent", "beyond this book", [("input", 3), ("recurrent", 3), ("recurrent", 3), ("output", 2)], ()),
    (
        "Convolutional",
        "beyond this book",
        [("input", 6), ("conv", 4), ("conv", 3), ("hidden", 3), ("output", 2)],
        (1, 2),
    ),
]


def main(out=None):
    matplotlib.rcdefaults()  # a user's matplotlibrc must not change the bytes
    plt.rcParams["svg.hashsalt"] = "nnbook-architectures"
    out = Path(out) if out else Path(__file__).resolve().with_suffix(".svg")
    fig, axes = plt.subplots(2, 3, figsize=(9, 6.4))
    for ax, (title, note, layers, local) in zip(axes.flat, PANELS, strict=True):
        draw(ax, layers, local)
        ax.set(xlim=(-2.9, 2.9), ylim=(-2.45, 2.6), aspect="equal")
        ax.axis("off")
        ax.set_title(title, fontsize=15, pad=2)
        ax.text(
            0,
            -2.45,
            note,
            ha="center",
            va="bottom",
            fontsize=12.5,
            style="italic",
            color="black" if note.startswith("built") else "0.4",
        )
    handles = [Circle((0, 0), 1, facecolor=light(colour), edgecolor="black") for _, colour in CELLS.values()]
    fig.legend(
        handles,
        [label for label, _ in CELLS.values()],
        loc="lower center",
        ncol=3,
        fontsize=12.5,
        frameon=False,
        handlelength=1.2,
        handleheight=1.2,
    )
    fig.subplots_adjust(left=0.01, right=0.99, top=0.95, bottom=0.13, wspace=0.04, hspace=0.22)
    fig.savefig(out, format="svg", metadata={"Date": None, "Title": "Well-known neural network architectures"})
    plt.close(fig)
    return out


if __name__ == "__main__":
    if len(sys.argv) > 2:
        sys.exit(f"usage: python {Path(__file__).name} [OUTPUT.svg]")
    main(sys.argv[1] if len(sys.argv) == 2 else None)
