import subprocess
import sys

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.contour import ContourSet

import nnbook as nn
from drawing import close_figures, texts  # noqa: F401 (close_figures: an autouse fixture)
from nnbook import activations, plotting
from nnbook.metrics import confusion_matrix


def test_import_nnbook_does_not_import_matplotlib():
    code = "import sys, nnbook; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# --- plot_activations ---------------------------------------------------------------------------


def test_activations_draw_one_curve_per_panel():
    names = ["step", "sigmoid", "tanh", "relu"]
    fig = plotting.plot_activations(names)
    assert isinstance(fig, plt.Figure)
    assert len(fig.axes) == 4
    z = np.linspace(-5, 5, 500)
    for ax, name, title in zip(fig.axes, names, ["Step", "Sigmoid", "Tanh", "ReLU"], strict=True):
        assert len(ax.lines) == 1
        np.testing.assert_array_equal(ax.lines[0].get_xdata(), z)
        assert np.allclose(ax.lines[0].get_ydata(), activations.get(name)(z))
        assert ax.get_title() == title
        assert ax.get_xlabel() == "$z$" and ax.get_ylabel() == "$f(z)$"


def test_activations_derivatives_form_a_second_row():
    names = ["identity", "sigmoid", "leaky_relu"]
    z = np.linspace(-2, 3, 41)
    fig = plotting.plot_activations(names, z=z, derivatives=True)
    assert len(fig.axes) == 6
    top, bottom = fig.axes[:3], fig.axes[3:]
    for f_ax, d_ax, name in zip(top, bottom, names, strict=True):
        f = activations.get(name)
        assert np.allclose(f_ax.lines[0].get_ydata(), f(z))
        assert np.allclose(d_ax.lines[0].get_ydata(), f.derivative(z))
        assert d_ax.get_ylabel() == "$f'(z)$"
    assert [ax.get_title() for ax in top] == ["Identity", "Sigmoid", "Leaky ReLU"]


def test_activations_draw_into_given_axes():
    fig, axes = plt.subplots(1, 2)
    assert plotting.plot_activations(["relu", activations.tanh], axes=axes) is fig
    assert np.allclose(axes[1].lines[0].get_ydata(), np.tanh(np.linspace(-5, 5, 500)))


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (
            {"names": ["relu", "softmax"]},
            ValueError,
            "softmax is not element-wise: .* Choose one of: identity, leaky_relu, relu, sigmoid, step, tanh$",
        ),
        ({"names": ["rel"]}, ValueError, "Unknown activation 'rel'"),
        ({"names": []}, ValueError, "names must list at least one activation, got an empty list"),
        (
            {"names": ["relu"], "z": np.ones((2, 3))},
            ValueError,
            r"z must be 1-D with at least 2 points, got shape \(2, 3\)",
        ),
        ({"names": ["relu"], "z": [0.0, np.nan]}, ValueError, "z must be finite"),
        ({"names": ["relu"], "derivatives": "no"}, TypeError, "derivatives must be True or False, got 'no'"),
        (
            {"names": ["relu", "tanh"], "derivatives": True, "axes": np.array([None] * 2)},
            ValueError,
            r"axes must hold 2 x 2 = 4 Axes \(rows x activations\), got 2",
        ),
    ],
)
def test_activations_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        plotting.plot_activations(**kwargs)


def test_panel_titles_come_from_the_activation_itself():
    class Swish(activations.Activation):
        name, title = "swish", "Swish"

        def __call__(self, z):
            return z * activations.sigmoid(z)

        def derivative(self, z):
            s = activations.sigmoid(z)
            return s + z * s * (1 - s)

    class Untitled(Swish):
        name, title = "my_swish", ""

    fig = plotting.plot_activations([activations.LeakyReLU(0.2), Swish(), Untitled()])
    assert [ax.get_title() for ax in fig.axes] == ["Leaky ReLU", "Swish", "My Swish"]


def test_derivatives_with_a_kink_are_drawn_as_steps():
    fig = plotting.plot_activations(["relu", "tanh", "step"], derivatives=True)
    top, bottom = fig.axes[:3], fig.axes[3:]
    assert [ax.lines[0].get_drawstyle() for ax in top] == ["default", "default", "steps-mid"]
    assert [ax.lines[0].get_drawstyle() for ax in bottom] == ["steps-mid", "default", "steps-mid"]


def test_palette_is_defined_once_in_the_style():
    from nnbook import _style

    assert plotting.PALETTE is _style.PALETTE
    assert "PALETTE" in plotting.__all__


# --- plot_decision_boundary ---------------------------------------------------------------------


