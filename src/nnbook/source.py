"""Show the package's own code on a page: ``show_source(nn.Dense.backward)``.

The chapters show the lines that compute, next to the formula they implement. :func:`show_source` returns the
source of a function, method, class or module with its docstrings cut out, and displays it as a highlighted
block of Python both in Jupyter and on the built book, which highlight it themselves (no extra package):

- in a notebook the object offers ``text/markdown``: the code in a Markdown code fence marked ``python``, which
  JupyterLab, Notebook 7, VS Code and Colab render as code, and which MyST-NB (it prefers ``text/markdown`` to
  ``text/plain``) turns into the same highlighted block as a code cell of the page;
- its ``text/plain`` form, ``repr``, is the bare source: what ``print`` shows and what nbval compares.
"""

import ast
import inspect
import re
import textwrap
import types

from ._checks import check_bool

__all__ = ["Source", "show_source"]


class Source:
    """The source code of an object, as Jupyter and the book display it.

    Parameters
    ----------
    code : str
        The source, dedented, without a trailing newline.

    Attributes
    ----------
    code : str
    """

    def __init__(self, code):
        self.code = code

    def __repr__(self):
        return self.code

    __str__ = __repr__

    def _repr_markdown_(self):
        # A fence longer than any run of backticks in the code, so the code cannot close it early.
        longest = max((len(run) for run in re.findall(r"`+", self.code)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"{fence}python\n{self.code}\n{fence}"


def show_source(obj, docstring=False):
    """The source of ``obj``, dedented and without its docstrings, for display in a notebook or the book.

    Parameters
    ----------
    obj : function, method, class or module
        E.g. ``nn.Dense.backward``. For a class or a module, the docstrings of every function and class in it
        are removed too.
    docstring : bool, default False
        Keep the docstrings.

    Returns
    -------
    Source
        Displayed as highlighted Python; ``repr`` and ``print`` give the plain text.

    Raises
    ------
    TypeError
        If ``obj`` is not a function, method, class or module (e.g. an instance, or a built-in written in C).
    OSError
        If Python cannot find the file that defines ``obj``.
    """
    keep_docstrings = check_bool(docstring, "docstring")
    target = obj.fget if isinstance(obj, property) else inspect.unwrap(obj) if callable(obj) else obj
    if not isinstance(target, (types.FunctionType, types.MethodType, type, types.ModuleType)):
        hint = " (to show an object's code, pass its class: type(obj))" if _has_source(type(obj)) else ""
        raise TypeError(
            f"obj must be a function, method, class or module written in Python, got {type(obj).__name__}{hint}"
        )
    try:
        code = inspect.getsource(target)
    except TypeError as error:  # e.g. a built-in module or class, whose code is C
        raise TypeError(
            f"obj must be a function, method, class or module written in Python, got {obj!r}, "
            f"whose source Python cannot find ({error})"
        ) from None
    except OSError as error:
        raise OSError(f"the source of {obj!r} is not available: {error}") from None
    code = textwrap.dedent(code.expandtabs())
    if not keep_docstrings:
        code = _without_docstrings(code)
    return Source(code.rstrip())


def _has_source(cls):
    try:
        inspect.getsource(cls)
    except (TypeError, OSError):
        return False
    return True


def _without_docstrings(code):
    """``code`` with the docstring of the module and of every class and function in it removed.

    The docstrings are found with ``ast``; each one is cut out with its lines (it must have them to itself) and
    the blank lines right after it. A body that was only a docstring becomes ``...``.
    """
    try:
        tree, offset = ast.parse(code), 0
    except SyntaxError:  # indented once more than dedent could undo, e.g. a method with a string at column 0
        tree, offset = ast.parse("if True:\n" + code), 1
    lines = code.splitlines()
    drop, replace = set(), {}
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        doc = node.body[0] if node.body else None
        if not (isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant) and isinstance(doc.value.value, str)):
            continue
        first, last = doc.lineno - 1 - offset, doc.end_lineno - 1 - offset
        # ast counts columns in bytes of UTF-8.
        before = lines[first].encode()[: doc.col_offset].decode(errors="replace")
        after = lines[last].encode()[doc.end_col_offset :].decode(errors="replace")
        if before.strip() or after.strip():
            continue  # a docstring that shares its line with code (``def f(): "doc"``) stays
        drop.update(range(first, last + 1))
        if len(node.body) == 1 and not isinstance(node, ast.Module):
            replace[first] = before + "..."  # a body must keep a statement
            continue
        following = last + 1
        while following < len(lines) and not lines[following].strip():  # the blank line that set it apart
            drop.add(following)
            following += 1
    return "\n".join(replace.get(i, line) for i, line in enumerate(lines) if i in replace or i not in drop)
