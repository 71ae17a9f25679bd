"""What a benchmark run was measured on: versions, machine and BLAS, for the results files."""

import importlib
import os
import platform
import re
from importlib import metadata
from pathlib import Path

NAMES = {"python": "Python", "numpy": "NumPy", "scikit-learn": "scikit-learn", "torch": "PyTorch", "nnbook": "nnbook"}


def versions(packages=("numpy", "scikit-learn", "torch", "nnbook")):
    """Versions of Python and of ``packages`` (None for one that is not installed)."""

    def version(dist):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    return {"python": platform.python_version()} | {name: version(name) for name in packages}


def versions_line(info):
    """:func:`versions` as one line, e.g. ``Python 3.11.7, NumPy 2.4.6, nnbook 0.1.0``."""
    return ", ".join(f"{NAMES.get(name, name)} {v}" for name, v in info.items() if v)


def blas_info(modules=("numpy",)):
    """The BLAS and OpenMP thread pools loaded once ``modules`` are imported (threadpoolctl): the package that
    ships the library, the library, its version, kernels and number of threads. With ``"torch"`` among the
    modules, PyTorch's own BLAS too (see :func:`torch_blas`)."""
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            pass
    pools = []
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        threadpool_info = list
    keep = ("user_api", "internal_api", "version", "architecture", "num_threads")
    for pool in threadpool_info():
        path = Path(pool["filepath"])
        pools.append({k: pool.get(k) for k in keep} | {"file": path.name, "shipped_by": _shipped_by(path)})
    if "torch" in modules:
        pools += [pool for pool in [torch_blas()] if pool]
    return sorted(pools, key=lambda pool: (pool["shipped_by"], pool["file"]))


def _shipped_by(path):
    """The package a library comes with: .../site-packages/numpy.libs/libscipy_openblas64_.so is NumPy's,
    .../site-packages/torch/lib/libgomp.so.1 is PyTorch's; a library outside site-packages, its folder's."""
    parts = path.parts
    for i, part in enumerate(parts[:-2]):
        if part in ("site-packages", "dist-packages"):
            return parts[i + 1].removesuffix(".libs").replace("_", "-")
    return path.parent.name


def torch_blas():
    """PyTorch's BLAS, or None without PyTorch. Its wheels link the BLAS into ``libtorch_cpu`` (MKL on x86,
    OpenBLAS on ARM), where threadpoolctl cannot see it, so it is read from ``torch.__config__.show()``; the
    threads are this process's ``torch.get_num_threads()``."""
    try:
        import torch
    except ImportError:
        return None
    config = torch.__config__.show()
    blas = re.search(r"\bBLAS_INFO=(\w+)", config)
    mkl = re.search(r"Math Kernel Library Version ([\d.]+)", config)
    return {
        "user_api": "blas",
        "internal_api": blas.group(1) if blas else "unknown",
        "version": mkl.group(1) if mkl and blas and blas.group(1) == "mkl" else None,
        "architecture": torch.backends.cpu.get_cpu_capability(),
        "num_threads": torch.get_num_threads(),
        "file": "libtorch_cpu (linked in)",
        "shipped_by": "torch",
    }


def machine():
    """Operating system, processor model, number of logical CPUs and memory."""
    model = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {"platform": platform.platform(), "machine": platform.machine(), "cpu": model, "cpu_count": os.cpu_count()}
    try:
        import psutil

        info["memory_gib"] = round(psutil.virtual_memory().total / 2**30, 1)
    except ImportError:
        pass
    return info


def blas_line(pools):
    """:func:`blas_info` in one line, e.g. ``openblas 0.3.31 from numpy (Haswell kernels, 2 threads)``."""
    parts = []
    for p in pools:
        threads = f"{p['num_threads']} thread{'s' if p['num_threads'] != 1 else ''}"
        kernels = f"{p['architecture']} kernels, " if p.get("architecture") else ""
        version = f" {p['version']}" if p.get("version") else ""
        parts.append(f"{p['internal_api']}{version} from {p['shipped_by']} ({kernels}{threads})")
    return "; ".join(parts) or "unknown (threadpoolctl is not installed)"
