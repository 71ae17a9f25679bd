"""nnbook.autograd.Value: every operation and every composite expression agrees with finite differences, a
hand-worked example comes out exactly, and bad inputs raise errors that name the argument."""

import math
import operator

import numpy as np
import pytest

from finite_differences import numerical_gradient, relative_error
from nnbook.autograd import Value


def gradient_by_value(f, x):
    """The gradient of ``f`` at the point ``x`` (a list of floats), by one backward sweep through Values."""
    inputs = [Value(v) for v in x]
    f(*inputs).backward()
    return np.array([v.grad for v in inputs])


def gradient_by_differences(f, x):
    return numerical_gradient(lambda p: f(*(Value(v) for v in p)).data, x)


# --- A hand-worked example --------------------------------------------------------------------------------


def test_hand_worked_expression():
    # L = tanh(a b + c) at a = 2, b = -1, c = 3: a b + c = 1, L = tanh(1), dL/d(ab + c) = 1 - tanh(1)^2;
    # the product passes that on times b to a and times a to b, the sum passes it on unchanged to c.
    a, b, c = Value(2.0), Value(-1.0), Value(3.0)
    ab = a * b
    e = ab + c
    L = e.tanh()
    L.backward()
    t = math.tanh(1.0)
    local = 1 - t * t
    assert (ab.data, e.data, L.data) == (-2.0, 1.0, t)
    assert (L.grad, e.grad, ab.grad, c.grad) == (1.0, local, local, local)
    assert (a.grad, b.grad) == (-1.0 * local, 2.0 * local)
    assert (round(L.data, 4), round(a.grad, 4), round(b.grad, 4), round(c.grad, 4)) == (0.7616, -0.42, 0.8399, 0.42)


def test_worked_example_of_chapter_4():
    # The 2-2-1 sigmoid network of nnbook.examples, written with Values: the gradients of its docstring.
    x = [1.0, 2.0]
    W1 = [[Value(0.1), Value(0.2)], [Value(0.3), Value(0.4)]]
    b1 = [Value(0.1), Value(-0.1)]
    W2 = [Value(0.5), Value(0.6)]
    b2 = Value(-0.5)
    a1 = [(row[0] * x[0] + row[1] * x[1] + b).sigmoid() for row, b in zip(W1, b1, strict=True)]
    y_hat = (W2[0] * a1[0] + W2[1] * a1[1] + b2).sigmoid()
    loss = (y_hat - 1.0) ** 2
    loss.backward()
    assert round(y_hat.data, 4) == 0.5650 and round(loss.data, 4) == 0.1892
    assert round(b2.grad, 4) == -0.2138
    assert [round(w.grad, 4) for w in W2] == [-0.1381, -0.1563]
    assert [round(b.grad, 4) for b in b1] == [-0.0245, -0.0252]
    assert [[round(w.grad, 4) for w in row] for row in W1] == [[-0.0245, -0.0489], [-0.0252, -0.0504]]


# --- Every operation against finite differences -----------------------------------------------------------

UNARY = {
    "exp": (Value.exp, [-3.0, 0.0, 2.5]),
    "log": (Value.log, [0.1, 1.0, 7.0]),
    "tanh": (Value.tanh, [-2.0, 0.0, 0.7]),
    "relu": (Value.relu, [-1.5, 0.3, 4.0]),
    "sigmoid": (Value.sigmoid, [-6.0, -1.0, 0.0, 2.0, 5.0]),
    "neg": (operator.neg, [-1.0, 2.0]),
    "square": (lambda v: v**2, [-1.5, 0.0, 3.0]),
    "cube": (lambda v: v**3, [-2.0, 0.5]),
    "inverse": (lambda v: v**-1, [-0.5, 4.0]),
    "square root": (lambda v: v**0.5, [0.25, 9.0]),
}


