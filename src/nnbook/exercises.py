"""Exercises that answer back: checkers for the code a reader completes in a chapter.

An exercise is a stub cell, then one call of a checker, which prints one short, specific message and returns
a :class:`Feedback` that is true when the answer is right::

    def sigmoid_prime(z):
        # Your code here: the derivative of the sigmoid, using nn.activations.sigmoid(z).
        raise NotImplementedError

    check_derivative(sigmoid_prime, nn.activations.sigmoid, points=[-2.0, 0.5, 3.0])

As committed, the stub prints ``Not done yet: ...``; the solution, collapsed in a dropdown after it, prints
``Correct! ...``. A stub is ``...`` or None as an answer, or a function that raises NotImplementedError or
returns ``...``/None. Messages are plain text, so the static page shows what Jupyter, Colab and Binder show,
and deterministic (numbers as ``:.4g``, no ids or timings), so nbval can compare them. Whatever the reader
wrote, a checker never raises: an error in their code is reported in one line. Only a mistake of the
exercise's author (a reference that is not numbers, no points) raises ValueError or TypeError. The returned
:class:`Feedback` shows nothing more in a notebook, so the message is the cell's only output.
"""

import copy
import inspect

import numpy as np

from ._checks import _is_int, check_finite, check_positive_float
from .gradcheck import relative_error

__all__ = ["Feedback", "check_value", "check_function", "check_derivative", "check_gradient", "check_shape"]

_AGAIN = "then run this cell again."


class Feedback:
    """What a checker returns: true when the answer is right (``if check_value(...):``), with its message.

    The checker has already printed the message, so in a notebook the object displays nothing: a checker call
    as the last line of a cell adds no ``True``/``False`` below the message.

    Attributes
    ----------
    correct : bool
    message : str
    """

    def __init__(self, correct, message):
        self.correct, self.message = bool(correct), message

    def __bool__(self):
        return self.correct

    def _ipython_display_(self):
        pass  # shown once, by the checker's print

    def __repr__(self):
        return f"Feedback(correct={self.correct})"


def _say(ok, message):
    print(message)
    return Feedback(ok, message)


def _fmt(x):
    return f"{float(x):.4g}"


def _cap(name):
    # "your derivative" starts a sentence as "Your derivative"; a symbol such as "dW" keeps its case.
    first = name.split(" ", 1)[0]
    return name[:1].upper() + name[1:] if first.isalpha() and first.islower() and len(first) > 2 else name


def _all(n, one, many):
    return f"the {one}" if n == 1 else f"both {many}" if n == 2 else f"all {n} {many}"


def _show(name, value):
    """An input as messages name it: ``z = 0.5``, ``z = [-1, 0, 1]`` or ``X of shape (50, 2)``."""
    try:
        a = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return f"the given {name}"
    if a.ndim == 0:
        return f"{name} = {_fmt(a)}"
    if a.size <= 6:
        return f"{name} = " + np.array2string(a, separator=", ", formatter={"float_kind": _fmt}).replace("\n", "")
    return f"{name} of shape {a.shape}"


def _arg_names(func, n):
    """The names of ``func``'s first ``n`` parameters, to say "at z = 0"; None if they cannot be read."""
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):  # e.g. NumPy's ufuncs
        return None
    names = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return names[:n] if len(names) >= n else None


def _reference(value, name):
    """The author's numbers as a finite float array, or a TypeError/ValueError naming ``name``."""
    try:
        a = np.asarray(value)
    except ValueError:  # a ragged list: not numbers
        a = np.asarray(None)
    if a.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be a number or an array of numbers, got {type(value).__name__}")
    return check_finite(a.astype(np.float64), name)


def _items(values, name):
    """The author's inputs or points: a non-empty list, tuple or 1-D array, as a list."""
    if not isinstance(values, (list, tuple, np.ndarray, range)) or isinstance(values, np.ndarray) and values.ndim == 0:
        raise TypeError(f"{name} must be a list, e.g. [-1.0, 0.5, 2.0], got {type(values).__name__}")
    if len(values) == 0:
        raise ValueError(f"{name} must hold at least one item, got an empty {type(values).__name__}")
    return list(values)


