"""The exercise checkers print one specific line and return True/False; whatever the reader wrote they never
raise, and a mistake of the exercise's author raises ValueError/TypeError naming the argument."""

import doctest
import warnings

import numpy as np
import pytest

from nnbook import activations, exercises
from nnbook.exercises import check_derivative, check_function, check_gradient, check_shape, check_value

E = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
E_ONE_WRONG = E + np.where(E == 6.0, 1.0, 0.0)
E_NAN = np.where(E == 2.0, np.nan, E)
RAGGED = [[1.0, 2.0], [3.0]]


def run(capsys, check, *args, **kwargs):
    """Call a checker; return whether it found the answer right and the one line it printed."""
    feedback = check(*args, **kwargs)
    out = capsys.readouterr().out
    assert out.count("\n") == 1, f"expected exactly one line of feedback, got {out!r}"
    assert isinstance(feedback, exercises.Feedback) and feedback.message == out.rstrip("\n")
    return bool(feedback), out.rstrip("\n")


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def not_implemented(z):
    raise NotImplementedError


def body_pass(z):
    pass


def returns_ellipsis(z):
    return ...


def divides_by_zero(z):
    return 1 / 0


# ---------------------------------------------------------------------------------------------------------------
# check_value


@pytest.mark.parametrize(
    "answer, expected, message",
    [
        (E, E, "Correct! Your answer matches the expected value."),
        (E.tolist(), E, "Correct! Your answer matches the expected value."),
        (0.25 + 1e-9, 0.25, "Correct! Your answer matches the expected value."),
        (np.float32(0.5), 0.5, "Correct! Your answer matches the expected value."),
    ],
)
def test_check_value_right(capsys, answer, expected, message):
    assert run(capsys, check_value, answer, expected) == (True, message)