@pytest.mark.parametrize("name", UNARY)
def test_unary_operation_matches_finite_differences(name):
    op, points = UNARY[name]
    for x in points:
        analytic = gradient_by_value(op, [x])
        numeric = gradient_by_differences(op, [x])
        assert relative_error(analytic, numeric) < 1e-7, (name, x, analytic, numeric)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("exp", math.exp),
        ("log", math.log),
        ("tanh", math.tanh),
        ("relu", lambda x: max(x, 0.0)),
        ("sigmoid", lambda x: 1 / (1 + math.exp(-x))),
    ],
)
def test_unary_operation_computes_the_function(name, expected):
    for x in UNARY[name][1]:
        assert getattr(Value(x), name)().data == pytest.approx(expected(x), rel=1e-15, abs=1e-300)


def test_sigmoid_does_not_overflow_for_large_inputs():
    for x, expected, slope in [(-1000.0, 0.0, 0.0), (1000.0, 1.0, 0.0)]:
        v = Value(x)
        s = v.sigmoid()
        s.backward()
        assert (s.data, v.grad) == (expected, slope)


BINARY = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


@pytest.mark.parametrize("symbol", BINARY)
@pytest.mark.parametrize("a, b", [(1.5, -2.0), (-0.3, 0.7)])
def test_binary_operation_matches_finite_differences(symbol, a, b):
    op = BINARY[symbol]
    assert op(Value(a), Value(b)).data == op(a, b)
    analytic = gradient_by_value(op, [a, b])
    assert relative_error(analytic, gradient_by_differences(op, [a, b])) < 1e-7


@pytest.mark.parametrize("symbol", BINARY)
def test_arithmetic_works_both_ways_round_with_numbers(symbol):
    op = BINARY[symbol]
    for number in (3, 2.5):
        v = Value(-1.25)
        left, right = op(v, number), op(number, v)  # Value op number, number op Value
        assert (left.data, right.data) == (op(-1.25, number), op(number, -1.25))
        left.backward()
        assert v.grad == pytest.approx(gradient_by_differences(lambda u, n=number: op(u, n), [-1.25])[0], rel=1e-7)
        right.backward()
        assert v.grad == pytest.approx(gradient_by_differences(lambda u, n=number: op(n, u), [-1.25])[0], rel=1e-7)


def test_a_number_raised_to_a_value():
    v = Value(1.5)
    r = 2**v
    r.backward()
    assert r.data == pytest.approx(2**1.5, rel=1e-15)
    assert v.grad == pytest.approx(2**1.5 * math.log(2), rel=1e-14)


# --- Composite expressions, nodes used more than once -----------------------------------------------------

COMPOSITE = {
    "neuron": lambda w, x, b: ((w * x + b).sigmoid() - 1) ** 2,
    "every operation": lambda a, b, c: (
        (a * b + c).tanh() * a - b / c + (a**2).exp().log() + (1 - c).relu() + 2 ** (b * 0.3) - (-a).sigmoid()
    ),
    "used twice": lambda x, y, z: x * x + x * y + (x / z).tanh() * x,
    "shared subexpression": lambda a, b, c: (lambda s: s * s.exp() + s / (1 + s**2))(a * b - c),
    "softplus and log-sum-exp": lambda a, b, c: (1 + a.exp()).log() + (a.exp() + b.exp() + c.exp()).log(),
}


@pytest.mark.parametrize("name", COMPOSITE)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_composite_expression_matches_finite_differences(name, seed):
    x = np.random.default_rng(seed).uniform(0.2, 1.5, size=3) * [1, -1, 1]
    f = COMPOSITE[name]
    analytic = gradient_by_value(f, x)
    numeric = gradient_by_differences(f, x)
    assert relative_error(analytic, numeric) < 1e-7


def test_a_node_used_twice_collects_both_contributions():
    x = Value(3.0)
    (x * x).backward()
    assert x.grad == 6.0  # d(x^2)/dx = 2x: one x from each use
    (x + x + x).backward()
    assert x.grad == 3.0


