"""The repository's address is set once, in _config.yml, and every notebook's install cell names that address.

The guarded install cell is what makes a notebook work on Colab: if it named another repository (a fork that
forgot to run scripts/set_repository.py), Colab readers would get someone else's package.
"""

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

import notebook_stack

try:
    import yaml
except ModuleNotFoundError as error:
    pytest.skip(notebook_stack.reason_to_skip(error), allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent


def _load_set_repository():
    spec = importlib.util.spec_from_file_location("set_repository", ROOT / "scripts" / "set_repository.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


set_repository = _load_set_repository()
NOTEBOOKS = set_repository.notebooks(ROOT)


def _config_url(root):
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]


def _first_code_cell(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return next(cell for cell in nb["cells"] if cell["cell_type"] == "code")


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in chapters/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_install_cell_names_the_configured_repository(path):
    cell = _first_code_cell(path)
    source = "".join(cell["source"])
    expected = set_repository.INSTALL_CELL.format(url=_config_url(ROOT), version=set_repository.package_version(ROOT))
    assert source == expected, (
        f"{path.name}: the first code cell must be exactly the guarded install cell naming the repository in "
        f"_config.yml at the package's release tag; run `python scripts/set_repository.py`.\nFound:\n{source}"
    )
    assert "remove-cell" in cell["metadata"].get("tags", []), f"{path.name}: tag the install cell 'remove-cell'"


def test_the_install_cells_pin_the_version_of_the_installed_package():
    # Colab installs the tag the cell names: it must be the package the stored outputs were made with.
    import nnbook

    assert set_repository.package_version(ROOT) == nnbook.__version__
    for path in NOTEBOOKS:
        assert f'@v{nnbook.__version__}"' in "".join(_first_code_cell(path)["source"]), path.name


def test_set_repository_without_an_address_pins_the_new_version(tmp_path):
    (tmp_path / "chapters").mkdir()
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    version = set_repository.package_version(ROOT)
    (tmp_path / "pyproject.toml").write_text(pyproject.replace(f'version = "{version}"', 'version = "9.8.7"'))
    shutil.copy(NOTEBOOKS[0], tmp_path / "chapters" / NOTEBOOKS[0].name)

    assert set_repository.main(["--root", str(tmp_path)]) == 0

    cell = "".join(_first_code_cell(tmp_path / "chapters" / NOTEBOOKS[0].name)["source"])
    assert cell == set_repository.INSTALL_CELL.format(url=_config_url(ROOT), version="9.8.7")
    assert _config_url(tmp_path) == _config_url(ROOT)


def test_set_repository_rewrites_config_and_every_install_cell(tmp_path):
    (tmp_path / "chapters").mkdir()
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for path in NOTEBOOKS:
        shutil.copy(path, tmp_path / "chapters" / path.name)
    before = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "chapters").iterdir()}
    old_url = _config_url(tmp_path)
    new_url = "https://github.com/a-fork/neural-networks-book"

    assert set_repository.main([new_url + ".git/", "--root", str(tmp_path)]) == 0

    assert _config_url(tmp_path) == new_url
    for path in (tmp_path / "chapters").iterdir():
        version = set_repository.package_version(ROOT)
        assert "".join(_first_code_cell(path)["source"]) == set_repository.INSTALL_CELL.format(
            url=new_url, version=version
        )
        # Nothing but the address changed (the notebooks are already pinned to this version).
        assert path.read_text(encoding="utf-8") == before[path.name].replace(old_url, new_url)


def test_set_repository_rejects_a_url_that_is_not_https(tmp_path, capsys):
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    (tmp_path / "chapters").mkdir()
    assert set_repository.main(["git@github.com:a-fork/book.git", "--root", str(tmp_path)]) == 1
    assert "must start with https://" in capsys.readouterr().err
    assert _config_url(tmp_path) == _config_url(ROOT)