@pytest.mark.parametrize(
    "answer, expected, message",
    [
        (0.5, 0.25, "Not quite: your answer is wrong: expected 0.25, got 0.5."),
        (
            E_ONE_WRONG,
            E,
            "Not quite: your answer is wrong: 1 of 6 entries differ; the first at index (1, 2): expected 6, got 7.",
        ),
        (
            [1.0, 2.5, 3.0],
            [1.0, 2.0, 3.0],
            "Not quite: your answer is wrong: 1 of 3 entries differ; the first at index 1: expected 2, got 2.5.",
        ),
        (E.T, E, "Not quite: your answer has shape (3, 2), expected (2, 3): did you forget a transpose?"),
        (
            np.ones(3),
            np.ones((3, 1)),
            "Not quite: your answer has shape (3,), expected (3, 1): the same entries with "
            "fewer axes of length 1. Check keepdims=True in sums and means, or reshape to "
            "(3, 1).",
        ),
        (
            np.ones((3, 1)),
            np.ones(3),
            "Not quite: your answer has shape (3, 1), expected (3,): the same entries with "
            "more axes of length 1. Check keepdims=True in sums and means, or reshape to "
            "(3,).",
        ),
        (
            np.ones((3, 3)),
            np.ones(3),
            "Not quite: your answer has shape (3, 3), expected (3,): did arrays of shapes "
            "(n,) and (n, 1) broadcast to (n, n)? Give both the same shape.",
        ),
        (np.ones(3), 2.0, "Not quite: your answer has shape (3,), expected (): did you forget to sum or average?"),
        (np.ones(1), 1.0, "Not quite: your answer has shape (1,), expected (): take the number out with float(...)."),
        (
            E.ravel(),
            E,
            "Not quite: your answer has shape (6,), expected (2, 3): the same number of entries in another "
            "arrangement; check the reshape.",
        ),
        (2.0, E, "Not quite: your answer has shape (), expected (2, 3)."),
        (
            -E,
            E,
            "Not quite: your answer has the wrong sign, e.g. at index (0, 0): expected 1, got -1. "
            "Look for a missing minus, or a - b written as b - a.",
        ),
        (
            -0.25,
            0.25,
            "Not quite: your answer has the wrong sign: expected 0.25, got -0.25. "
            "Look for a missing minus, or a - b written as b - a.",
        ),
        (
            2 * E,
            E,
            "Not quite: your answer is off by a constant factor 2, e.g. at index (0, 0): expected 1, got 2. "
            "A missing 1/2, or a sum where a mean was meant?",
        ),
        (
            E / 3,
            E,
            "Not quite: your answer is off by a constant factor 0.3333, e.g. at index (0, 0): expected 1, "
            "got 0.3333. An extra 1/3, or a mean where a sum was meant?",
        ),
        (
            1.5 * E,
            E,
            "Not quite: your answer is off by a constant factor 1.5, e.g. at index (0, 0): expected 1, got 1.5.",
        ),
        (
            -2 * E,
            E,
            "Not quite: your answer is off by a constant factor -2, e.g. at index (0, 0): expected 1, got -2.",
        ),
        (
            E_NAN,
            E,
            "Not quite: your answer contains nan at index (0, 1) (1 of 6 entries): look for a division by zero, "
            "the log of 0 or an exp that overflows.",
        ),
        (
            np.inf,
            1.0,
            "Not quite: your answer is inf: look for a division by zero, the log of 0 or an exp that overflows.",
        ),
        ("abc", E, "Not quite: your answer should be an array of shape (2, 3), got a string."),
        ("0.25", 0.25, "Not quite: your answer should be a number, got a string: remove the quotes."),
        ({"a": 1}, 1.0, "Not quite: your answer should be a number, got a dict."),
        (
            RAGGED,
            E,
            "Not quite: your answer should be an array of shape (2, 3), got a list that is not a rectangular "
            "array of numbers.",
        ),
        (sigmoid, 0.5, "Not quite: your answer should be a number, got a function: did you forget to call it?"),
        (..., E, "Not done yet: replace the ... in your answer with your code, then run this cell again."),
        (
            [..., ...],
            [1.0, 2.0],
            "Not done yet: replace the ... in your answer with your code, then run this cell again.",
        ),
        (None, E, "Not done yet: your answer is None: replace it with your code, then run this cell again."),
    ],
    ids=[
        "scalar",
        "one-entry",
        "one-entry-1d",
        "transpose",
        "keepdims-missing",
        "keepdims-extra",
        "broadcast",
        "not-summed",
        "one-element",
        "reshape",
        "scalar-for-array",
        "sign",
        "sign-scalar",
        "factor-2",
        "factor-1/3",
        "factor-1.5",
        "factor-negative",
        "nan",
        "inf",
        "string",
        "quoted-number",
        "dict",
        "ragged",
        "function",
        "ellipsis",
        "list-of-ellipsis",
        "none",
    ],
)
def test_check_value_wrong(capsys, answer, expected, message):
    assert run(capsys, check_value, answer, expected) == (False, message)


def test_check_value_scalar_is_never_called_a_factor(capsys):
    # 0.5 is twice 0.25, but one number is always a multiple of another: no factor hint for a single number.
    _, out = run(capsys, check_value, 0.5, 0.25)
    assert "factor" not in out


def test_check_value_names_the_answer_and_gives_the_authors_hints(capsys):
    A, W = np.arange(6.0).reshape(3, 2), np.array([[1.0, 2.0], [3.0, 4.0]])
    assert run(capsys, check_value, A @ W.T, A @ W.T, name="your Z") == (
        True,
        "Correct! Your Z matches the expected value.",
    )
    ok, out = run(capsys, check_value, A @ W, A @ W.T, name="your Z", mistakes={"Did you use W instead of W.T?": A @ W})
    assert not ok
    assert out.startswith("Not quite: your Z is wrong: ") and out.endswith(" Did you use W instead of W.T?")