def test_every_node_gets_its_gradient_and_backward_starts_again_from_zero():
    a, b = Value(2.0), Value(5.0)
    c = a * b
    d = c + a
    for _ in range(3):  # calling backward again gives the same gradients, it does not add to them
        d.backward()
        assert (d.grad, c.grad, a.grad, b.grad) == (1.0, 1.0, 6.0, 2.0)
    c.backward()  # a sweep from c sets only c's graph: d is not part of it
    assert (c.grad, a.grad, b.grad, d.grad) == (1.0, 5.0, 2.0, 1.0)


def test_a_deep_graph_needs_no_recursion():
    x = Value(0.5)
    y = x
    for _ in range(5000):  # deeper than Python's default recursion limit
        y = y * 1.0001
    y.backward()
    assert x.grad == pytest.approx(1.0001**5000, rel=1e-10)


def test_a_graph_records_its_operations_and_local_derivatives():
    a, b = Value(2.0, label="a"), Value(-1.0, label="b")
    c = a * b
    assert (c.op, c.label, a.label) == ("*", "", "a")
    assert [(v is a, v is b, local) for v, local in c.inputs] == [(True, False, -1.0), (False, True, 2.0)]
    assert repr(c) == "Value(data=-2, grad=0)"


def test_a_new_operation_is_one_value_with_its_local_derivative():
    def sin(x):
        return Value(math.sin(x.data), [(x, math.cos(x.data))], "sin")

    f = lambda a, b: sin(a * b) + a  # noqa: E731
    x = [0.4, 1.3]
    assert relative_error(gradient_by_value(f, x), gradient_by_differences(f, x)) < 1e-7


# --- Bad input ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda: Value("3"), TypeError, r"data must be a real number \(int or float\), got str"),
        (lambda: Value(None), TypeError, "data must be a real number .*, got NoneType"),
        (lambda: Value(True), TypeError, "data must be a real number .*, got bool"),
        (lambda: Value(np.array([1.0, 2.0])), TypeError, "data must be a real number .*, got ndarray"),
        (lambda: Value(float("nan")), ValueError, "data must be a finite number, got nan"),
        (lambda: Value(math.inf), ValueError, "data must be a finite number, got inf"),
        (lambda: Value(1.0) + "2", TypeError, r"other must be a Value or a real number \(int or float\), got str"),
        (lambda: [1.0] * Value(2.0), TypeError, "other must be a Value or a real number .*, got list"),
        (lambda: Value(1.0) * float("nan"), ValueError, "other must be a finite number, got nan"),
        (lambda: 1 - Value(float("inf")), ValueError, "data must be a finite number, got inf"),
        (lambda: Value(2.0) ** "2", TypeError, "exponent must be a real number .*, got str"),
        (lambda: Value(2.0) ** float("nan"), ValueError, "exponent must be a finite number, got nan"),
        (lambda: Value(2.0) ** Value(3.0), TypeError, r"the exponent must be a number, not a Value"),
        (lambda: Value(-8.0) ** 0.5, ValueError, r"a negative number \(-8\) has no real power 0.5"),
        (lambda: Value(0.0) ** -1, ZeroDivisionError, r"0 \*\* -1 or its derivative"),
        (lambda: Value(0.0) ** 0.5, ZeroDivisionError, r"0 \*\* 0.5 or its derivative"),
        (lambda: Value(1.0) / 0, ZeroDivisionError, "division by a Value whose data is 0"),
        (lambda: 1 / Value(0.0), ZeroDivisionError, "division by a Value whose data is 0"),
        (lambda: Value(0.0).log(), ValueError, "log needs a positive number, got 0"),
        (lambda: Value(-2.0).log(), ValueError, "log needs a positive number, got -2"),
        (lambda: (-2) ** Value(1.0), ValueError, "base \\*\\* Value needs a positive base, got -2"),
        (lambda: "2" ** Value(1.0), TypeError, "base must be a real number .*, got str"),
        (lambda: Value(800.0).exp(), ValueError, "the result of exp must be a finite number, got inf"),
        (lambda: Value(1e200) * 1e200, ValueError, r"the result of \* must be a finite number, got inf"),
    ],
)
def test_bad_input_raises_an_error_that_names_the_argument(make, error, match):
    with pytest.raises(error, match=match):
        make()
