"""Drawings of the book's diagrams: a single neuron (the perceptron), a layered network, and the computation
graph of an :class:`nnbook.autograd.Value`.

Like :mod:`nnbook.plotting`, every function draws with matplotlib's object API onto the ``ax`` it is given, or
onto a new figure sized to the drawing, and returns that Axes; the colours are the book's
(:data:`nnbook.plotting.PALETTE`): inputs blue, hidden units green, outputs vermillion.
"""

from itertools import pairwise

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle, FancyBboxPatch

from ._checks import check_positive_int, check_sizes
from ._style import FONT, light, new_axes
from .plotting import PALETTE

__all__ = ["draw_perceptron", "draw_network", "draw_graph"]


def _diagram_axes(ax, xlim, ylim, inches_per_unit=0.7):
    """Axes for a drawing in data units: equal aspect, no axis, a new figure sized to the drawing."""
    ax = new_axes(ax, (inches_per_unit * (xlim[1] - xlim[0]), inches_per_unit * (ylim[1] - ylim[0])))
    ax.set(xlim=xlim, ylim=ylim, aspect="equal")
    ax.axis("off")
    return ax


def _arrow(ax, start, end, colour="black", lw=1.4):
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops=dict(arrowstyle="-|>", color=colour, lw=lw, shrinkA=0, shrinkB=0, mutation_scale=14),
    )


def _node(ax, centre, radius, text, face, fontsize=FONT + 2):
    ax.add_patch(Circle(centre, radius, facecolor=face, edgecolor="black", lw=1.2, zorder=3))
    if text:
        ax.text(*centre, text, ha="center", va="center", fontsize=fontsize, zorder=4)


def _unit_label(l, L, j, n_units):
    """The book's symbol for unit j of layer l: x_j, a^(l)_j or the output y-hat_j."""
    if l == 0:
        return f"$x_{{{j + 1}}}$"
    if l == L:
        return r"$\hat{y}$" if n_units == 1 else rf"$\hat{{y}}_{{{j + 1}}}$"
    return f"$a^{{({l})}}_{{{j + 1}}}$"


def _math(label):
    return label if "$" in label or len(label) > 1 else f"${label}$"


def draw_perceptron(n_inputs=3, ax=None, activation_label="f", show_bias=True):
    """Draw a single neuron: inputs, weights, the weighted sum plus bias, the activation and the output.

    .. math:: z = \\sum_{j=1}^{n} w_j x_j + b, \\qquad \\hat y = f(z)

    Parameters
    ----------
    n_inputs : int, default 3
    ax : Axes, optional
    activation_label : str, default "f"
        Written in the activation box, e.g. ``r"$\\sigma$"`` or ``"step"``.
    show_bias : bool, default True

    Returns
    -------
    matplotlib.axes.Axes
    """
    n = check_positive_int(n_inputs, "n_inputs")
    if not isinstance(activation_label, str):
        raise TypeError(f"activation_label must be a str, got {type(activation_label).__name__}")
    r, R, gap = 0.32, 0.48, 1.1
    ys = (np.arange(n)[::-1] - (n - 1) / 2) * gap
    S = np.array([3.4, 0.0])
    bias_top = max(1.5, ys[0] * 0.8)
    ax = _diagram_axes(
        ax, (-0.6, 7.7), (min(ys[-1] - r, -R) - 0.3, max(ys[0] + r, bias_top + 0.45 if show_bias else R) + 0.3)
    )
    for j, yj in enumerate(ys, start=1):
        x = np.array([0.0, yj])
        _node(ax, x, r, f"$x_{{{j}}}$", light(PALETTE[0], 0.6))
        u = (S - x) / np.linalg.norm(S - x)
        _arrow(ax, x + r * u, S - R * u)
        # The weight sits a third of the way along its arrow, lifted off the line.
        ax.text(
            *(x + 0.36 * (S - x) + 0.2 * np.array([-u[1], u[0]])),
            f"$w_{{{j}}}$",
            ha="center",
            va="center",
            fontsize=FONT + 1,
            color=PALETTE[1],
        )
    _node(ax, S, R, r"$\Sigma$", "white", fontsize=FONT + 6)
    if show_bias:
        top = S + [0, bias_top]
        ax.text(*top, "$b$", ha="center", va="bottom", fontsize=FONT + 2, color=PALETTE[1])
        _arrow(ax, top, S + [0, R])
    box_x, w, h = 5.2, 0.9, 0.8
    ax.add_patch(
        FancyBboxPatch(
            (box_x - w / 2, -h / 2),
            w,
            h,
            boxstyle="round,pad=0.05",
            facecolor=light(PALETTE[2], 0.6),
            edgecolor="black",
            lw=1.2,
        )
    )
    ax.text(box_x, 0, _math(activation_label), ha="center", va="center", fontsize=FONT + 3)
    _arrow(ax, S + [R, 0], (box_x - w / 2 - 0.05, 0))
    ax.text((S[0] + R + box_x - w / 2) / 2, 0.12, "$z$", ha="center", va="bottom", fontsize=FONT + 1)
    _arrow(ax, (box_x + w / 2 + 0.05, 0), (7.0, 0))
    ax.text(7.1, 0, r"$\hat{y}$", ha="left", va="center", fontsize=FONT + 3)
    return ax