def test_check_value_tolerances(capsys):
    assert run(capsys, check_value, 1.001, 1.0, rtol=1e-2)[0] is True
    assert run(capsys, check_value, 1.001, 1.0)[0] is False


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(expected="abc"), TypeError, "expected must be a number or an array of numbers, got str"),
        (dict(expected=RAGGED), TypeError, "expected must be a number or an array of numbers, got list"),
        (dict(expected=[1.0, np.nan]), ValueError, "expected must be finite"),
        (dict(expected=1.0, rtol=-1.0), ValueError, "rtol must be a finite number >= 0"),
        (dict(expected=1.0, atol="0"), ValueError, "atol must be a finite number >= 0"),
        (dict(expected=1.0, mistakes={"hint": "x"}), TypeError, "mistakes\\['hint'\\] must be a number"),
    ],
)
def test_check_value_author_misuse(kwargs, error, match):
    with pytest.raises(error, match=match):
        check_value(1.0, **kwargs)


# ---------------------------------------------------------------------------------------------------------------
# check_function

Z = [-2.0, 0.0, 3.0]


def wrong_at_zero(z):
    return np.where(z == 0, 0.5, sigmoid_prime(z))


def raises(error):
    def f(z):
        raise error

    return f


@pytest.mark.parametrize(
    "f, message",
    [
        (sigmoid_prime, "Correct! Your function gives the expected result for all 3 inputs."),
        (wrong_at_zero, "Not quite: your function is wrong at z = 0: expected 0.25, got 0.5."),
        (sigmoid, "Not quite: your function is wrong at z = -2: expected 0.105, got 0.1192."),
        (
            lambda z: -sigmoid_prime(z),
            "Not quite: your function has the wrong sign at z = -2: expected 0.105, "
            "got -0.105. Look for a missing minus, or a - b written as b - a.",
        ),
        (
            lambda z: np.log(z - z),
            "Not quite: your function at z = -2 is -inf: look for a division by zero, the log "
            "of 0 or an exp that overflows.",
        ),
        (lambda z: "0.25", "Not quite: your function at z = -2 should be a number, got a string: remove the quotes."),
        (
            lambda z: [z, z],
            "Not quite: your function at z = -2 has shape (2,), expected (): did you forget to sum or average?",
        ),
        (
            not_implemented,
            "Not done yet: your function still raises NotImplementedError: replace that line with your "
            "code, then run this cell again.",
        ),
        (
            body_pass,
            "Not done yet: your function returns None at z = -2: write its body and return the result, then "
            "run this cell again.",
        ),
        (
            returns_ellipsis,
            "Not done yet: your function returns ... at z = -2: write its body and return the result, "
            "then run this cell again.",
        ),
        (..., "Not done yet: replace the ... in your function with your code, then run this cell again."),
        (None, "Not done yet: your function is None: replace it with your code, then run this cell again."),
        (0.25, "Not quite: your function should be a function, got a float: pass f itself, not f(z)."),
        (divides_by_zero, "Not quite: your function raised ZeroDivisionError at z = -2: division by zero"),
        (raises(KeyError("W")), "Not quite: your function raised KeyError at z = -2: 'W'"),
        (
            raises(ValueError("first line\nsecond line")),
            "Not quite: your function raised ValueError at z = -2: first line",
        ),
        (raises(TypeError()), "Not quite: your function raised TypeError at z = -2."),
    ],
    ids=[
        "right",
        "wrong-at-0",
        "wrong-at-first",
        "sign",
        "nan",
        "string",
        "shape",
        "not-implemented",
        "pass",
        "returns-ellipsis",
        "ellipsis",
        "none",
        "not-callable",
        "zero-division",
        "key-error",
        "multiline-error",
        "empty-error",
    ],
)
def test_check_function(capsys, f, message):
    assert run(capsys, check_function, f, sigmoid_prime, Z) == (message.startswith("Correct!"), message)


def mse(y_hat, y):
    return np.mean((y_hat - y) ** 2)


def mse_gradient(y_hat, y):
    return 2 * (y_hat - y) / y.size


Y_HAT, Y = np.array([1.0, 2.0, 0.5]), np.array([0.0, 0.0, 1.0])


