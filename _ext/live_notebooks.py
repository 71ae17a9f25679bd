"""Live notebooks: every chapter runs in the reader's browser (JupyterLite and Pyodide), served by the book itself.

With this extension on, the HTML build also writes a JupyterLite site to ``_build/html/lite/`` (``jupyter lite
build``, run when Sphinx has finished), and every notebook page gets a "Run in your browser" entry in its launch
(rocket) menu that opens the chapter there as a live notebook. Python runs in the browser in WebAssembly (Pyodide
0.27.7: Python 3.12, NumPy 2.0, Matplotlib 3.8): no server, no install, and no request to another host.

- Pyodide and the packages the chapters import come from ``_lite/static/pyodide/``, which
  ``scripts/fetch_pyodide.py`` fetches and verifies (never committed). To that lock this extension adds a wheel of
  ``nnbook`` built from this checkout, so that the chapters' ``import nnbook`` loads it (and NumPy and
  Matplotlib) with no ``%pip``: the guarded install cell at the top of each chapter does nothing there.
- The live copy of a chapter has no stored outputs (the reader runs it), and the Pyodide kernel as its kernel, so
  that JupyterLite does not ask which kernel to use.
- ``_lite/jupyter-lite.json`` turns off the kernel's fallback to PyPI; the build fails unless the site it wrote
  loads Pyodide from itself.
- JupyterLite is run directly rather than through jupyterlite-sphinx, which would add a Google Fonts stylesheet
  to every page and keep its build database in the book's folder (a stale one makes a rebuild point the kernel
  at a CDN; two builds at once break each other). Here each build starts from a fresh temporary folder.

The switch, the environment variable ``NNBOOK_LIVE``: ``1`` builds the live notebooks (and fails if the Pyodide
files were not fetched), ``0`` builds the plain book without them; unset, they are built when the fetched files
are there. Only the HTML builders are concerned.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from hashlib import sha256
from pathlib import Path

import nbformat
from sphinx.errors import ConfigError, ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
LITE_DIR = ROOT / "_lite"  # jupyter-lite.json (the site's settings); static/pyodide/ is fetched
PYODIDE = LITE_DIR / "static" / "pyodide"
OUTPUT = "lite"  # the JupyterLite site, inside the HTML output
KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
BUTTON_TEXT = "Run in your browser"


def live_requested():
    """Whether to build the live notebooks: NNBOOK_LIVE=1 or 0, or, unset, whether Pyodide was fetched."""
    switch = os.environ.get("NNBOOK_LIVE", "")
    if switch not in ("", "0", "1"):
        raise ConfigError(f"NNBOOK_LIVE must be 1 (live notebooks), 0 (plain book) or unset, not {switch!r}")
    if switch == "":
        return (PYODIDE / "pyodide-lock.json").is_file()
    if switch == "1" and not (PYODIDE / "pyodide-lock.json").is_file():
        raise ConfigError(
            f"NNBOOK_LIVE=1, but {PYODIDE.relative_to(ROOT)} holds no Pyodide: run `python scripts/fetch_pyodide.py` "
            f"first, or build the plain book with NNBOOK_LIVE=0"
        )
    return switch == "1"


def notebook_docs(app):
    return sorted(doc for doc in app.env.found_docs if app.env.doc2path(doc).endswith(".ipynb"))


def write_live_copies(app, contents):
    """Copy every notebook page into ``contents``, without outputs and with the Pyodide kernel."""
    for doc in notebook_docs(app):
        notebook = nbformat.read(app.env.doc2path(doc), as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
        notebook.metadata.pop("widgets", None)
        notebook.metadata["kernelspec"] = dict(KERNELSPEC)
        target = contents / f"{doc}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)


def run(command, cwd, what):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise ExtensionError(f"{what} failed ({' '.join(command)}):\n" + "\n".join(output[-40:]))


def build_nnbook_wheel(folder):
    """A wheel of nnbook built from a copy of this checkout's package (so no build/ folder is left behind)."""
    source = folder / "source"
    (source / "src").mkdir(parents=True)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "src" / "nnbook", source / "src" / "nnbook", ignore=shutil.ignore_patterns("__pycache__"))
    wheels = folder / "wheels"
    run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(source)],
        folder,
        "building the nnbook wheel",
    )
    (wheel,) = wheels.glob("nnbook-*.whl")
    return wheel


