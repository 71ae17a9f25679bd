"""Every drawn figure in figures/ is exactly what its script makes.

Convention: ``figures/NAME.py`` writes ``figures/NAME.svg`` (or ``.png``) next to itself, and
``python figures/NAME.py OUT`` writes the same figure to ``OUT`` instead. Each script is run into a temporary
directory and its output compared byte for byte with the committed file, so a figure cannot drift from
its code. New scripts are picked up automatically.
"""

import subprocess
import sys
from pathlib import Path

import pytest

FIGURES = Path(__file__).resolve().parent.parent / "figures"
SCRIPTS = sorted(FIGURES.glob("*.py"))
OUTPUT_SUFFIXES = (".svg", ".png")


def committed_output(script):
    outputs = [script.with_suffix(suffix) for suffix in OUTPUT_SUFFIXES if script.with_suffix(suffix).exists()]
    if len(outputs) != 1:
        pytest.fail(
            f"{script.name} must have exactly one committed output named {script.stem}.svg or "
            f"{script.stem}.png beside it, found {[p.name for p in outputs]}"
        )
    return outputs[0]


def test_there_are_figure_scripts():
    assert SCRIPTS, f"no figure scripts found in {FIGURES}"


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_script_reproduces_its_committed_figure(script, tmp_path):
    committed = committed_output(script)
    out = tmp_path / committed.name
    # Run from the temporary directory: the script must not depend on the working directory.
    result = subprocess.run(
        [sys.executable, str(script), str(out)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{script.name} failed:\n{result.stderr}"
    assert result.stderr == "", f"{script.name} wrote to stderr (warnings?):\n{result.stderr}"
    assert out.exists(), f"{script.name} did not write {out.name} to the path it was given"
    assert out.read_bytes() == committed.read_bytes(), (
        f"figures/{committed.name} is not what figures/{script.name} draws today; rerun "
        f"`python figures/{script.name}` and commit both (matplotlib's version is part of the bytes: "
        f"use the pinned requirements.txt)"
    )