def _tolerances(rtol, atol):
    return check_positive_float(rtol, "rtol", allow_zero=True), check_positive_float(atol, "atol", allow_zero=True)


def _is_stub(value):
    if value is None or value is Ellipsis:
        return True
    if isinstance(value, (list, tuple)):  # e.g. [..., ...] left for the reader to fill in
        return any(v is not None and _is_stub(v) for v in value)
    return isinstance(value, np.ndarray) and value.dtype == object and any(v is Ellipsis for v in value.flat)


def _not_done(value, name):
    if value is None:
        return f"Not done yet: {name} is None: replace it with your code, {_AGAIN}"
    return f"Not done yet: replace the ... in {name} with your code, {_AGAIN}"


def _shape_feedback(name, where, got, expected):
    """The message for an answer of shape ``got`` where ``expected`` was wanted, with the likely cause."""
    hint = "."
    if len(got) >= 2 and got == expected[::-1]:
        hint = ": did you forget a transpose?"
    elif expected == ():
        hint = ": take the number out with float(...)." if np.prod(got) == 1 else ": did you forget to sum or average?"
    elif [n for n in got if n != 1] == [n for n in expected if n != 1]:
        hint = (
            f": the same entries with {'fewer' if len(got) < len(expected) else 'more'} axes of length 1. "
            f"Check keepdims=True in sums and means, or reshape to {expected}."
        )
    elif len(got) == 2 and got[0] == got[1] == np.prod(expected):
        hint = ": did arrays of shapes (n,) and (n, 1) broadcast to (n, n)? Give both the same shape."
    elif np.prod(got) == np.prod(expected):
        hint = ": the same number of entries in another arrangement; check the reshape."
    return f"Not quite: {name}{where} has shape {got}, expected {expected}{hint}"


def _answer(got, name, where, shape):
    """The reader's answer as a float array of ``shape``: (array, None), or (None, the message saying why not)."""
    if _is_stub(got):
        return None, _not_done(got, name)
    start = f"Not quite: {name}{where} should be {'a number' if shape == () else f'an array of shape {shape}'}, got"
    if isinstance(got, (str, bytes)):
        try:
            float(got)
            return None, f"{start} a string: remove the quotes."
        except ValueError:
            return None, f"{start} a string."
    if callable(got):
        return None, f"{start} a function: did you forget to call it?"
    try:
        a = np.asarray(got)
    except (TypeError, ValueError):  # NumPy refuses ragged lists
        return None, f"{start} a {type(got).__name__} that is not a rectangular array of numbers."
    if a.dtype.kind not in "biuf":
        return None, f"{start} {'an' if type(got).__name__[0] in 'aeiou' else 'a'} {type(got).__name__}."
    if a.shape != shape:
        return None, _shape_feedback(name, where, a.shape, shape)
    return a.astype(np.float64), None


def _factor(got, expected, rtol, atol):
    """k if ``got`` is k times ``expected`` in every entry (k = -1: a sign error), else None."""
    scale = np.abs(expected)
    j = np.unravel_index(np.argmax(scale), scale.shape)
    k = got[j] / expected[j] if scale[j] > atol else 0
    if k == 0 or np.isclose(k, 1) or not np.allclose(got, k * expected, rtol=rtol, atol=atol):
        return None
    if np.isclose(k, -1):
        return -1.0
    # Any number is some multiple of another: a constant factor takes two entries to show.
    return k if np.count_nonzero(scale > atol) >= 2 else None


def _factor_hint(k):
    """What a factor of n or 1/n (n = 2, 3, ...) usually means."""
    n = k if k >= 1 else 1 / k
    if k <= 0 or round(n) < 2 or not np.isclose(n, round(n)):
        return ""
    if k > 1:
        return f" A missing 1/{round(n)}, or a sum where a mean was meant?"
    return f" An extra 1/{round(n)}, or a mean where a sum was meant?"