def draw_network(sizes, ax=None, labels=True, node_labels=False):
    """Draw a fully connected feed-forward network: one column of nodes per layer, every node joined
    to every node of the next layer. A layer of more than 8 units shows 7 of them and a vertical ellipsis.

    Parameters
    ----------
    sizes : list of int
        Units per layer, input first, e.g. ``[2, 3, 3, 1]`` (at least two layers).
    ax : Axes, optional
    labels : bool, default True
        Name the columns "Input layer", "Hidden layer 1", ..., "Output layer".
    node_labels : bool, default False
        Write :math:`x_j`, :math:`a^{(l)}_j` and :math:`\\hat y_j` in the nodes.

    Returns
    -------
    matplotlib.axes.Axes
    """
    sizes = check_sizes(sizes)
    L, r, dx = len(sizes) - 1, 0.3, 2.6
    shown = [min(s, 8) for s in sizes]  # 8 slots: 7 nodes and the ellipsis
    top = max(shown) / 2
    truncated = any(s > 8 for s in sizes)
    ax = _diagram_axes(ax, (-0.7, L * dx + 0.7), (-top - (0.7 if truncated else 0.1), top + (1.1 if labels else 0.1)))
    columns = []  # per layer: (unit index, centre) of every drawn node
    for l, (s, slots) in enumerate(zip(sizes, shown, strict=True)):
        ys = np.arange(slots)[::-1] - (slots - 1) / 2
        units = list(range(s)) if s <= 8 else list(range(6)) + [None, s - 1]
        nodes = [(j, np.array([l * dx, yv])) for j, yv in zip(units, ys, strict=True) if j is not None]
        if s > 8:
            ax.text(l * dx, ys[6], r"$\vdots$", ha="center", va="center", fontsize=FONT + 3)
            ax.text(l * dx, ys[-1] - r - 0.12, f"{s} units", ha="center", va="top", fontsize=FONT - 1)
        colour = PALETTE[0] if l == 0 else PALETTE[1] if l == L else PALETTE[2]
        for j, centre in nodes:
            _node(ax, centre, r, _unit_label(l, L, j, s) if node_labels else "", light(colour, 0.45), FONT - 2)
        columns.append(nodes)
    segments = [(a + [r, 0], b - [r, 0]) for left, right in pairwise(columns) for _, a in left for _, b in right]
    ax.add_collection(LineCollection(segments, colors="0.45", linewidths=0.8, zorder=1))
    if labels:
        for l in range(L + 1):
            name = "Input\nlayer" if l == 0 else "Output\nlayer" if l == L else f"Hidden\nlayer {l}"
            ax.text(l * dx, top + 0.1, name, ha="center", va="bottom", fontsize=FONT)
    return ax


# How draw_graph writes an operation in its circle; any other name is written as it is.
_OP_SYMBOLS = {"+": "+", "-": "−", "*": "×", "/": "÷", "neg": "−", "sigmoid": r"$\sigma$"}
_MAX_GRAPH_NODES = 60  # beyond this the boxes no longer fit on a page