def one_layer(W, b, activation):
    layer = nn.Dense(2, len(W), activation)
    layer.W[:], layer.b[:] = W, b
    return nn.Network([layer])


X_BOX = np.array([[-3.0, -1.0], [3.0, 1.0], [0.5, 0.0]])  # the plot spans x1 in [-3.5, 3.5]
STEP = 7.0 / 199  # grid spacing along x1 at the default resolution


def band_x_range(ax, k):
    """Smallest and largest x1 of the region filled for class k (None if there is none)."""
    vertices = [c for c in ax.collections if isinstance(c, ContourSet)][k].get_paths()[0].vertices
    return (vertices[:, 0].min(), vertices[:, 0].max()) if len(vertices) else None


@pytest.mark.parametrize("activation", ["sigmoid", "identity"])
def test_decision_boundary_thresholds_one_output(activation):
    # z = 2 x1 - 1: a probability sigmoid(z) > 0.5 and a score z > 0 both mean x1 > 0.5. Using the
    # other threshold would move the boundary (to x1 = 0.75 for the score, to everywhere for sigmoid).
    model = one_layer([[2.0, 0.0]], [-1.0], activation)
    ax = plotting.plot_decision_boundary(model, X_BOX, [0, 1, 1])
    assert isinstance(ax, plt.Axes)
    left, right = band_x_range(ax, 0), band_x_range(ax, 1)
    assert left[0] == -3.5 and abs(left[1] - 0.5) < STEP
    assert right[1] == 3.5 and abs(right[0] - 0.5) < STEP


def test_decision_boundary_takes_the_argmax_of_several_outputs():
    # Scores (x1 - 1, -x1 - 1, 0): class 0 right of x1 = 1, class 1 left of -1, class 2 between.
    model = one_layer([[1.0, 0.0], [-1.0, 0.0], [0.0, 0.0]], [-1.0, -1.0, 0.0], "identity")
    ax = plotting.plot_decision_boundary(model, X_BOX, [0, 1, 2], title="Three classes")
    (lo0, hi0), (lo1, hi1), (lo2, hi2) = (band_x_range(ax, k) for k in range(3))
    assert abs(lo0 - 1) < STEP and hi0 == 3.5
    assert lo1 == -3.5 and abs(hi1 + 1) < STEP
    assert abs(lo2 + 1) < STEP and abs(hi2 - 1) < STEP
    assert ax.get_title() == "Three classes"


def test_decision_boundary_draws_each_class_in_its_colour():
    class LabelModel:  # any object with predict() will do; here it returns labels directly
        def predict(self, X):
            return (X[:, 1] > 0).astype(int)

    X = np.array([[0.0, -1.0], [1.0, -2.0], [0.0, 1.0]])
    ax = plotting.plot_decision_boundary(LabelModel(), X, np.array([0, 0, 1]), resolution=20, padding=0.1)
    points = [c for c in ax.collections if not isinstance(c, ContourSet)]
    assert [len(p.get_offsets()) for p in points] == [2, 1]
    for k, p in enumerate(points):
        assert matplotlib.colors.same_color(p.get_facecolor()[0], plotting.PALETTE[k])
    assert ax.get_xlim() == pytest.approx((-0.1, 1.1)) and ax.get_ylim() == pytest.approx((-2.1, 1.1))


@pytest.mark.parametrize(
    "model, X, y, kwargs, error, match",
    [
        (
            "not a model",
            X_BOX,
            [0, 1, 1],
            {},
            TypeError,
            r"model must be an object with a predict\(X\) method, got str",
        ),
        (
            None,
            np.ones((3, 3)),
            [0, 1, 1],
            {},
            ValueError,
            "X has 3 features, but a decision boundary is drawn in the plane of n_features=2",
        ),
        (None, X_BOX, np.array([0, 1, 1]) + 0.5, {}, ValueError, "y must hold integer class labels 0, 1, .* float64"),
        (None, X_BOX, [0, 1], {}, ValueError, "y must have one entry per row of X: X has 3 rows, got 2 entries"),
        (None, X_BOX, [0, 1, 1], {"resolution": 1}, ValueError, "resolution must be an integer >= 2, got 1"),
        (None, X_BOX, [0, 1, 1], {"padding": -1}, ValueError, "padding must be a finite number >= 0, got -1"),
        (None, X_BOX, [0, 1, 1], {"padding": np.inf}, ValueError, "padding must be a finite number >= 0, got inf"),
        (None, X_BOX, [0, 1, 1], {"resolution": True}, ValueError, "resolution must be an integer >= 2, got True"),
        (None, X_BOX, [0, 1, 1], {"ax": "left"}, TypeError, "ax must be a matplotlib Axes or None, got str"),
    ],
)
def test_decision_boundary_bad_input(model, X, y, kwargs, error, match):
    model = one_layer([[1.0, 0.0]], [0.0], "sigmoid") if model is None else model
    with pytest.raises(error, match=match):
        plotting.plot_decision_boundary(model, X, y, **kwargs)


