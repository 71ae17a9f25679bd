"""The drawings of a neuron and of a layered network show every part the chapters name."""

import subprocess
import sys
from itertools import pairwise

import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import LineCollection
from matplotlib.patches import Circle

from drawing import close_figures, texts  # noqa: F401 (close_figures: an autouse fixture)
from nnbook import diagrams


def test_diagrams_are_reachable_from_a_plain_import_which_loads_no_matplotlib():
    # A fresh interpreter, where no other test has imported nnbook.diagrams (or matplotlib) yet.
    code = (
        "import sys; import nnbook as nn; print('matplotlib' in sys.modules); "
        "print(callable(nn.diagrams.draw_network), 'matplotlib' in sys.modules)"
    )
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
    assert connections(ax) == sum(a * b for a, b in pairwise(sizes))
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


@pytest.mark.parametrize(
    "sizes, match",
    [
        ([3], r"sizes must be a list of at least 2 layer sizes, e.g. \[2, 3, 1\], got \[3\]"),
        ("23", "sizes must be a list of at least 2 layer sizes"),
        ([2, 0, 1], r"sizes\[1\] must be a positive integer, got 0"),
        ([2, 2.5], r"sizes\[1\] must be a positive integer, got 2.5"),
    ],
)
def test_network_bad_sizes(sizes, match):
    with pytest.raises(ValueError, match=match):
        diagrams.draw_network(sizes)


# --- The computation graph of a Value (chapter 7) -----------------------------------------------------------


def graph_parts(ax):
    from matplotlib.patches import FancyBboxPatch
    from matplotlib.text import Annotation

    boxes = sum(isinstance(p, FancyBboxPatch) for p in ax.patches)
    circles = sum(isinstance(p, Circle) for p in ax.patches)
    arrows = sum(isinstance(t, Annotation) for t in ax.texts)
    return boxes, circles, arrows


def tanh_expression():
    from nnbook.autograd import Value

    a, b, c = Value(2.0, label="a"), Value(-1.0, label="b"), Value(3.0, label="c")
    return a, b, c, (a * b + c).tanh()


def test_graph_has_a_box_per_number_a_circle_per_operation_and_an_arrow_per_input():
    a, b, c, L = tanh_expression()
    ax = diagrams.draw_graph(L, show_grad=False)
    # 6 numbers (a, b, c, a*b, a*b + c, L); 3 operations; arrows: 2 + 2 + 1 inputs, and one per operation to
    # its result.
    assert graph_parts(ax) == (6, 3, 5 + 3)
    words = texts(ax)
    assert {"a", "b", "c", "data 2.0000", "data -2.0000", "data 0.7616", "×", "+", "tanh"} <= set(words)
    assert not any(w.startswith("grad") for w in words)
    assert ax.get_aspect() == 1 and not ax.axison


def test_graph_shows_the_gradients_after_backward():
    a, b, c, L = tanh_expression()
    L.backward()
    words = texts(diagrams.draw_graph(L, decimals=2))
    assert {"grad 1.00", "grad 0.42", "grad -0.42", "grad 0.84", "data 0.76"} <= set(words)


def test_graph_lays_out_left_to_right_with_each_input_before_its_use():
    a, b, c, L = tanh_expression()
    ax = diagrams.draw_graph(L)
    x = {t.get_text(): t.get_position()[0] for t in ax.texts if t.get_text()}
    assert x["a"] == x["b"] < x["×"] < x["c"] < x["+"] < x["tanh"]


def test_a_node_used_twice_is_drawn_once():
    from nnbook.autograd import Value

    x = Value(3.0, label="x")
    f = x * x + x
    f.backward()
    ax = diagrams.draw_graph(f)
    # Boxes x, x*x and f; arrows: one from x into the product (not two), x*x and x into the sum, and one per
    # operation to its result.
    assert graph_parts(ax) == (3, 2, 3 + 2)
    assert texts(ax).count("x") == 1 and "grad 7.0000" in texts(ax)


def test_graph_writes_every_operation():
    from nnbook.autograd import Value

    v = Value(0.5)
    ops = [v - 1, -v, v / 2, v**2, v.exp(), v.log(), v.relu(), v.sigmoid()]
    total = ops[0]
    for op in ops[1:]:
        total = total + op
    words = set(texts(diagrams.draw_graph(total, show_grad=False)))
    assert {"−", "÷", r"$(\cdot)^{2}$", "exp", "log", "relu", r"$\sigma$", "+"} <= words


def test_graph_draws_any_object_with_the_attributes_of_a_value():
    class Number:
        def __init__(self, data, inputs=(), op=""):
            self.data, self.grad, self.inputs, self.op = data, 0.0, tuple(inputs), op

    a = Number(1.0)
    ax = diagrams.draw_graph(Number(2.0, [(a, 2.0)], "double"), show_grad=False)
    assert graph_parts(ax)[:2] == (2, 1) and "double" in texts(ax)


def test_graph_bad_input():
    from nnbook.autograd import Value

    with pytest.raises(TypeError, match="value must be a Value .*, got float"):
        diagrams.draw_graph(1.5)
    with pytest.raises(ValueError, match="decimals must be a positive integer, got 0"):
        diagrams.draw_graph(Value(1.0), decimals=0)
    big = Value(0.0)
    for k in range(40):
        big = big + Value(float(k))
    with pytest.raises(ValueError, match="value's graph has more than 60 nodes, too many to draw"):
        diagrams.draw_graph(big)
