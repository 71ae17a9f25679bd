"""The book's figures of data: activation curves, decision boundaries, training curves, digit images and
confusion matrices. (Drawings of a neuron and of a network are in :mod:`nnbook.diagrams`.)

Every function draws with matplotlib's object API onto the ``ax`` (or ``axes``) it is given, or onto a
new figure, and returns what it drew on. Nothing is random, so a figure is the same on every run.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from . import _style, activations
from ._checks import (
    check_bool,
    check_choice,
    check_images,
    check_int,
    check_labels,
    check_matrix,
    check_one_per,
    check_positive_float,
    check_positive_int,
    check_protocol,
    check_vector,
)
from ._style import FONT, label_axes, light, new_axes
from .metrics import confusion_matrix

__all__ = [
    "PALETTE",
    "plot_activations",
    "plot_decision_boundary",
    "plot_history",
    "show_images",
    "plot_confusion_matrix",
    "plot_descent",
]

#: Colours of the book (Okabe-Ito, readable by colour-blind readers); class k is drawn in PALETTE[k]. The same
#: list as ``_style.PALETTE``, where the style shared with :mod:`nnbook.diagrams` is defined once.
PALETTE = _style.PALETTE


def plot_activations(names, z=None, derivatives=False, axes=None):
    """Plot activation functions side by side, one panel each, optionally with their derivatives below.

    Parameters
    ----------
    names : str, Activation or list of them
        One element-wise activation, by name (``"relu"``) or as an
        :class:`~nnbook.activations.Activation`, for a single panel; or a list of them, e.g.
        ``["step", "sigmoid", "tanh", "relu"]``, for one panel each. Softmax is refused.
    z : ndarray of shape (n_points,), optional
        Where to evaluate :math:`f`; default ``np.linspace(-5, 5, 500)``.
    derivatives : bool, default False
        Add a second row with :math:`f'(z)`.
    axes : array of Axes of shape (n_rows, len(names)), optional
        Where to draw; by default a new figure.

    Returns
    -------
    matplotlib.figure.Figure
    """
    names = [names] if isinstance(names, (str, activations.Activation)) else list(names)
    if not names:
        raise ValueError("names must list at least one activation, got an empty list")
    fs = [activations.get(name) for name in names]
    for f in fs:
        if f.name == "softmax":
            element_wise = [name for name in activations.names() if name != "softmax"]
            raise ValueError(
                "softmax is not element-wise: it turns a whole row of scores into probabilities, "
                "so it has no curve f(z) to plot. Choose one of: " + ", ".join(element_wise)
            )
    z = np.linspace(-5, 5, 500) if z is None else check_vector(z, "z", min_size=2)
    n_rows = 2 if check_bool(derivatives, "derivatives") else 1
    if axes is None:
        fig, axes = plt.subplots(
            n_rows, len(fs), figsize=(3.2 * len(fs), 2.8 * n_rows), squeeze=False, layout="constrained"
        )
    axes = np.asarray(axes, dtype=object)
    if axes.size != n_rows * len(fs):
        raise ValueError(
            f"axes must hold {n_rows} x {len(fs)} = {n_rows * len(fs)} Axes (rows x activations), got {axes.size}"
        )
    axes = axes.reshape(n_rows, len(fs))
    for col, f in enumerate(fs):
        # An activation of the reader's own may have no title: its name, e.g. "my_swish", becomes "My Swish".
        axes[0, col].set_title(f.title or f.name.replace("_", " ").title(), fontsize=FONT + 1)
        # A curve that jumps is drawn as steps, so the jump is an exact vertical edge: f itself for the step,
        # f' wherever f has a kink.
        rows = [(f(z), r"$f(z)$", f.name == "step", PALETTE[0])]
        if n_rows == 2:
            rows.append((f.derivative(z), r"$f'(z)$", bool(f.kinks), PALETTE[1]))
        for ax, (values, ylabel, jumps, colour) in zip(axes[:, col], rows, strict=True):
            ax.plot(z, values, color=colour, lw=2, drawstyle="steps-mid" if jumps else "default")
            # Show at least the range [0, 1], so a constant such as f'(z) = 1 reads as a flat line at 1.
            lo, hi = min(values.min(), 0.0), max(values.max(), 0.0)
            hi = max(hi, lo + 1.0)
            ax.set_ylim(lo - 0.06 * (hi - lo), hi + 0.06 * (hi - lo))
            label_axes(ax, r"$z$", ylabel)
            ax.grid(True, alpha=0.3)
    return axes[0, 0].figure


def _predicted_classes(model, grid):
    """Class of each grid point: threshold one output column, argmax over several."""
    out = np.asarray(model.predict(grid))
    if out.ndim == 1 and out.dtype.kind in "iub":
        return out.astype(int)  # already class labels
    out = out.reshape(len(grid), -1) if out.ndim == 1 else out
    if out.ndim != 2 or out.shape[0] != len(grid):
        raise ValueError(
            f"model.predict must return one row per point, shape ({len(grid)}, n_outputs), got shape {out.shape}"
        )
    if out.shape[1] > 1:
        return out.argmax(axis=1)
    # A linear (identity) output is a score whose sign decides; anything else is read as a probability.
    layers = getattr(model, "layers", None) or [None]
    linear = getattr(getattr(layers[-1], "activation", None), "name", None) == "identity"
    return (out[:, 0] > (0.0 if linear else 0.5)).astype(int)


def plot_decision_boundary(model, X, y, ax=None, resolution=200, padding=0.5, title=None):
    """Colour the plane by the class a 2-D classifier predicts there, and draw the data on top.

    One output column is thresholded (at 0.5 for a probability, at 0 when the network's last
    activation is the identity); several columns give the class with the largest output.

    Parameters
    ----------
    model : object with a ``predict(X)`` method
        E.g. a :class:`~nnbook.network.Network`; ``predict`` returns shape (n, 1), (n, k) or labels of shape (n,).
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        Integer class labels (a column or one-hot rows are accepted too).
    ax : Axes, optional
    resolution : int, default 200
        Grid points along each axis.
    colors : sequence of colours, optional
        One colour per path; by default the book's :data:`PALETTE` in order.
    padding : float, default 0.5
        Margin around the data, in data units.
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_protocol(model, "model", "an object with a predict(X) method", methods=["predict"])
    X = check_matrix(X, "X", n_cols=2, what="a decision boundary is drawn in the plane of n_features", finite=True)
    y = np.asarray(y)
    y = y.argmax(axis=1) if y.ndim == 2 and y.shape[1] > 1 else y  # one-hot rows: the class of each row
    y = check_labels(check_one_per(y, X.shape[0], "y", "row of X", f"X has {X.shape[0]} rows"), "y")
    resolution = check_int(resolution, "resolution", minimum=2)
    padding = check_positive_float(padding, "padding", allow_zero=True)
    (x0, y0), (x1, y1) = X.min(axis=0) - padding, X.max(axis=0) + padding
    xx, yy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    regions = _predicted_classes(model, np.c_[xx.ravel(), yy.ravel()]).reshape(xx.shape)
    k = int(max(regions.max(), y.max())) + 1
    colours = [PALETTE[c % len(PALETTE)] for c in range(k)]
    ax = new_axes(ax, (5, 4.2))
    for c in range(k):
        # One filled contour per class, of its indicator: contouring the labels themselves would paint a
        # thin band of class 1 wherever class 0 meets class 2. Level 0.25 (not 0.5) lets neighbouring
        # regions overlap by a fraction of a grid cell, so no white seams show where three classes meet.
        ax.contourf(xx, yy, (regions == c).astype(float), levels=[0.25, 1.5], colors=[light(colours[c])])
    for c in range(k):
        if np.any(y == c):
            ax.scatter(*X[y == c].T, s=28, color=colours[c], edgecolors="black", linewidths=0.6, label=f"class {c}")
    ax.set(xlim=(x0, x1), ylim=(y0, y1))
    label_axes(ax, r"$x_1$", r"$x_2$")
    ax.legend(fontsize=FONT - 2, framealpha=0.9, loc="best")
    if title is not None:
        ax.set_title(title, fontsize=FONT + 1)
    return ax