@pytest.mark.parametrize(
    "f, reference, message",
    [
        (mse, mse, "Correct! Your function gives the expected result for the input."),
        (
            lambda y_hat, y: np.sum((y_hat - y) ** 2),
            mse,
            "Not quite: your function is wrong at y_hat = [1, 2, 0.5], y = [0, 0, 1]: expected 1.75, got 5.25.",
        ),
        (
            lambda y_hat, y: 2 * (y_hat - y),
            mse_gradient,
            "Not quite: your function is off by a constant factor 3 at y_hat = [1, 2, 0.5], y = [0, 0, 1], e.g. at "
            "index 0: expected 0.6667, got 2. A missing 1/3, or a sum where a mean was meant?",
        ),
        (
            lambda y_hat, y: (y_hat - y)[:, None],
            mse_gradient,
            "Not quite: your function at y_hat = [1, 2, 0.5], y = [0, 0, 1] has shape (3, 1), expected (3,): the same "
            "entries with more axes of length 1. Check keepdims=True in sums and means, or reshape to (3,).",
        ),
        (
            lambda y_hat: y_hat,
            mse,
            "Not quite: your function raised TypeError at y_hat = [1, 2, 0.5], y = [0, 0, 1]: "
            "<lambda>() takes 1 positional argument but 2 were given",
        ),
    ],
    ids=["right", "sum-not-mean", "factor", "keepdims", "wrong-arity"],
)
def test_check_function_unpacks_tuples_into_arguments(capsys, f, reference, message):
    assert run(capsys, check_function, f, reference, [(Y_HAT, Y)]) == (message.startswith("Correct!"), message)


def test_check_function_transpose_and_large_inputs(capsys):
    A, W = np.ones((4, 3)), np.arange(6.0).reshape(2, 3)
    ok, out = run(capsys, check_function, lambda A, W: (A @ W.T).T, lambda A, W: A @ W.T, [(A, W)])
    assert not ok
    assert out == (
        "Not quite: your function at A of shape (4, 3), W = [[0, 1, 2], [3, 4, 5]] has shape (2, 4), "
        "expected (4, 2): did you forget a transpose?"
    )


def test_check_function_passes_a_wrapped_tuple_as_one_argument(capsys):
    assert run(capsys, check_function, lambda t: t[0] + t[1], lambda pair: sum(pair), [((1, 2),)])[0] is True


def test_check_function_names_inputs_without_a_signature(capsys):
    # NumPy's ufuncs have no signature to read the argument's name from.
    _, out = run(capsys, check_function, np.cos, np.sin, [0.5])
    assert out == "Not quite: your function is wrong at x = 0.5: expected 0.4794, got 0.8776."


def test_check_function_gives_each_call_its_own_copy(capsys):
    z = np.array([1.0, 2.0])

    def in_place(z):
        z *= 2
        return z

    assert run(capsys, check_function, in_place, lambda z: 2 * z, [z])[0] is True
    np.testing.assert_array_equal(z, [1.0, 2.0])