def _diagnose(got, expected, name, rtol, atol, where="", locate=None, mistakes=(), report_error=False):
    """The one feedback message for the reader's answer ``got`` (anything), or None if it equals ``expected``.

    ``where`` names the input (" at z = 0"), ``locate(i)`` entry ``i`` (" at index 2" unless given);
    ``mistakes`` are (hint, wrong answer) pairs: the hint is added when ``got`` equals that wrong answer.
    """
    got, message = _answer(got, name, where, expected.shape)
    if message:
        return message
    locate = locate or (lambda i: f" at index {i[0] if len(i) == 1 else i}")
    broken = ~np.isfinite(got)
    if broken.any():
        i = tuple(int(j) for j in np.argwhere(broken)[0])
        which = (
            f"contains {_fmt(got[i])}{locate(i)} ({broken.sum()} of {broken.size} entries)"
            if got.ndim
            else f"is {_fmt(got)}"
        )
        return f"Not quite: {name}{where} {which}: look for a division by zero, the log of 0 or an exp that overflows."
    wrong = ~np.isclose(got, expected, rtol=rtol, atol=atol)
    if not wrong.any():
        return None
    i = tuple(int(j) for j in np.argwhere(wrong)[0])
    values = f"expected {_fmt(expected[i])}, got {_fmt(got[i])}"
    at = locate(i) if got.ndim else ""  # a single number needs no address
    example = f", e.g.{at}: {values}" if got.ndim else f": {values}"
    mistake = next((hint for hint, v in mistakes if np.shape(v) == got.shape and np.allclose(got, v, rtol, atol)), "")
    k = None if mistake else _factor(got, expected, rtol, atol)
    if k == -1:
        what, hint = f"has the wrong sign{where}{example}", " Look for a missing minus, or a - b written as b - a."
    elif k is not None:
        what, hint = f"is off by a constant factor {_fmt(k)}{where}{example}", _factor_hint(k)
    else:
        count = f": {wrong.sum()} of {wrong.size} entries differ; the first" if got.ndim else ""
        what, hint = f"is wrong{where}{count}{at}: {values}", f" {mistake}" if mistake else ""
    error = f" Relative error over all entries: {relative_error(got, expected):.2g}." if report_error else ""
    return f"Not quite: {name} {what}.{hint}{error}"


def _call(f, args, name, where):
    """Run the reader's ``f(*args)``: (result, None), or (None, the message) if it is a stub or it raised."""
    if f is None or f is Ellipsis:
        return None, _not_done(f, name)
    if not callable(f):
        return None, f"Not quite: {name} should be a function, got a {type(f).__name__}: pass f itself, not f(z)."
    args = copy.deepcopy(args)  # the reader's function may change its inputs in place
    try:
        with np.errstate(all="ignore"):  # a NaN or inf in the result gets a message, better than a warning
            result = f(*args)
    except NotImplementedError:
        return None, (
            f"Not done yet: {name} still raises NotImplementedError: replace that line with your code, {_AGAIN}"
        )
    except Exception as error:  # whatever the reader wrote, the feedback is one line, never a traceback
        lines = str(error).strip().splitlines()
        return None, f"Not quite: {name} raised {type(error).__name__}{where}" + (f": {lines[0]}" if lines else ".")
    if result is None or result is Ellipsis:
        return None, (
            f"Not done yet: {name} returns {'None' if result is None else '...'}{where}: "
            f"write its body and return the result, {_AGAIN}"
        )
    return result, None


def check_value(answer, expected, name="your answer", rtol=1e-6, atol=1e-9, mistakes=None):
    """Check a number or an array the reader computed; print what is wrong with it, or "Correct!".

    Parameters
    ----------
    answer : anything
        The reader's answer; ``...`` or None means "not done yet".
    expected : float or array_like
        The right answer (finite).
    name : str, e.g. ``"your dW"``
        How the message calls the answer.
    rtol, atol : float
        Entries agree when :math:`|a - e| \\le \\mathrm{atol} + \\mathrm{rtol}\\,|e|`.
    mistakes : dict of str to array_like, optional
        Known wrong answers, each with the hint to print when the answer equals it, e.g.
        ``{"Did you use W instead of W.T?": A @ W}``.

    Returns
    -------
    Feedback
        True when the answer is right; its message has been printed.
        Whether the answer is right.

    Examples
    --------
    >>> check_value([[1, 2, 3]], [[1], [2], [3]])
    Not quite: your answer has shape (1, 3), expected (3, 1): did you forget a transpose?
    Feedback(correct=False)
    """
    expected = _reference(expected, "expected")
    rtol, atol = _tolerances(rtol, atol)
    mistakes = [(hint, _reference(v, f"mistakes[{hint!r}]")) for hint, v in (mistakes or {}).items()]
    message = _diagnose(answer, expected, name, rtol, atol, mistakes=mistakes)
    return _say(message is None, message or f"Correct! {_cap(name)} matches the expected value.")