def plot_history(history, ax=None, metric="loss", logy=False, label=None):
    """Plot a training curve per epoch: training, and validation (dashed) when it was measured.

    Epochs are counted from 0, as in :func:`~nnbook.training.fit`'s log. With early stopping, a dotted line marks
    the best epoch, whose weights the model was given back.

    Parameters
    ----------
    history : History
        What :func:`nnbook.training.fit` returned.
    ax : Axes, optional
        Draw several runs on one Axes to compare them (give each a ``label``).
    metric : {"loss", "accuracy"}, default "loss"
    logy : bool, default False
        Logarithmic y axis (losses that fall by orders of magnitude).
    label : str, optional
        Name of the run, put in front of "training" / "validation" in the legend.

    Returns
    -------
    matplotlib.axes.Axes
    """
    metric = check_choice(metric, "metric", ("loss", "accuracy"))
    check_protocol(
        history, "history", f"a History with lists {metric} and val_{metric}", attributes=[metric, "val_" + metric]
    )
    logy = check_bool(logy, "logy")
    train = np.asarray(getattr(history, metric), dtype=float)
    val = np.asarray(getattr(history, "val_" + metric), dtype=float)
    if train.size == 0:
        raise ValueError(f"history has no {metric} values to plot (regression losses record no accuracy)")
    if logy and np.any(train <= 0):
        raise ValueError(f"logy needs {metric} values > 0, got a minimum of {train.min()}")
    created = ax is None
    ax = new_axes(ax, (5, 3.5))
    if created:
        ax.set_prop_cycle(color=PALETTE)
    prefix = "" if label is None else f"{label}, "
    # Epochs are counted from 0, as fit's log prints them: the point at epoch e is the e-th line of the log.
    (line,) = ax.plot(np.arange(train.size), train, lw=2, label=prefix + "training")
    if val.size:
        ax.plot(np.arange(val.size), val, lw=2, ls="--", color=line.get_color(), label=prefix + "validation")
    best = getattr(history, "best_epoch", None)
    if best is not None:  # early stopping gave the model back the weights of this epoch
        ax.axvline(best, color=line.get_color(), lw=1, ls=":", label=prefix + f"best epoch ({best})")
    if val.size or label is not None:
        ax.legend(fontsize=FONT - 1)
    label_axes(ax, "Epoch", metric.capitalize())
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if logy:
        ax.set_yscale("log")
    ax.grid(True, alpha=0.3)
    return ax