# --- plot_history -------------------------------------------------------------------------------


def test_history_draws_training_and_validation():
    history = nn.History(loss=[1.0, 0.5, 0.25], val_loss=[1.1, 0.6, 0.4], accuracy=[0.5, 0.7, 0.9])
    ax = plotting.plot_history(history)
    train, val = ax.lines
    np.testing.assert_array_equal(train.get_xdata(), [0, 1, 2])  # epochs from 0, as fit's log counts them
    np.testing.assert_array_equal(train.get_ydata(), history.loss)
    np.testing.assert_array_equal(val.get_ydata(), history.val_loss)
    assert val.get_linestyle() == "--" and val.get_color() == train.get_color()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["training", "validation"]
    assert ax.get_xlabel() == "Epoch" and ax.get_ylabel() == "Loss"


def test_history_marks_the_best_epoch_of_early_stopping():
    history = nn.History(loss=[1.0, 0.5, 0.4, 0.3], val_loss=[1.1, 0.6, 0.7, 0.8], best_epoch=1)
    ax = plotting.plot_history(history)
    assert len(ax.lines) == 3
    np.testing.assert_array_equal(ax.lines[2].get_xdata(), [1, 1])
    assert ax.get_legend().get_texts()[2].get_text() == "best epoch (1)"


def test_history_accuracy_log_scale_and_runs_on_one_axes():
    ax = plotting.plot_history(nn.History(loss=[1.0, 0.1], accuracy=[0.6, 0.8]), metric="accuracy", label="SGD")
    plotting.plot_history(nn.History(loss=[1.0, 0.2], accuracy=[0.7, 0.9]), ax=ax, metric="accuracy", label="Adam")
    assert [line.get_label() for line in ax.lines] == ["SGD, training", "Adam, training"]
    assert ax.lines[0].get_color() != ax.lines[1].get_color()
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), [0.7, 0.9])
    assert ax.get_ylabel() == "Accuracy"
    assert plotting.plot_history(nn.History(loss=[1.0, 0.1]), logy=True).get_yscale() == "log"


@pytest.mark.parametrize(
    "history, kwargs, error, match",
    [
        (nn.History(loss=[1.0]), {"metric": "acc"}, ValueError, "metric must be 'loss' or 'accuracy', got 'acc'"),
        (nn.History(loss=[1.0]), {"metric": "accuracy"}, ValueError, "history has no accuracy values to plot"),
        (nn.History(), {}, ValueError, "history has no loss values to plot"),
        (nn.History(loss=[1.0, 0.0]), {"logy": True}, ValueError, "logy needs loss values > 0, got a minimum of 0.0"),
        (nn.History(loss=[1.0]), {"logy": "yes"}, TypeError, "logy must be True or False, got 'yes'"),
        ([1.0, 0.5], {}, TypeError, "history must be a History with lists loss and val_loss, got list"),
    ],
)
def test_history_bad_input(history, kwargs, error, match):
    with pytest.raises(error, match=match):
        plotting.plot_history(history, **kwargs)


# --- show_images and plot_confusion_matrix ------------------------------------------------------


def test_images_in_a_grid_with_labels():
    images = np.arange(12 * 16, dtype=float).reshape(12, 16)
    fig = plotting.show_images(images, labels=np.arange(12), n_cols=5)
    assert isinstance(fig, plt.Figure)
    assert len(fig.axes) == 15  # 3 rows of 5; the last 3 stay empty
    shown = [ax for ax in fig.axes if ax.images]
    assert len(shown) == 12
    np.testing.assert_array_equal(shown[4].images[0].get_array(), images[4].reshape(4, 4))
    assert [ax.get_title() for ax in shown[:3]] == ["0", "1", "2"]
    assert not any(ax.axison for ax in fig.axes)


def test_wrong_predictions_are_titled_in_red():
    fig = plotting.show_images(np.zeros((3, 8, 8)), labels=[1, 2, 3], predictions=[1, 5, 3])
    titles = [ax.title for ax in fig.axes]
    assert [t.get_text() for t in titles] == ["pred 1\ntrue 1", "pred 5\ntrue 2", "pred 3\ntrue 3"]
    assert [t.get_color() for t in titles] == ["black", "#C0392B", "black"]


