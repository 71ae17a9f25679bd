"""The benchmarks report the BLAS of every library they compare, PyTorch's included."""

import importlib.util
import sys
import types
from pathlib import Path

import pytest

# benchmarks/ is a folder of scripts, not a package: load the module from its file.
_spec = importlib.util.spec_from_file_location(
    "machine_info", Path(__file__).resolve().parent.parent / "benchmarks" / "machine_info.py"
)
machine_info = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(machine_info)

# What torch.__config__.show() prints for a CPU wheel on x86 (abridged): MKL is linked into libtorch_cpu.
TORCH_CONFIG = """PyTorch built with:
  - Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build 20240605 for Intel(R) 64 architecture
  - CPU capability usage: AVX2
  - Build settings: BLAS_INFO=mkl, BUILD_TYPE=Release, LAPACK_INFO=mkl, TORCH_VERSION=2.13.0, USE_MKL=ON,
"""


@pytest.fixture
def fake_torch(monkeypatch):
    torch = types.SimpleNamespace(
        __config__=types.SimpleNamespace(show=lambda: TORCH_CONFIG),
        backends=types.SimpleNamespace(cpu=types.SimpleNamespace(get_cpu_capability=lambda: "AVX2")),
        get_num_threads=lambda: 3,
    )
    monkeypatch.setitem(sys.modules, "torch", torch)


def test_pytorch_blas_is_reported(fake_torch):
    torch_pools = [pool for pool in machine_info.blas_info(("torch",)) if pool["shipped_by"] == "torch"]
    assert {
        "user_api": "blas",
        "internal_api": "mkl",
        "version": "2024.2",
        "architecture": "AVX2",
        "num_threads": 3,
        "file": "libtorch_cpu (linked in)",
        "shipped_by": "torch",
    } in torch_pools
    assert "mkl 2024.2 from torch (AVX2 kernels, 3 threads)" in machine_info.blas_line(torch_pools)


def test_pytorch_is_left_out_unless_asked_for(fake_torch):
    assert not any(pool["file"] == "libtorch_cpu (linked in)" for pool in machine_info.blas_info(("numpy",)))


@pytest.mark.parametrize(
    "path, package",
    [
        ("/venv/lib/python3.11/site-packages/numpy.libs/libscipy_openblas64_-32a4b2a6.so", "numpy"),
        ("/venv/lib/python3.11/site-packages/scikit_learn.libs/libgomp-e985bcbb.so.1.0.0", "scikit-learn"),
        ("/venv/lib/python3.11/site-packages/torch/lib/libgomp.so.1", "torch"),
        ("/usr/lib/x86_64-linux-gnu/libopenblas.so.0", "x86_64-linux-gnu"),
    ],
)
def test_a_library_is_credited_to_the_package_that_ships_it(path, package):
    assert machine_info._shipped_by(Path(path)) == package
