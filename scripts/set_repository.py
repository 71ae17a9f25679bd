"""Point the book at a repository and a release: ``python scripts/set_repository.py [NEW_URL]``.

The repository's address appears in two kinds of place, and this script rewrites both:

* ``_config.yml`` (``repository.url``), from which the launch buttons (Binder, Colab, JupyterHub) and the
  repository, issue and edit buttons are made;
* the guarded install cell at the top of every notebook in ``chapters/``, which installs ``nnbook`` on Colab
  from that repository, at the tag of the package's version (``v`` + ``version`` in ``pyproject.toml``): a
  notebook opened on Colab gets the package its outputs were made with, not whatever the default branch holds.

A fork runs it once with its own address, e.g.::

    python scripts/set_repository.py https://github.com/alice/neural-networks-book

A release bumps ``version`` in ``pyproject.toml``, then runs it without an address, which keeps the address and
pins every install cell to the new tag (CONTRIBUTING.md, "Releasing"). Only the address and the tag change:
comments, layout and every other byte of the files stay as they are. ``tests/test_repository_url.py`` checks
that the places agree with each other and with the package's version.
"""

import argparse
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The guarded install cell, the same in every notebook; ``{url}`` is the repository's address, ``{version}`` the
#: package's version, whose release is tagged ``v{version}``.
INSTALL_CELL = (
    "# On Colab (or anywhere nnbook is missing) install the book's companion package; elsewhere this does nothing.\n"
    "try:\n"
    "    import nnbook\n"
    "except ImportError:\n"
    '    %pip install --quiet "nnbook @ git+{url}@v{version}"'
)

# The url value of the `repository:` block in _config.yml: its indented `url:` line.
_CONFIG_URL = re.compile(r"^(repository:[ \t]*(?:#.*)?\n(?:(?:[ \t]+.*|[ \t]*)\n)*?[ \t]+url[ \t]*:[ \t]*)(\S+)", re.M)
# The address and the tag inside the install cell, as they appear in the notebook's JSON text.
_CELL_URL = re.compile(r'(nnbook @ git\+)([^\s"\\@]+)(?:@[^\s"\\]*)?')


def normalise_url(url):
    """Return ``url`` without a trailing slash or ``.git``; raise ValueError unless it is an https URL."""
    url = url.strip()
    if not re.fullmatch(r"https://[^\s\"'\\]+", url):
        raise ValueError(f"The repository URL must start with https:// and contain no spaces or quotes, got {url!r}")
    url = url.rstrip("/")
    if url.endswith(".git"):
        url = url[: -len(".git")]
    return url


def notebooks(root=ROOT):
    """The book's notebooks: every ``.ipynb`` under ``chapters/``, checkpoints excluded."""
    return sorted(p for p in (root / "chapters").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def first_code_cell(path):
    """Source text of the first code cell of the notebook at ``path`` (None if it has no code cell)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = cell["source"]
            return "".join(source) if isinstance(source, list) else source
    return None


def config_url(root=ROOT):
    """The repository URL in ``_config.yml`` (read with the same pattern this script rewrites)."""
    match = _CONFIG_URL.search((root / "_config.yml").read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"No url under 'repository:' in {root / '_config.yml'}")
    return match.group(2)


def package_version(root=ROOT):
    """The package's version, from ``pyproject.toml``."""
    with open(root / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def set_repository(new_url=None, root=ROOT):
    """Rewrite ``_config.yml`` and every notebook's install cell to name ``new_url`` (by default the address
    already in ``_config.yml``) at the tag of the package's version; return the files changed.

    Every file is checked before any is written, so an error leaves the book as it was.
    """
    new_url = normalise_url(config_url(root) if new_url is None else new_url)
    pin = f"{new_url}@v{package_version(root)}"
    updates = {}

    config = root / "_config.yml"
    text = config.read_text(encoding="utf-8")
    new_text, n = _CONFIG_URL.subn(lambda m: m.group(1) + new_url, text, count=1)
    if n != 1:
        raise ValueError(f"No url under 'repository:' in {config}")
    updates[config] = (text, new_text)

    for path in notebooks(root):
        cell = first_code_cell(path)
        if cell is None or _CELL_URL.search(cell) is None:
            raise ValueError(f"{path}: the first code cell is not the guarded install cell:\n{cell}")
        text = path.read_text(encoding="utf-8")
        if len(_CELL_URL.findall(text)) != 1:
            raise ValueError(f"{path}: expected the install command exactly once, in the first code cell")
        # Replace the address in the JSON text itself, so the notebook is otherwise left byte for byte.
        updates[path] = (text, _CELL_URL.sub(lambda m: m.group(1) + pin, text))

    changed = []
    for path, (old, new) in updates.items():
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "url",
        nargs="?",
        help="the repository's https address, e.g. https://github.com/OWNER/REPO "
        "(default: keep the address in _config.yml and only pin the install cells to the version)",
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="the book's root folder (default: this repository)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        changed = set_repository(args.url, root)
    except ValueError as err:
        print(f"set_repository.py: {err}", file=sys.stderr)
        return 1
    for path in changed:
        print(f"updated {path.relative_to(root)}")
    if not changed:
        print("nothing to change: the book already names this repository and release")
    return 0


if __name__ == "__main__":
    sys.exit(main())
