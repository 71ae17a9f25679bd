"""Automatic differentiation in reverse mode, one number at a time: the engine of the chapter of that name.

A :class:`Value` holds a number, ``data``, and after :meth:`Value.backward` the derivative of the final result
with respect to it, ``grad``. Every operation returns a new Value that remembers its inputs together with its
*local derivative* with respect to each of them, computed when the operation runs; :meth:`Value.backward`
multiplies these local derivatives along the graph (the chain rule) in one sweep from the result back to the
inputs. Each operation below is written next to its local derivative.

Example
-------
>>> from nnbook.autograd import Value
>>> a, b = Value(2.0), Value(-1.0)
>>> L = (a * b + 3).tanh()
>>> L.backward()
>>> round(L.data, 4), round(a.grad, 4), round(b.grad, 4)
(0.7616, -0.42, 0.8399)
"""

import math
import numbers

__all__ = ["Value"]


def _number(x, name, kind="a real number (int or float)"):
    """``x`` as a float if it is a finite real number; otherwise an error that names ``name``."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be {kind}, got {type(x).__name__}")
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {x}")
    return x


def _value(x, name):
    """``x`` itself if it is a Value, else a new Value holding the number ``x`` (a constant of the graph)."""
    return x if isinstance(x, Value) else Value(_number(x, name, "a Value or a real number (int or float)"))


class Value:
    """A number that remembers how it was computed, so that derivatives can flow back through it.

    Parameters
    ----------
    data : int or float
        The number. Must be finite.
    inputs : sequence of (Value, float), optional
        For the result of an operation: each input with the local derivative
        :math:`\\partial\\,\\text{out}/\\partial\\,\\text{input}`. A new operation is one line, e.g.
        ``Value(math.sin(x.data), [(x, math.cos(x.data))], "sin")``.
    op : str, optional
        The operation's name, shown by :func:`nnbook.diagrams.draw_graph`.
    label : str, optional
        A name for the drawing, e.g. ``"w1"``.

    Notes
    -----
    Python's arithmetic works with a Value on either side and a plain number on the other: ``v + w``,
    ``2 * v``, ``1 - v``, ``1 / v``, ``v ** 3`` (the exponent must be a number), ``2 ** v`` and ``-v``.

    Attributes
    ----------
    data : float
    grad : float
        :math:`\\partial L/\\partial\\,\\text{this value}` after ``L.backward()``; 0.0 before.
    inputs : tuple of (Value, float)
    op : str
    label : str
    """

    def __init__(self, data, inputs=(), op="", label=""):
        self.data = _number(data, f"the result of {op}" if op else "data")
        self.grad = 0.0
        self.inputs = tuple(inputs)
        self.op = op
        self.label = label

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    # --- Operations, each with its local derivatives -------------------------------------------------------

    def __add__(self, other):
        other = _value(other, "other")
        return Value(self.data + other.data, [(self, 1.0), (other, 1.0)], "+")

    def __sub__(self, other):
        other = _value(other, "other")
        return Value(self.data - other.data, [(self, 1.0), (other, -1.0)], "-")

    def __mul__(self, other):
        other = _value(other, "other")
        return Value(self.data * other.data, [(self, other.data), (other, self.data)], "*")

    def __truediv__(self, other):
        other = _value(other, "other")
        if other.data == 0:
            raise ZeroDivisionError("division by a Value whose data is 0")
        return Value(self.data / other.data, [(self, 1 / other.data), (other, -self.data / other.data**2)], "/")

    def __pow__(self, n):
        if isinstance(n, Value):
            raise TypeError("the exponent must be a number, not a Value: write (n * x.log()).exp() for x ** n")
        n, x = _number(n, "exponent"), self.data
        if x < 0 and not n.is_integer():
            raise ValueError(f"a negative number ({x:g}) has no real power {n:g}: use an integer exponent")
        if x == 0 and n < 1:
            raise ZeroDivisionError(f"0 ** {n:g} or its derivative {n:g} * 0 ** {n - 1:g} divides by zero")
        return Value(x**n, [(self, n * x ** (n - 1))], f"**{n:g}")

    def __neg__(self):
        return Value(-self.data, [(self, -1.0)], "neg")

    def exp(self):
        """:math:`e^x`; local derivative :math:`e^x`."""
        e = math.exp(self.data) if self.data < 709.78 else math.inf  # too large for a float: __init__ says so
        return Value(e, [(self, e)], "exp")

    def log(self):
        """The natural logarithm :math:`\\log x`, for :math:`x > 0`; local derivative :math:`1/x`."""
        if self.data <= 0:
            raise ValueError(f"log needs a positive number, got {self.data:g}")
        return Value(math.log(self.data), [(self, 1 / self.data)], "log")

    def tanh(self):
        """:math:`\\tanh x`; local derivative :math:`1 - \\tanh^2 x`."""
        t = math.tanh(self.data)
        return Value(t, [(self, 1 - t * t)], "tanh")

    def relu(self):
        """:math:`\\max(x, 0)`; local derivative 1 for :math:`x > 0`, else 0."""
        return Value(max(self.data, 0.0), [(self, float(self.data > 0))], "relu")

    def sigmoid(self):
        """:math:`\\sigma(x) = 1/(1 + e^{-x})`; local derivative :math:`\\sigma(x)(1 - \\sigma(x))`."""
        # Two forms of the same number, so that exp never overflows: exp(-x) for x >= 0, exp(x) below.
        x = self.data
        s = 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
        return Value(s, [(self, s * (1 - s))], "sigmoid")

    # Python's arithmetic the other way round: 2 * v, 1 - v, 1 / v, 2 ** v.
    def __radd__(self, other):
        return _value(other, "other") + self

    def __rsub__(self, other):
        return _value(other, "other") - self

    def __rmul__(self, other):
        return _value(other, "other") * self

    def __rtruediv__(self, other):
        return _value(other, "other") / self

    def __rpow__(self, base):
        base = _number(base, "base")
        if base <= 0:
            raise ValueError(f"base ** Value needs a positive base, got {base:g}")
        return (self * math.log(base)).exp()  # b ** v = exp(v log b): two operations, each with its derivative

    # --- The backward sweep --------------------------------------------------------------------------------

    def backward(self):
        """Set ``grad`` of every Value this one was computed from to the derivative of this one with respect to it.

        The chain rule, in reverse topological order: once every use of a node has added its share to the
        node's ``grad`` (:math:`\\bar v = \\sum_{\\text{uses } u} \\bar u\\,\\partial u/\\partial v`), the node
        passes its own share on to its inputs. A node used twice therefore collects both contributions. Each
        call starts again from zero (unlike PyTorch, which adds to ``.grad`` until it is zeroed).

        Returns
        -------
        None
        """
        order = self._topological_order()
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for parent, local in node.inputs:
                parent.grad += local * node.grad

    def _topological_order(self):
        """Every node of the graph, each after all of its inputs."""
        # Depth-first, with a stack rather than recursion: a recursive walk would stop at Python's limit on
        # nested calls, which a long chain of operations exceeds. A node is listed once its inputs are.
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, inputs_done = stack.pop()
            if inputs_done:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((parent, False) for parent, _ in node.inputs)
        return order