def plot_descent(
    f,
    paths=(),
    labels=None,
    xlim=(-1.0, 1.0),
    ylim=(-1.0, 1.0),
    ax=None,
    levels=20,
    xlabel="$w$",
    ylabel="$b$",
    resolution=200,
    colors=None,
):
    """Contours of a function of two parameters, with the paths that gradient descent took across them.

    Parameters
    ----------
    f : callable
        ``f(u, v)`` for arrays ``u``, ``v`` of the same shape (a grid), element by element, e.g. a loss
        :math:`\\mathcal{L}(w, b)` written with NumPy operations.
    paths : sequence of ndarray of shape (n_steps, 2)
        The points visited, one row per step, starting point first.
    labels : sequence of str, optional
        One legend entry per path.
    xlim, ylim : (float, float)
        The window of the plot.
    ax : Axes, optional
    levels : int or sequence of float, default 20
        Contour levels: how many, or which values of ``f``.
    xlabel, ylabel : str
    resolution : int, default 200
        Grid points along each axis.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not callable(f):
        raise TypeError(f"f must be a function f(u, v) of two arrays, got {type(f).__name__}")
    paths = [
        check_matrix(path, f"paths[{i}]", n_cols=2, what="a path in the plane has", finite=True)
        for i, path in enumerate(paths)
    ]
    if labels is not None:
        labels = list(labels)
        check_one_per(labels, len(paths), "labels", "path", f"{len(paths)} paths")
    if colors is not None:
        colors = list(colors)
        check_one_per(colors, len(paths), "colors", "path", f"{len(paths)} paths")
    resolution = check_int(resolution, "resolution", minimum=2)
    ax = new_axes(ax, (5, 4))
    u, v = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
    values = np.asarray(f(u, v), dtype=float)
    if values.shape != u.shape:
        raise ValueError(f"f(u, v) must return one value per grid point, shape {u.shape}, got {values.shape}")
    ax.contour(u, v, values, levels=levels, colors="#999999", linewidths=0.8)
    for i, path in enumerate(paths):
        colour = PALETTE[i % len(PALETTE)] if colors is None else colors[i]
        label = None if labels is None else labels[i]
        ax.plot(path[:, 0], path[:, 1], "-", color=colour, lw=1.5, marker="o", ms=3, label=label)
        ax.plot(*path[0], "s", color=colour, ms=6)  # the start
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    label_axes(ax, xlabel, ylabel)
    if labels is not None:
        ax.legend(fontsize=FONT - 1)
    return ax


def show_images(images, labels=None, predictions=None, n_cols=10, cmap="gray_r", axes=None):
    """Show grey images in a grid, titled with their label, or "pred p" over "true t" (red when wrong).

    All images share one colour scale: [min, max], or [-m, m] when some values are negative so that 0 is
    the middle of a diverging colormap, e.g. ``cmap="RdBu"`` for first-layer weights.

    Parameters
    ----------
    images : ndarray of shape (n, h * h) or (n, h, w)
        One image per row, e.g. the (n, 64) digits.
    labels, predictions : array-like of shape (n,), optional
    n_cols : int, default 10
    cmap : str, default "gray_r"
        Colormap; "gray_r" draws ink dark on white.
    axes : sequence of at least n Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    images = check_images(images)
    n = images.shape[0]
    labels, predictions = (
        None if values is None else check_one_per(values, n, name, "image", f"{n} images")
        for name, values in (("labels", labels), ("predictions", predictions))
    )
    n_cols = min(check_positive_int(n_cols, "n_cols"), n)
    n_rows = -(-n // n_cols)
    if axes is None:
        title_lines = (labels is not None) + (predictions is not None)
        axes = plt.subplots(
            n_rows,
            n_cols,
            figsize=(0.9 * n_cols, (0.9 + 0.2 * title_lines) * n_rows),
            squeeze=False,
            layout="constrained",
        )[1]
    axes = np.asarray(axes, dtype=object).reshape(-1)
    if axes.size < n:
        raise ValueError(f"axes must hold at least one Axes per image: {n} images, got {axes.size} Axes")
    m = np.abs(images).max()
    vmin, vmax = (-m, m) if images.min() < 0 else (images.min(), images.max())
    for i, ax in enumerate(axes):
        ax.axis("off")
        if i >= n:
            continue
        ax.imshow(images[i], cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest")
        if predictions is None and labels is None:
            continue
        if predictions is None:
            title, wrong = f"{labels[i]}", False
        elif labels is None:
            title, wrong = f"pred {predictions[i]}", False
        else:
            title, wrong = f"pred {predictions[i]}\ntrue {labels[i]}", predictions[i] != labels[i]
        ax.set_title(title, fontsize=FONT - 2, color="#C0392B" if wrong else "black", pad=3)
    return axes[0].figure


def plot_confusion_matrix(y_true, y_pred, n_classes=None, ax=None):
    """Draw the confusion matrix as an image with the count written in every cell.

    Row ``i``, column ``j`` counts the samples of true class ``i`` predicted as ``j``
    (see :func:`nnbook.metrics.confusion_matrix`); a perfect classifier fills only the diagonal.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Integer class labels.
    y_pred : array-like of shape (n_samples,), (n_samples, 1) or (n_samples, k)
        Predicted labels, or the network's output (read as :func:`nnbook.metrics.class_labels` says).
    n_classes : int, optional
    ax : Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    C = confusion_matrix(y_true, y_pred, n_classes)
    k = C.shape[0]
    ax = new_axes(ax, (0.45 * k + 1.6, 0.45 * k + 1.2))
    ax.imshow(C, cmap="Blues", vmin=0, vmax=max(C.max(), 1))
    for (i, j), count in np.ndenumerate(C):
        ax.text(
            j,
            i,
            str(count),
            ha="center",
            va="center",
            fontsize=FONT - 1,
            color="white" if count > C.max() / 2 else "black" if count else "0.6",
        )
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    label_axes(ax, "Predicted label", "True label")
    return ax