def test_check_function_hides_numpy_warnings(capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ok, out = run(capsys, check_function, lambda z: np.log(z) / 0.0, lambda z: z, [np.array([0.0, 1.0])])
    assert not ok and out.startswith("Not quite: your function at z = [0, 1] contains -inf at index 0 (2 of 2 entries)")


@pytest.mark.parametrize(
    "reference, inputs, error, match",
    [
        (0.25, Z, TypeError, "reference must be a function, got float"),
        (sigmoid_prime, [], ValueError, "inputs must hold at least one item, got an empty list"),
        (sigmoid_prime, 0.5, TypeError, "inputs must be a list"),
        (sigmoid_prime, np.array(0.5), TypeError, "inputs must be a list"),
        (lambda z: "x", Z, TypeError, "reference at z = -2 must be a number or an array of numbers, got str"),
        (lambda z: np.nan, Z, ValueError, "reference at z = -2 must be finite"),
    ],
)
def test_check_function_author_misuse(reference, inputs, error, match):
    with pytest.raises(error, match=match):
        check_function(sigmoid_prime, reference, inputs)


# ---------------------------------------------------------------------------------------------------------------
# check_derivative

ARRAY_POINT = [np.array([-2.0, 0.0, 3.0])]


@pytest.mark.parametrize(
    "f_prime, points, message",
    [
        (sigmoid_prime, Z, "Correct! Your derivative matches the finite differences of f at all 3 points."),
        (sigmoid_prime, ARRAY_POINT, "Correct! Your derivative matches the finite differences of f at the point."),
        (
            activations.sigmoid.derivative,
            np.linspace(-4, 4, 5),
            "Correct! Your derivative matches the finite differences of f at all 5 points.",
        ),
        (wrong_at_zero, Z, "Not quite: your derivative is wrong at z = 0: expected 0.25, got 0.5."),
        (
            wrong_at_zero,
            ARRAY_POINT,
            "Not quite: your derivative is wrong at z = [-2, 0, 3]: 1 of 3 entries differ; "
            "the first at z = 0: expected 0.25, got 0.5.",
        ),
        (
            sigmoid,
            [0.0],
            "Not quite: your derivative is wrong at z = 0: expected 0.25, got 0.5. "
            "Did you return f(z) instead of f'(z)?",
        ),
        (
            sigmoid,
            ARRAY_POINT,
            "Not quite: your derivative is wrong at z = [-2, 0, 3]: 3 of 3 entries differ; the "
            "first at z = -2: expected 0.105, got 0.1192. Did you return f(z) instead of f'(z)?",
        ),
        (
            lambda z: -sigmoid_prime(z),
            ARRAY_POINT,
            "Not quite: your derivative has the wrong sign at z = [-2, 0, 3], "
            "e.g. at z = -2: expected 0.105, got -0.105. Look for a missing "
            "minus, or a - b written as b - a.",
        ),
        (
            lambda z: 2 * sigmoid_prime(z),
            ARRAY_POINT,
            "Not quite: your derivative is off by a constant factor 2 at "
            "z = [-2, 0, 3], e.g. at z = -2: expected 0.105, got 0.21. A "
            "missing 1/2, or a sum where a mean was meant?",
        ),
        (
            lambda z: 1.0 if z > 0 else 0.0,
            ARRAY_POINT,
            "Not quite: your derivative raised ValueError at z = [-2, 0, 3]: "
            "The truth value of an array with more than one element is "
            "ambiguous. Use a.any() or a.all()",
        ),
        (
            lambda z: sigmoid_prime(z) / z * z,
            ARRAY_POINT,
            "Not quite: your derivative at z = [-2, 0, 3] contains nan "
            "at z = 0 (1 of 3 entries): look for a division by zero, the "
            "log of 0 or an exp that overflows.",
        ),
        (
            lambda z: sigmoid_prime(z).sum(),
            ARRAY_POINT,
            "Not quite: your derivative at z = [-2, 0, 3] has shape (), expected (3,).",
        ),
        (
            lambda z: "0.25",
            Z,
            "Not quite: your derivative at z = -2 should be a number, got a string: remove the quotes.",
        ),
        (
            not_implemented,
            Z,
            "Not done yet: your derivative still raises NotImplementedError: replace that line with "
            "your code, then run this cell again.",
        ),
        (
            body_pass,
            Z,
            "Not done yet: your derivative returns None at z = -2: write its body and return the result, "
            "then run this cell again.",
        ),
        (..., Z, "Not done yet: replace the ... in your derivative with your code, then run this cell again."),
        (None, Z, "Not done yet: your derivative is None: replace it with your code, then run this cell again."),
        (divides_by_zero, Z, "Not quite: your derivative raised ZeroDivisionError at z = -2: division by zero"),
    ],
    ids=[
        "right",
        "right-array",
        "right-package",
        "wrong-at-0",
        "wrong-at-0-array",
        "returned-f",
        "returned-f-array",
        "sign",
        "factor",
        "scalar-only-code",
        "nan",
        "summed",
        "string",
        "not-implemented",
        "pass",
        "ellipsis",
        "none",
        "zero-division",
    ],
)
def test_check_derivative(capsys, f_prime, points, message):
    assert run(capsys, check_derivative, f_prime, sigmoid, points) == (message.startswith("Correct!"), message)


def test_check_derivative_names_the_variable_as_f_does(capsys):
    _, out = run(capsys, check_derivative, lambda x: np.tanh(x), activations.tanh, [0.5])
    assert out == (
        "Not quite: your derivative is wrong at z = 0.5: expected 0.7864, got 0.4621. "
        "Did you return f(z) instead of f'(z)?"
    )
    # Without parameter names to read, the variable is the book's z.
    _, out = run(capsys, check_derivative, np.tanh, lambda *z: np.tanh(*z), [0.5], name="your tanh'")
    assert out.startswith("Not quite: your tanh' is wrong at z = 0.5")


@pytest.mark.parametrize(
    "f, points, kwargs, error, match",
    [
        ("sigmoid", Z, {}, TypeError, "f must be a function, got str"),
        (sigmoid, [], {}, ValueError, "points must hold at least one item"),
        (sigmoid, None, {}, TypeError, "points must be a list"),
        (sigmoid, [0.0, np.nan], {}, ValueError, "points\\[1\\] must be finite"),
        (sigmoid, ["a"], {}, TypeError, "points\\[0\\] must be a number or an array of numbers"),
        (np.sum, ARRAY_POINT, {}, ValueError, "f must be element-wise"),
        (sigmoid, Z, dict(eps=0.0), ValueError, "eps must be a finite number > 0"),
    ],
)
def test_check_derivative_author_misuse(f, points, kwargs, error, match):
    with pytest.raises(error, match=match):
        check_derivative(sigmoid_prime, f, points, **kwargs)


# ---------------------------------------------------------------------------------------------------------------
# check_gradient

W = np.array([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])
WRONG_ENTRY = 2 * W + np.where(W == 5.0, 1.0, 0.0)


def squares(W):
    return np.sum(W**2)


@pytest.mark.parametrize(
    "grad, message",
    [
        (2 * W, "Correct! Your gradient matches the finite differences in all 6 entries."),
        (lambda W: 2 * W, "Correct! Your gradient matches the finite differences in all 6 entries."),
        ((2 * W).tolist(), "Correct! Your gradient matches the finite differences in all 6 entries."),
        (2 * W.T, "Not quite: your gradient has shape (3, 2), expected (2, 3): did you forget a transpose?"),
        (
            np.ones((1, 6)),
            "Not quite: your gradient has shape (1, 6), expected (2, 3): the same number of entries in "
            "another arrangement; check the reshape.",
        ),
        (
            -2 * W,
            "Not quite: your gradient has the wrong sign, e.g. at index (0, 1): expected 2, got -2. Look for a "
            "missing minus, or a - b written as b - a. Relative error over all entries: 1.",
        ),
        (
            W,
            "Not quite: your gradient is off by a constant factor 0.5, e.g. at index (0, 1): expected 2, got 1. An "
            "extra 1/2, or a mean where a sum was meant? Relative error over all entries: 0.33.",
        ),
        (
            WRONG_ENTRY,
            "Not quite: your gradient is wrong: 1 of 6 entries differ; the first at index (1, 2): expected "
            "10, got 11. Relative error over all entries: 0.033.",
        ),
        (
            W * np.nan,
            "Not quite: your gradient contains nan at index (0, 0) (6 of 6 entries): look for a division by "
            "zero, the log of 0 or an exp that overflows.",
        ),
        ("2 * W", "Not quite: your gradient should be an array of shape (2, 3), got a string."),
        (None, "Not done yet: your gradient is None: replace it with your code, then run this cell again."),
        (..., "Not done yet: replace the ... in your gradient with your code, then run this cell again."),
        (
            not_implemented,
            "Not done yet: your gradient still raises NotImplementedError: replace that line with your "
            "code, then run this cell again.",
        ),
        (
            body_pass,
            "Not done yet: your gradient returns None: write its body and return the result, then run this cell again.",
        ),
        (
            lambda W: W @ W,
            "Not quite: your gradient raised ValueError: matmul: Input operand 1 has a mismatch in its "
            "core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)",
        ),
    ],
    ids=[
        "right",
        "right-callable",
        "right-list",
        "transpose",
        "reshape",
        "sign",
        "factor",
        "one-entry",
        "nan",
        "string",
        "none",
        "ellipsis",
        "not-implemented",
        "pass",
        "raises",
    ],
)
def test_check_gradient(capsys, grad, message):
    assert run(capsys, check_gradient, grad, squares, W) == (message.startswith("Correct!"), message)


@pytest.mark.parametrize("x", [np.array(1.5), np.arange(4.0), np.arange(24.0).reshape(2, 3, 4) / 10])
def test_check_gradient_any_shape(capsys, x):
    def loss(x):
        return np.sum(np.sin(x) * x)

    assert run(capsys, check_gradient, lambda x: np.cos(x) * x + np.sin(x), loss, x)[0] is True
    assert run(capsys, check_gradient, lambda x: np.cos(x) * x, loss, x)[0] is False


def test_check_gradient_of_a_network_loss(capsys):
    # The chapter's use: the gradient of a loss with respect to a weight matrix, dL/dW = delta.T @ A.
    rng = np.random.default_rng(0)
    A, W0, Y = rng.normal(size=(5, 3)), rng.normal(size=(2, 3)), rng.normal(size=(5, 2))

    def loss(W):
        return 0.5 * np.sum((A @ W.T - Y) ** 2)

    delta = A @ W0.T - Y
    assert run(capsys, check_gradient, delta.T @ A, loss, W0)[0] is True
    ok, out = run(capsys, check_gradient, A.T @ delta, loss, W0)
    assert not ok and out.endswith("did you forget a transpose?")


@pytest.mark.parametrize(
    "f, x, kwargs, error, match",
    [
        (lambda W: 2 * W, W, {}, ValueError, "f must return a single number"),
        (squares, np.zeros((0, 3)), {}, ValueError, "x must hold at least one entry"),
        (squares, "W", {}, TypeError, "x must be a number or an array of numbers, got str"),
        (squares, [1.0, np.inf], {}, ValueError, "x must be finite"),
        (None, W, {}, TypeError, "f must be a function, got NoneType"),
        (squares, W, dict(eps=-1.0), ValueError, "eps must be a finite number > 0"),
    ],
)
def test_check_gradient_author_misuse(f, x, kwargs, error, match):
    with pytest.raises(error, match=match):
        check_gradient(2 * W, f, x, **kwargs)


# ---------------------------------------------------------------------------------------------------------------
# check_shape


@pytest.mark.parametrize(
    "answer, shape, message",
    [
        (np.zeros((2, 3)), (2, 3), "Correct! Your answer has shape (2, 3)."),
        ([[1, 2, 3], [4, 5, 6]], [2, 3], "Correct! Your answer has shape (2, 3)."),
        (np.full(4, np.nan), 4, "Correct! Your answer has shape (4,)."),
        (
            np.zeros((3, 2)),
            (2, 3),
            "Not quite: your answer has shape (3, 2), expected (2, 3): did you forget a transpose?",
        ),
        (
            np.zeros(3),
            (3, 1),
            "Not quite: your answer has shape (3,), expected (3, 1): the same entries with fewer axes "
            "of length 1. Check keepdims=True in sums and means, or reshape to (3, 1).",
        ),
        ("abc", 3, "Not quite: your answer should be an array of shape (3,), got a string."),
        (
            RAGGED,
            (2, 2),
            "Not quite: your answer should be an array of shape (2, 2), got a list that is not a "
            "rectangular array of numbers.",
        ),
        (None, 3, "Not done yet: your answer is None: replace it with your code, then run this cell again."),
        (..., 3, "Not done yet: replace the ... in your answer with your code, then run this cell again."),
    ],
    ids=["right", "right-list", "values-ignored", "transpose", "keepdims", "string", "ragged", "none", "ellipsis"],
)
def test_check_shape(capsys, answer, shape, message):
    assert run(capsys, check_shape, answer, shape) == (message.startswith("Correct!"), message)


@pytest.mark.parametrize(
    "shape, error",
    [("(2, 3)", TypeError), (None, TypeError), ((2, -1), ValueError), ((2.0, 3), ValueError), (-1, ValueError)],
)
def test_check_shape_author_misuse(shape, error):
    with pytest.raises(error, match="expected_shape"):
        check_shape(np.zeros(3), shape)


# ---------------------------------------------------------------------------------------------------------------
# Every checker, whatever the reader wrote

GARBAGE = [
    None,
    ...,
    "x",
    b"1",
    {},
    set(),
    [],
    RAGGED,
    object(),
    np.array(["a"]),
    1 + 2j,
    np.nan,
    [np.inf, 0.0],
    np.zeros((7, 7)),
    lambda *args: 1 / 0,
    raises(RecursionError("deep")),
    raises(NotImplementedError),
]


def _checkers():
    return [
        lambda a: check_value(a, E),
        lambda a: check_function(a, sigmoid, Z),
        lambda a: check_derivative(a, sigmoid, ARRAY_POINT),
        lambda a: check_gradient(a, squares, W),
        lambda a: check_shape(a, (2, 3)),
    ]


@pytest.mark.parametrize("answer", GARBAGE, ids=[f"garbage{i}" for i in range(len(GARBAGE))])
@pytest.mark.parametrize("which", range(5), ids=["value", "function", "derivative", "gradient", "shape"])
def test_garbage_gets_feedback_not_a_traceback(capsys, answer, which):
    check = _checkers()[which]
    ok, out = run(capsys, check, answer)
    assert ok is False
    assert out.startswith(("Not quite: ", "Not done yet: "))
    assert "0x" not in out  # no memory addresses: nbval compares the text


@pytest.mark.parametrize(
    "call",
    [
        lambda: check_value(E_ONE_WRONG, E),
        lambda: check_value(E_NAN, E),
        lambda: check_function(wrong_at_zero, sigmoid_prime, Z),
        lambda: check_function(divides_by_zero, sigmoid, Z),
        lambda: check_derivative(sigmoid, sigmoid, ARRAY_POINT),
        lambda: check_gradient(WRONG_ENTRY, squares, W),
        lambda: check_gradient(2 * W, squares, W),
        lambda: check_shape(np.zeros(3), (3, 1)),
    ],
    ids=["value", "value-nan", "function", "function-raises", "derivative", "gradient", "gradient-right", "shape"],
)
def test_output_is_deterministic(capsys, call):
    first = run(capsys, call)
    assert run(capsys, call) == first


def test_feedback_shows_nothing_more_in_a_notebook():
    feedback = exercises.Feedback(False, "Not quite: ...")
    assert not feedback and exercises.Feedback(True, "Correct!")
    assert feedback._ipython_display_() is None  # IPython calls this instead of printing a repr
    assert repr(feedback) == "Feedback(correct=False)"


def test_docstring_examples():
    assert doctest.testmod(exercises).failed == 0


def test_messages_keep_a_symbols_case_and_say_both_for_two(capsys):
    W = np.array([[1.0, 2.0], [3.0, 4.0]])
    _, line = run(capsys, check_value, W.copy(), W, name="dW")
    assert line == "Correct! dW matches the expected value."
    _, line = run(capsys, check_function, lambda z: 2 * z, lambda z: 2 * z, [1.0, 2.0], name="your double")
    assert line == "Correct! Your double gives the expected result for both inputs."
