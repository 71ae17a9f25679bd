"""Build the student edition: the book without the solutions of its exercises, for a course site.

    python scripts/build_student_edition.py            # the HTML in _build/student/, with its PDF
    python scripts/build_student_edition.py --strict   # as CI builds it: any warning fails the build

The exercises stay, and so do the cells that answer back: a stub for the reader to complete and the check that
prints "Not done yet" until it is right. What goes is every solution: from each ``{solution-start}`` to its
``{solution-end}`` (the cells between them included, and the text of a cell before or after them kept), every
``{solution}`` directive, every cell tagged ``solution``, and the sentence that says where the solutions are
("The solutions are folded away under each exercise.").

The book's sources are not changed: the script copies them to a temporary folder, removes the solutions from the
copies of the chapters there (notebooks and MyST pages), and builds that copy, titled "(student edition)", as
the default build would (``jupyter-book build``, with the live notebooks if the book has them: ``NNBOOK_LIVE``;
``--strict`` adds ``-n -W --keep-going``, as .ci/run does). Unless ``--no-pdf`` is given it then prints the
edition to its own PDF (scripts/build_pdf.py), which its pages' download menu links to.

Publish the folder as it is. CI (.ci/run) copies it to ``_build/html/student/``, so that the published book has
it at ``student/``, where "How to read and run this book" links to it, and where the PDF's links lead
(``--web-url`` for another address). The launch buttons of the student edition (Binder, Colab, JupyterHub) open
the notebooks of the repository, which have the solutions; its download button gives the notebooks without them.
``tests/test_student_edition.py`` checks the result.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml

import build_pdf

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "_build" / "student"
TITLE_SUFFIX = " (student edition)"
#: A cell with one of these tags is a solution, wherever it is.
SOLUTION_TAGS = {"solution"}
# Not copied: version control, environments, builds, caches and test output.
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "_build",
    "node_modules",
    "test-artifacts",
    ".cache",
    ".*_cache",
    "__pycache__",
    ".ipynb_checkpoints",
)


def _fenced(name):
    """A fenced MyST directive ``name`` (backticks or colons), up to its closing fence."""
    return re.compile(rf"^(?P<fence>`{{3,}}|:{{3,}})\{{{name}\}}.*?^(?P=fence)[ \t]*$", re.M | re.S)


SOLUTION_START, SOLUTION_END, SOLUTION = _fenced("solution-start"), _fenced("solution-end"), _fenced("solution")
# The sentence that tells the reader where the solutions are, e.g. "The solutions are folded away under each
# exercise." (each chapter's introduction to its exercises has one), goes with them.
WHERE_THE_SOLUTIONS_ARE = re.compile(r"\s*[^.!?]*?\bsolutions?\b[^.!?]*\bfolded away\b[^.!?]*\.")


def strip_text(text, inside=False):
    """Remove the solutions from MyST text that starts inside a solution if ``inside``.

    Returns the text that is left and whether it ends inside a solution (a ``{solution-start}`` whose
    ``{solution-end}`` comes in a later cell).
    """
    kept, position = [], 0
    while True:
        if inside:
            end = SOLUTION_END.search(text, position)
            if end is None:
                return WHERE_THE_SOLUTIONS_ARE.sub("", "".join(kept)), True
            position, inside = end.end(), False
            continue
        found = [m for m in (SOLUTION_START.search(text, position), SOLUTION.search(text, position)) if m]
        if not found:
            kept.append(text[position:])
            return WHERE_THE_SOLUTIONS_ARE.sub("", "".join(kept)), False
        first = min(found, key=lambda match: match.start())
        kept.append(text[position : first.start()])
        position, inside = first.end(), first.re is SOLUTION_START


def strip_notebook(nb, name="notebook"):
    """Remove the solutions from ``nb`` (nbformat) in place; return how many cells were removed or shortened."""
    cells, inside, changed = [], False, 0
    for cell in nb.cells:
        if SOLUTION_TAGS & set(cell.metadata.get("tags", [])):
            changed += 1
            continue
        if cell.cell_type == "markdown":
            text, inside_after = strip_text(cell.source, inside)
            if text != cell.source:
                changed += 1
                cell.source = text.strip()
            inside = inside_after
            if cell.source.strip():
                cells.append(cell)
        elif inside:
            changed += 1
        else:
            cells.append(cell)
    if inside:
        raise ValueError(f"{name}: a {{solution-start}} has no {{solution-end}} after it")
    nb.cells = cells
    return changed


def strip_sources(book):
    """Remove the solutions from every chapter (notebooks and MyST pages) under ``book``; report what changed."""
    for path in sorted((book / "chapters").rglob("*")):
        if path.suffix == ".ipynb":
            nb = nbformat.read(path, as_version=4)
            if strip_notebook(nb, path.name):
                nbformat.write(nb, path)
                print(f"  without solutions: {path.relative_to(book)}")
        elif path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            stripped, inside = strip_text(text)
            if inside:
                raise ValueError(f"{path.name}: a {{solution-start}} has no {{solution-end}} after it")
            if stripped != text:
                path.write_text(stripped, encoding="utf-8")
                print(f"  without solutions: {path.relative_to(book)}")


def make_student_config(book):
    """Title the copy "(student edition)" and tell its extensions so (_ext/book_downloads.py)."""
    path = book / "_config.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["title"] += TITLE_SUFFIX
    config.setdefault("sphinx", {}).setdefault("config", {})["book_edition"] = "student"
    path.write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    return config["title"]


def jupyter_book():
    found = shutil.which("jupyter-book", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]))
    if found is None:
        raise FileNotFoundError("jupyter-book is not installed: pip install -r requirements.txt")
    return found


def build(output=OUTPUT, strict=False, pdf=True, web=None):
    """Build the student edition into ``output`` (replaced if it exists), with its PDF unless ``pdf`` is false.

    The PDF's links to the web version lead to ``web``; by default to ``student/`` of the book's web address, where
    CI publishes the edition.
    """
    with tempfile.TemporaryDirectory(prefix="nnbook-student-") as folder:
        book = Path(folder) / "book"
        shutil.copytree(ROOT, book, ignore=NOT_COPIED, symlinks=True)
        strip_sources(book)
        make_student_config(book)
        command = [jupyter_book(), "build", str(book), "--quiet"] + (["-n", "-W", "--keep-going"] if strict else [])
        subprocess.run(command, check=True)
        if output.exists():
            shutil.rmtree(output)
        shutil.move(book / "_build" / "html", output)
        web = web or build_pdf.web_address(build_pdf.book_config(ROOT)) + "student/"
        if pdf and build_pdf.main(["--html", str(output), "--root", str(book), "--web-url", web]):
            raise ValueError("the student edition's PDF could not be printed")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write it (default: %(default)s)")
    parser.add_argument("--strict", action="store_true", help="fail on any warning of the build, as CI does")
    parser.add_argument("--no-pdf", action="store_true", help="build the HTML only")
    parser.add_argument("--web-url", help="where the edition is published, for the PDF's links (default: see build)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        build(args.output.resolve(), strict=args.strict, pdf=not args.no_pdf, web=args.web_url)
    except (ValueError, FileNotFoundError, subprocess.CalledProcessError) as error:
        print(f"build_student_edition.py: {error}", file=sys.stderr)
        return 1
    print(f"student edition in {args.output} ({time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