def check_function(f, reference, inputs, name="your function", rtol=1e-6, atol=1e-9):
    """Check the reader's function against a trusted one, and name the first input where they differ.

    Parameters
    ----------
    f : callable
        The reader's function; ``...``/None, or a body that raises NotImplementedError, means "not done yet".
    reference : callable
        The right function; its parameter names name the inputs in messages ("at z = 0").
    inputs : list
        One item per call. An item that is a tuple is unpacked into the arguments, ``f(*item)``; any other item
        (a number, a list, an array) is the one argument, ``f(item)``: to pass a tuple as one argument, wrap it,
        ``[((1, 2),)]``. Each call gets its own copy of the inputs, so ``f`` may change them in place.
    name : str
    rtol, atol : float
        Tolerances, as in :func:`check_value`.

    Returns
    -------
    Feedback
        True when the answer is right; its message has been printed.

    Examples
    --------
    >>> def mse(y_hat, y):
    ...     return np.sum((y_hat - y) ** 2)        # a sum, not a mean
    >>> def reference(y_hat, y):
    ...     return np.mean((y_hat - y) ** 2)
    >>> check_function(mse, reference, [(np.array([1.0, 2.0]), np.array([0.0, 0.0]))])
    Not quite: your function is wrong at y_hat = [1, 2], y = [0, 0]: expected 2.5, got 5.
    Feedback(correct=False)
    """
    if not callable(reference):
        raise TypeError(f"reference must be a function, got {type(reference).__name__}")
    inputs = _items(inputs, "inputs")
    rtol, atol = _tolerances(rtol, atol)
    for item in inputs:
        args = item if isinstance(item, tuple) else (item,)
        names = _arg_names(reference, len(args)) or [f"x{j + 1}" if len(args) > 1 else "x" for j in range(len(args))]
        where = " at " + ", ".join(_show(n, a) for n, a in zip(names, args, strict=True))
        expected = _reference(reference(*copy.deepcopy(args)), f"reference{where}")
        got, message = _call(f, args, name, where)
        message = message or _diagnose(got, expected, name, rtol, atol, where)
        if message:
            return _say(False, message)
    return _say(True, f"Correct! {_cap(name)} gives the expected result for {_all(len(inputs), 'input', 'inputs')}.")


def _at_entry(z_name, z):
    """For an element-wise function, entry i is best named by its input: " at z = 0"."""
    return lambda i: f" at {z_name} = {_fmt(z[i])}"


def check_derivative(f_prime, f, points, name="your derivative", eps=1e-6, rtol=1e-5, atol=1e-7):
    """Check the reader's derivative against central finite differences,
    :math:`f'(z) \\approx (f(z + h) - f(z - h)) / 2h`.

    Parameters
    ----------
    f_prime : callable
        The reader's :math:`f'`, called with each point.
    f : callable
        The function, element-wise (an activation). Avoid points where it has a kink (ReLU at 0).
    points : list of float or ndarray
        Where to compare; an array point also checks that ``f_prime`` works on arrays.
    name : str
    eps : float
        The finite-difference step :math:`h`.
    rtol, atol : float
        Tolerances, as in :func:`check_value`.

    Returns
    -------
    Feedback
        True when the answer is right; its message has been printed.

    Examples
    --------
    >>> def tanh_prime(z):
    ...     return np.tanh(z)                      # tanh itself, not its derivative
    >>> check_derivative(tanh_prime, lambda z: np.tanh(z), points=[0.5, 2.0])
    Not quite: your derivative is wrong at z = 0.5: expected 0.7864, got 0.4621. Did you return f(z) instead of f'(z)?
    Feedback(correct=False)
    """
    if not callable(f):
        raise TypeError(f"f must be a function, got {type(f).__name__}")
    points = _items(points, "points")
    eps = check_positive_float(eps, "eps")
    rtol, atol = _tolerances(rtol, atol)
    z_name = (_arg_names(f, 1) or ["z"])[0]
    for j, point in enumerate(points):
        z = _reference(point, f"points[{j}]")
        value = _reference(f(z.copy()), f"f(points[{j}])")
        if value.shape != z.shape:
            raise ValueError(f"f must be element-wise, but f(points[{j}]) has shape {value.shape}, the point {z.shape}")
        expected = (f(z + eps) - f(z - eps)) / (2 * eps)
        where = f" at {_show(z_name, z)}"
        got, message = _call(f_prime, (z,), name, where)
        # Past the first point, f' was right before: a match with f here is a coincidence, not the mistake.
        mistakes = [(f"Did you return f({z_name}) instead of f'({z_name})?", value)] if j == 0 else []
        message = message or _diagnose(got, expected, name, rtol, atol, where, _at_entry(z_name, z), mistakes)
        if message:
            return _say(False, message)
    correct = f"Correct! {_cap(name)} matches the finite differences of f at {_all(len(points), 'point', 'points')}."
    return _say(True, correct)


