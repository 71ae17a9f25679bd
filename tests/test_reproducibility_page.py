"""The reproducibility page's table (_ext/reproducibility.py) reads counts and versions from a notebook."""

import importlib.util

import pytest

import notebook_stack

try:
    import nbformat

    from notebooks import ROOT

    _spec = importlib.util.spec_from_file_location("reproducibility", ROOT / "_ext" / "reproducibility.py")
    reproducibility = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(reproducibility)  # a Sphinx extension: imports sphinx and docutils
except ModuleNotFoundError as error:
    pytest.skip(notebook_stack.reason_to_skip(error), allow_module_level=True)

FIGURE = {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure size 640x480 with 1 Axes>"}


def _notebook(tmp_path, metadata):
    cells = [
        nbformat.v4.new_markdown_cell("# A chapter"),
        nbformat.v4.new_code_cell(
            "print(1)", execution_count=1, outputs=[nbformat.v4.new_output("stream", text="1\n")]
        ),
        nbformat.v4.new_code_cell(
            "plot()", execution_count=2, outputs=[nbformat.v4.new_output("display_data", data=FIGURE)]
        ),
        nbformat.v4.new_code_cell(""),
    ]  # empty: never executed
    path = tmp_path / "chapter.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=metadata), path)
    return path


def test_counts_and_recorded_versions(tmp_path):
    environment = {"python": "3.11.7", "numpy": "2.4.6", "matplotlib": "3.11.2", "nnbook": "0.1.0"}
    summary = reproducibility.summarise(_notebook(tmp_path, {"nnbook_environment": environment}))
    assert summary == {"cells": 2, "figures": 1, **environment}


def test_python_falls_back_to_the_kernel_language_info_and_the_rest_is_not_recorded(tmp_path):
    summary = reproducibility.summarise(_notebook(tmp_path, {"language_info": {"name": "python", "version": "3.11.7"}}))
    assert summary == {"cells": 2, "figures": 1, "python": "3.11.7", "numpy": None, "matplotlib": None, "nnbook": None}