def _graph_nodes(value):
    """Every node of ``value``'s graph, each after its inputs, followed through ``inputs`` alone."""
    order, seen, stack = [], set(), [(value, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            if len(seen) > _MAX_GRAPH_NODES:
                raise ValueError(
                    f"value's graph has more than {_MAX_GRAPH_NODES} nodes, too many to draw legibly: "
                    f"draw a smaller expression"
                )
            stack.append((node, True))
            stack.extend((parent, False) for parent, _ in reversed(node.inputs))
    return order


def _graph_layout(value, order):
    """Column and row of every node.

    Columns: an operation one column right of its rightmost input, an input one column left of its first use.
    Rows: drawn as a tree from ``value`` leftwards (a node used twice sits with its first use), each input's
    subtree packed below the previous one's as closely as their boxes allow column by column, and each
    operation in the mean row of its inputs.
    """
    column, users = {}, {}
    for node in order:
        column[id(node)] = 1 + max((column[id(p)] for p, _ in node.inputs), default=-1)
        for parent, _ in node.inputs:
            users.setdefault(id(parent), []).append(node)
    for node in order:
        if not node.inputs and id(node) in users:
            column[id(node)] = min(column[id(user)] for user in users[id(node)]) - 1

    placed = set()

    def subtree(node):
        """Rows relative to ``node`` (row 0), and the lowest and highest row of the subtree in each column."""
        placed.add(id(node))
        rows, contour, child_rows = {}, {}, []
        for child, _ in node.inputs:
            if id(child) in placed:
                continue
            c_rows, c_contour = subtree(child)
            offset = max(
                [child_rows[-1] + 1 if child_rows else 0]
                + [contour[c][1] + 1 - lo for c, (lo, _) in c_contour.items() if c in contour]
            )
            rows.update({key: r + offset for key, r in c_rows.items()})
            for c, (lo, hi) in c_contour.items():
                old = contour.get(c, (np.inf, -np.inf))
                contour[c] = (min(old[0], lo + offset), max(old[1], hi + offset))
            child_rows.append(offset)
        shift = float(np.mean(child_rows)) if child_rows else 0.0
        rows = {key: r - shift for key, r in rows.items()}
        rows[id(node)] = 0.0
        contour = {c: (lo - shift, hi - shift) for c, (lo, hi) in contour.items()}
        contour[column[id(node)]] = (0.0, 0.0)
        return rows, contour

    row, _ = subtree(value)
    top = min(row.values())
    return column, {key: r - top for key, r in row.items()}


def _op_symbol(op):
    if op.startswith("**"):
        return rf"$(\cdot)^{{{op[2:]}}}$"
    return _OP_SYMBOLS.get(op, op)


def draw_graph(value, ax=None, show_grad=True, decimals=4):
    """Draw the computation graph of a :class:`~nnbook.autograd.Value` from left to right.

    Each number is a box holding its label (if it has one), its ``data`` and its ``grad``; the operation that
    computed it is a circle just before it, with an arrow from each of its inputs. Inputs (the leaves) are
    blue, intermediate results green and ``value`` itself vermillion; gradients are written in vermillion,
    as the backward pass of chapter 4 is. Only ``data``, ``grad``, ``op``, ``label`` and ``inputs`` are read,
    so any object with these attributes can be drawn.

    Parameters
    ----------
    value : Value
        The result whose graph is drawn (at most 60 nodes).
    ax : Axes, optional
    show_grad : bool, default True
        Write each node's ``grad``; before ``backward`` they are all 0, so draw the forward pass with False.
    decimals : int, default 4

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not all(hasattr(value, name) for name in ("data", "grad", "inputs")):
        raise TypeError(f"value must be a Value (nnbook.autograd.Value), got {type(value).__name__}")
    decimals = check_positive_int(decimals, "decimals")
    order = _graph_nodes(value)
    column, row = _graph_layout(value, order)

    def lines(node):
        label = getattr(node, "label", "")
        rows = ([(label, "black")] if label else []) + [(f"data {node.data:.{decimals}f}", "black")]
        return rows + ([(f"grad {node.grad:.{decimals}f}", PALETTE[1])] if show_grad else [])

    width = 0.25 + 0.075 * max(len(text) for node in order for text, _ in lines(node)[-2:])
    height = 0.22 * max(len(lines(node)) for node in order) + 0.12
    dx, dy, r = width + 0.85, height + 0.35, 0.24
    n_columns, n_rows = max(column.values()) + 1, max(row.values()) + 1
    ax = _diagram_axes(
        ax,
        (-width / 2 - 0.1, (n_columns - 1) * dx + width / 2 + 0.1),
        (-(n_rows - 1) * dy - height / 2 - 0.1, height / 2 + 0.1),
        inches_per_unit=1.0,
    )
    centre = {id(node): np.array([column[id(node)] * dx, -row[id(node)] * dy]) for node in order}
    for node in order:
        c = centre[id(node)]
        colour = PALETTE[1] if node is value else PALETTE[2] if node.inputs else PALETTE[0]
        ax.add_patch(
            FancyBboxPatch(
                c - [width / 2, height / 2],
                width,
                height,
                boxstyle="round,pad=0.02",
                facecolor=light(colour, 0.8),
                edgecolor=colour,
                lw=1.2,
                zorder=3,
            )
        )
        texts = lines(node)
        for k, (text, text_colour) in enumerate(texts):
            ax.text(
                c[0],
                c[1] + 0.22 * ((len(texts) - 1) / 2 - k),
                text,
                ha="center",
                va="center",
                fontsize=FONT - 2,
                color=text_colour,
                zorder=4,
            )
        if node.inputs:
            op = c - [width / 2 + 0.4, 0]
            _node(ax, op, r, _op_symbol(getattr(node, "op", "")), "white", fontsize=FONT - 2)
            _arrow(ax, op + [r, 0], c - [width / 2, 0], lw=1.0)
            for parent in dict.fromkeys(id(p) for p, _ in node.inputs):  # a node used twice: one arrow
                start = centre[parent] + [width / 2, 0]
                u = (op - start) / np.linalg.norm(op - start)
                _arrow(ax, start, op - r * u, colour="0.35", lw=1.0)
    return ax