def _numerical_gradient(f, x, eps):
    """Central finite differences of the scalar function ``f`` at every entry of ``x``."""
    value = _reference(f(x.copy()), "f(x)")
    if value.ndim != 0:
        raise ValueError(f"f must return a single number (e.g. the loss), got shape {value.shape}")
    x, grad = x.copy(), np.zeros_like(x)
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + eps
        plus = float(f(x))
        x[i] = saved - eps
        minus = float(f(x))
        x[i] = saved
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def check_gradient(grad, f, x, name="your gradient", eps=1e-6, rtol=1e-5, atol=1e-7):
    """Check the reader's gradient of a scalar function against central finite differences in every entry.

    Parameters
    ----------
    grad : ndarray or callable
        The reader's :math:`\\nabla f(x)`, of the shape of ``x``: already computed, or a function of ``x``.
    f : callable
        Maps an array of the shape of ``x`` to a number, e.g. the loss as a function of ``W``.
    x : array_like of any shape
        Where to take the gradient.
    name : str
    eps : float
        The finite-difference step.
    rtol, atol : float
        Tolerances, as in :func:`check_value`.

    Returns
    -------
    Feedback
        True when the answer is right; its message has been printed.

    Examples
    --------
    >>> W = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    >>> check_gradient(2 * W.T, lambda W: np.sum(W ** 2), W)
    Not quite: your gradient has shape (3, 2), expected (2, 3): did you forget a transpose?
    Feedback(correct=False)
    """
    if not callable(f):
        raise TypeError(f"f must be a function, got {type(f).__name__}")
    x = _reference(x, "x")
    if x.size == 0:
        raise ValueError(f"x must hold at least one entry, got shape {x.shape}")
    eps = check_positive_float(eps, "eps")
    rtol, atol = _tolerances(rtol, atol)
    expected = _numerical_gradient(f, x, eps)
    message = None
    if callable(grad):
        grad, message = _call(grad, (x,), name, "")
    message = message or _diagnose(grad, expected, name, rtol, atol, report_error=True)
    correct = f"Correct! {_cap(name)} matches the finite differences in {_all(x.size, 'entry', 'entries')}."
    return _say(message is None, message or correct)


def check_shape(answer, expected_shape, name="your answer"):
    """Check only the shape of the reader's array.

    Parameters
    ----------
    answer : anything
    expected_shape : tuple of int, or an int for a 1-D shape
    name : str

    Returns
    -------
    Feedback
        True when the answer is right; its message has been printed.

    Examples
    --------
    >>> check_shape(np.zeros((2, 3)), (2, 3))
    Correct! Your answer has shape (2, 3).
    Feedback(correct=True)
    """
    shape = (expected_shape,) if _is_int(expected_shape) else expected_shape
    if not isinstance(shape, (tuple, list)):
        raise TypeError(f"expected_shape must be a tuple of ints, e.g. (2, 3), got {type(expected_shape).__name__}")
    if not all(_is_int(n) and n >= 0 for n in shape):
        raise ValueError(f"expected_shape must hold integers >= 0, got {expected_shape!r}")
    shape = tuple(int(n) for n in shape)
    _, message = _answer(answer, name, "", shape)
    return _say(message is None, message or f"Correct! {_cap(name)} has shape {shape}.")
