"""nn.source.show_source: the package's code as a reader should see it, docstrings cut out, highlighted in
Jupyter and in the book (text/markdown), plain in its text/plain form (what nbval compares)."""

import inspect
import textwrap

import numpy as np
import pytest

import nnbook as nn
from nnbook.source import Source, _without_docstrings, show_source


class Sample:
    """A class with docstrings everywhere.

    .. math:: x' = r x
    """

    rate = 0.5  # a comment stays

    def step(self, x):
        """One step.

        Parameters
        ----------
        x : float
        """
        # Comments say why, and stay.
        return self.rate * x

    @property
    def double(self):
        """Twice the rate."""
        return 2 * self.rate


def sample_function(a, b=2):
    """Add two numbers.

    Parameters
    ----------
    a, b : float
    """
    total = a + b  # the sum
    return total


def test_a_function_keeps_its_signature_comments_and_code():
    assert repr(show_source(sample_function)) == (
        "def sample_function(a, b=2):\n    total = a + b  # the sum\n    return total"
    )


def test_a_method_is_dedented():
    assert repr(show_source(Sample.step)) == (
        "def step(self, x):\n    # Comments say why, and stay.\n    return self.rate * x"
    )
    assert repr(show_source(Sample().step)) == repr(show_source(Sample.step))


def test_a_class_loses_every_docstring_and_keeps_its_attributes_and_comments():
    assert repr(show_source(Sample)) == (
        "class Sample:\n"
        "    rate = 0.5  # a comment stays\n"
        "\n"
        "    def step(self, x):\n"
        "        # Comments say why, and stay.\n"
        "        return self.rate * x\n"
        "\n"
        "    @property\n"
        "    def double(self):\n"
        "        return 2 * self.rate"
    )


def test_a_property_is_shown_with_its_decorator():
    assert repr(show_source(Sample.double)) == "@property\ndef double(self):\n    return 2 * self.rate"


def test_the_package_code_of_the_chapters():
    shown = repr(show_source(nn.Dense.backward))
    assert shown.startswith("def backward(self, dA") and '"""' not in shown
    assert "Backpropagate" not in shown and "Parameters" not in shown
    assert repr(show_source(nn.activations.relu.backward)).startswith("def backward(self, z, grad):")
    module = repr(show_source(nn.source))
    assert module.startswith("import ast\n") and "Show the package's own code" not in module


def test_docstrings_can_be_kept():
    shown = repr(show_source(Sample.step, docstring=True))
    assert shown == textwrap.dedent(inspect.getsource(Sample.step)).rstrip()
    assert shown.startswith('def step(self, x):\n    """One step.')


def test_a_body_that_was_only_a_docstring_keeps_a_statement():
    class Abstract:
        def method(self):
            """Nothing here but words."""

        def other(self):
            """Words, then code."""

            return 1

    shown = repr(show_source(Abstract))
    assert shown == ("class Abstract:\n    def method(self):\n        ...\n\n    def other(self):\n        return 1")
    compile(shown, "<shown>", "exec")  # still Python


def test_a_docstring_that_shares_its_line_with_code_stays():
    # Written as text: the formatter would not let such a function into the tests.
    code = 'def f(): "Kept: on the line of its def."\n\n\ndef g():\n    "Kept too"; return 1'
    assert _without_docstrings(code) == code


def test_the_text_is_the_same_on_every_call_and_in_print():
    first, second = show_source(nn.Dense.backward), show_source(nn.Dense.backward)
    assert repr(first) == repr(second) == str(first) == first.code
    assert not first.code.endswith("\n")


def test_markdown_is_a_fenced_python_block_of_the_same_text():
    shown = show_source(sample_function)
    assert shown._repr_markdown_() == f"```python\n{shown.code}\n```"
    # Backticks in the code cannot close the fence early.
    assert Source("x = '```'")._repr_markdown_() == "````python\nx = '```'\n````"


def test_ipython_displays_markdown_and_plain_text():
    formatter = pytest.importorskip("IPython.core.formatters")
    data, _ = formatter.DisplayFormatter().format(show_source(sample_function))
    assert set(data) == {"text/plain", "text/markdown"}
    assert data["text/plain"] == show_source(sample_function).code
    assert data["text/markdown"].startswith("```python\ndef sample_function(")


@pytest.mark.parametrize(
    "obj, match",
    [
        (nn.activations.relu, r"got ReLU \(to show an object's code, pass its class: type\(obj\)\)"),
        (3, "got int$"),
        ("nn.Dense", "got str$"),
        (len, "got builtin_function_or_method$"),
        (np.add, "got ufunc$"),
        (int, r"got <class 'int'>, whose source Python cannot find"),
    ],
)
def test_what_has_no_python_code_is_refused_with_a_type_error(obj, match):
    with pytest.raises(TypeError, match="obj must be a function, method, class or module written in Python, " + match):
        show_source(obj)


def test_docstring_must_be_a_bool():
    with pytest.raises(TypeError, match="docstring must be True or False, got 'no'"):
        show_source(sample_function, docstring="no")
