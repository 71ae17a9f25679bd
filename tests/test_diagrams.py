"""The drawings of a neuron and of a layered network show every part the chapters name."""

import subprocess
import sys

import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle

from drawing import close_figures, texts  # noqa: F401 (close_figures: an autouse fixture)
from nnbook import diagrams


def test_diagrams_are_reachable_from_a_plain_import_which_loads_no_matplotlib():
    # A fresh interpreter, where no other test has imported nnbook.diagrams (or matplotlib) yet.
    code = ("import sys; import nnbook as nn; print('matplotlib' in sys.modules); "
            "print(callable(nn.diagrams.draw_network), 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "True"]


@pytest.mark.parametrize("n_inputs", [1, 3, 5])
def test_perceptron_has_inputs_weights_sum_bias_activation_output(n_inputs):
    ax = diagrams.draw_perceptron(n_inputs)
    words = texts(ax)
    for j in range(1, n_inputs + 1):
        assert f"$x_{{{j}}}$" in words and f"$w_{{{j}}}$" in words
    assert {r"$\Sigma$", "$b$", "$f$", "$z$", r"$\hat{y}$"} <= set(words)
    assert sum(isinstance(p, Circle) for p in ax.patches) == n_inputs + 1  # inputs and the sum
    assert len(words) == 2 * n_inputs + 5
    assert ax.get_aspect() == 1 and not ax.axison


def test_perceptron_options():
    ax = diagrams.draw_perceptron(2, activation_label="step", show_bias=False)
    assert "$b$" not in texts(ax) and "step" in texts(ax)
    assert r"$\sigma$" in texts(diagrams.draw_perceptron(activation_label=r"$\sigma$"))
    with pytest.raises(ValueError, match="n_inputs must be a positive integer, got 0"):
        diagrams.draw_perceptron(0)


def connections(ax):
    return sum(len(c.get_segments()) for c in ax.collections if isinstance(c, LineCollection))


@pytest.mark.parametrize("sizes", [[2, 1], [2, 3, 3, 1], [4, 8, 2]])
def test_network_joins_every_node_to_the_next_layer(sizes):
    ax = diagrams.draw_network(sizes)
    assert isinstance(ax, plt.Axes)
    assert sum(isinstance(p, Circle) for p in ax.patches) == sum(sizes)
    assert connections(ax) == sum(a * b for a, b in zip(sizes, sizes[1:]))
    hidden = [f"Hidden\nlayer {i}" for i in range(1, len(sizes) - 1)]
    assert texts(ax) == ["Input\nlayer", *hidden, "Output\nlayer"]


def test_network_shortens_wide_layers_and_labels_nodes():
    ax = diagrams.draw_network([64, 3, 10], node_labels=True)
    assert sum(isinstance(p, Circle) for p in ax.patches) == 7 + 3 + 7
    assert connections(ax) == 7 * 3 + 3 * 7
    words = texts(ax)
    assert {"64 units", "10 units", "$x_{64}$", "$a^{(1)}_{3}$", r"$\hat{y}_{10}$"} <= set(words)
    assert words.count(r"$\vdots$") == 2
    assert texts(diagrams.draw_network([2, 1], labels=False)) == []


@pytest.mark.parametrize("sizes, match", [
    ([3], r"sizes must be a list of at least 2 layer sizes, e.g. \[2, 3, 1\], got \[3\]"),
    ("23", "sizes must be a list of at least 2 layer sizes"),
    ([2, 0, 1], r"sizes\[1\] must be a positive integer, got 0"),
    ([2, 2.5], r"sizes\[1\] must be a positive integer, got 2.5"),
])
def test_network_bad_sizes(sizes, match):
    with pytest.raises(ValueError, match=match):
        diagrams.draw_network(sizes)