def add_to_lock(pyodide, wheel):
    """Copy ``wheel`` (nnbook's) next to Pyodide and add it to the lock, so that ``import nnbook`` loads it."""
    shutil.copy2(wheel, pyodide / wheel.name)
    lock_path = pyodide / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    lock["packages"]["nnbook"] = {
        "name": "nnbook",
        "version": wheel.name.split("-")[1],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256(wheel.read_bytes()).hexdigest(),
        "package_type": "package",
        "imports": ["nnbook"],
        # matplotlib is optional for the package, but nnbook.plotting is what the chapters call.
        "depends": ["numpy", "matplotlib"],
        "unvendored_tests": False,
        "shared_library": False,
    }
    lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")


def check_lite_config(path):
    """Fail the build unless the live site loads Pyodide from itself and never falls back to PyPI."""
    settings = json.loads(path.read_text())["jupyter-config-data"]["litePluginSettings"]
    kernel = settings["@jupyterlite/pyodide-kernel-extension:kernel"]
    if kernel.get("pyodideUrl") != "./static/pyodide/pyodide.js" or kernel.get("disablePyPIFallback") is not True:
        raise ExtensionError(
            f"{path}: the Pyodide kernel must load ./static/pyodide/pyodide.js with disablePyPIFallback, found {kernel}"
        )


def build_lite_site(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    output = Path(app.outdir) / OUTPUT
    logger.info(f"live_notebooks: building the JupyterLite site in {output}")
    shutil.rmtree(output, ignore_errors=True)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        write_live_copies(app, folder / "contents")
        # Run in the temporary folder: jupyter lite keeps its build database (.jupyterlite.doit.db) there.
        command = [sys.executable, "-m", "jupyter", "lite", "build", "--lite-dir", str(LITE_DIR)]
        command += ["--contents", str(folder / "contents"), "--output-dir", str(output)]
        # The Notebook interface (and its file browser) only, without source maps: about half the size of all.
        command += ["--apps", "notebooks", "--apps", "tree", "--no-sourcemaps", "--no-unused-shared-packages"]
        run(command, folder, "jupyter lite build")
        add_to_lock(output / "static" / "pyodide", build_nnbook_wheel(folder))
    check_lite_config(output / "jupyter-lite.json")


def add_button(app, pagename, templatename, context, doctree):
    """Put "Run in your browser" first in the launch menu of a notebook page, with a link relative to the page."""
    if pagename not in app.env.found_docs or not app.env.doc2path(pagename).endswith(".ipynb"):
        return
    url = context["pathto"](f"{OUTPUT}/notebooks/index.html", 1) + f"?path={pagename}.ipynb"
    button = {
        "type": "link",
        "text": BUTTON_TEXT,
        "tooltip": "Run this chapter as a live notebook in your browser (Python in WebAssembly, nothing to install)",
        "icon": "fas fa-play",
        "url": url,
        "label": "run-in-browser-button",
    }
    for group in context.get("header_buttons", []):
        if group.get("label") == "launch-buttons":
            group["buttons"].insert(0, button)
            return


def setup(app):
    if live_requested():
        app.connect("build-finished", build_lite_site)
        # After sphinx-book-theme's launch buttons (priority 501), to which the button is added.
        app.connect("html-page-context", add_button, priority=502)
    else:
        logger.info("live_notebooks: off (NNBOOK_LIVE=0, or no fetched Pyodide): the book is built without them")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