def test_weights_share_a_scale_centred_on_zero():
    W = np.array([[-2.0, 0.0, 1.0, 0.5], [0.0, 1.0, 0.0, 0.0]])
    fig = plotting.show_images(W, cmap="RdBu")
    for ax in fig.axes:
        assert ax.images[0].get_clim() == (-2.0, 2.0)
        assert ax.images[0].get_cmap().name == "RdBu"
    assert fig.axes[0].get_title() == ""


@pytest.mark.parametrize(
    "images, kwargs, match",
    [
        (np.zeros((2, 63)), {}, r"images of shape \(n, n_pixels\) must be square, n_pixels = h \* h, got n_pixels=63"),
        (np.zeros(64), {}, r"images must have shape \(n, h \* h\) or \(n, h, w\) with n >= 1, got shape \(64,\)"),
        (np.zeros((3, 4)), {"labels": [1, 2]}, "labels must have one entry per image: 3 images, got 2 entries"),
        (np.zeros((3, 4)), {"n_cols": 0}, "n_cols must be a positive integer, got 0"),
    ],
)
def test_images_bad_input(images, kwargs, match):
    with pytest.raises(ValueError, match=match):
        plotting.show_images(images, **kwargs)


def test_confusion_matrix_writes_every_count():
    y_true = [0, 0, 1, 2, 2, 2, 2]
    y_pred = [0, 1, 1, 2, 0, 2, 2]
    ax = plotting.plot_confusion_matrix(y_true, y_pred)
    C = confusion_matrix(y_true, y_pred)
    np.testing.assert_array_equal(ax.images[0].get_array(), C)
    assert texts(ax) == [str(c) for c in C.ravel()]
    assert ax.texts[8].get_color() == "white"  # the largest count sits on the darkest cell
    assert ax.get_xlabel() == "Predicted label" and ax.get_ylabel() == "True label"
    assert plotting.plot_confusion_matrix([0], [0], n_classes=3).images[0].get_array().shape == (3, 3)
    with pytest.raises(ValueError, match="y_true and y_pred must have one label per sample each"):
        plotting.plot_confusion_matrix([0, 1], [0])


# --- plot_descent ---------------------------------------------------------------------------------


def test_descent_draws_contours_and_each_path_from_its_start():
    def bowl(w, b):
        return w**2 + 4 * b**2

    paths = [np.array([[1.0, 1.0], [0.5, 0.2], [0.1, 0.0]]), np.array([[-1.0, 0.5], [-0.2, 0.1]])]
    ax = plotting.plot_descent(bowl, paths, labels=["slow", "fast"], xlim=(-2, 2), ylim=(-2, 2))
    drawn = [line for line in ax.lines if line.get_label() in ("slow", "fast")]
    assert [line.get_label() for line in drawn] == ["slow", "fast"]
    np.testing.assert_array_equal(drawn[0].get_xdata(), paths[0][:, 0])
    np.testing.assert_array_equal(drawn[1].get_ydata(), paths[1][:, 1])
    assert ax.collections  # the contours
    assert ax.get_xlim() == (-2, 2) and ax.get_xlabel() == "$w$"


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(f="bowl"), TypeError, "f must be a function f"),
        (dict(paths=[np.ones((3, 3))]), ValueError, r"paths\[0\] has 3 features, but a path in the plane has=2"),
        (dict(paths=[np.array([[0.0, np.nan]])]), ValueError, r"paths\[0\] must be finite"),
        (dict(labels=["a", "b"]), ValueError, "labels"),
        (dict(f=lambda w, b: 1.0), ValueError, r"f\(u, v\) must return one value per grid point"),
    ],
)
def test_descent_bad_input(kwargs, error, match):
    args = dict(f=lambda w, b: w**2 + b**2, paths=[np.zeros((2, 2))])
    args.update(kwargs)
    with pytest.raises(error, match=match):
        plotting.plot_descent(**args)


def test_descent_takes_one_colour_per_path():
    paths = [np.zeros((2, 2)), np.ones((2, 2))]
    ax = plotting.plot_descent(lambda w, b: w**2 + b**2, paths, labels=["a", "b"], colors=["#000000", "#D55E00"])
    drawn = [line for line in ax.lines if line.get_label() in ("a", "b")]
    assert [line.get_color() for line in drawn] == ["#000000", "#D55E00"]
    with pytest.raises(ValueError, match="colors must have one entry per path: 2 paths, got 1 entries"):
        plotting.plot_descent(lambda w, b: w**2 + b**2, paths, colors=["#000000"])
