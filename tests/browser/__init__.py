"""Browser tests of the built book (run with `pytest -m browser tests/browser`).

A package, so that its conftest.py does not take the place of tests/conftest.py as the module `conftest`.
"""
