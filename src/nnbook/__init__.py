"""nnbook: the small NumPy package behind the executable book on neural networks.

Import it in one line, ``import nnbook as nn``; the maths on the book's pages is written here
with the same symbols (``W``, ``b``, ``z``, ``a``, ``delta``). Rows are samples throughout.
"""

from importlib.metadata import PackageNotFoundError, version

from . import activations, augment, datasets, examples, layers, losses, metrics, network, optim
from .gradcheck import GradCheckResult, gradcheck
from .layers import Dense, Dropout, Layer
from .network import Network, mlp
from .optim import SGD, Adam, AdamW
from .training import History, fit

try:
    __version__ = version("nnbook")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "unknown"

__all__ = [
    "activations",
    "augment",
    "autograd",
    "datasets",
    "diagrams",
    "examples",
    "exercises",
    "layers",
    "losses",
    "metrics",
    "network",
    "optim",
    "plotting",
    "source",
    "Dense",
    "Dropout",
    "Layer",
    "Network",
    "mlp",
    "SGD",
    "Adam",
    "AdamW",
    "fit",
    "History",
    "gradcheck",
    "GradCheckResult",
    "__version__",
]


def __getattr__(name):
    # nnbook.plotting, nnbook.diagrams and nnbook.source display things (the first two need matplotlib);
    # nnbook.autograd and nnbook.exercises serve chapters of their own: import them only when asked, so that
    # `import nnbook` is quick and needs NumPy alone.
    if name in ("plotting", "diagrams", "source", "autograd", "exercises"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'nnbook' has no attribute {name!r}")
