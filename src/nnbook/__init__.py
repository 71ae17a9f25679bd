"""nnbook: the small NumPy package behind the executable book on neural networks.

Import it in one line, ``import nnbook as nn``; the maths on the book's pages is written here
with the same symbols (``W``, ``b``, ``z``, ``a``, ``delta``). Rows are samples throughout.
"""

from . import activations, augment, datasets, examples, layers, losses, metrics, network, optim
from .gradcheck import GradCheckResult, gradcheck
from .layers import Dense
from .network import Network, mlp
from .optim import SGD, Adam
from .training import History, fit

__version__ = "0.1.0"

__all__ = ["activations", "augment", "datasets", "diagrams", "examples", "layers", "losses", "metrics", "network", "optim",
           "plotting", "Dense", "Network", "mlp", "SGD", "Adam", "fit", "History", "gradcheck", "GradCheckResult",
           "__version__"]


def __getattr__(name):
    # nnbook.plotting and nnbook.diagrams need matplotlib; import them only when asked, so that
    # `import nnbook` needs NumPy alone.
    if name in ("plotting", "diagrams"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'nnbook' has no attribute {name!r}")
