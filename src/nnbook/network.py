"""A network is a list of layers applied one after the other:
:math:`a^{(0)} = x`, :math:`a^{(l)} = f^{(l)}(W^{(l)} a^{(l-1)} + b^{(l)})` for :math:`l = 1, \\dots, L`."""

import numpy as np

from . import activations
from ._checks import check_finite, check_matrix, check_sizes, make_rng
from .layers import Dense

__all__ = ["Network", "mlp"]


class Network:
    """A feed-forward network: layers in order, output of one the input of the next.

    Parameters
    ----------
    layers : list of Dense
        Consecutive layers must fit: ``layers[i].n_out == layers[i + 1].n_in``.

    Notes
    -----
    Building the network moves every layer's ``W``, ``b``, ``dW`` and ``db`` into two flat vectors, which the
    training loop updates in one go. From then on ``layer.W`` is a view of the network's vector, the same array
    for the life of the network, so a reference taken after building it always shows the current weights; a
    reference taken *before* (``W = layer.W; Network([layer])``) is left behind as a copy. Assigning a new
    array, ``layer.W = A``, is allowed: the next :func:`~nnbook.training.fit` copies ``A``'s numbers into the
    layer's array, and ``layer.W`` is that array again (``A`` itself is not trained).
    """

    _BLOCK = 2**15  # numbers per block of the flat parameter vector: 256 KiB in float64, a cache's worth

    def __init__(self, layers):
        if isinstance(layers, (Dense, str)) or not hasattr(layers, "__iter__"):
            hint = " (a single layer goes in a list: Network([layer]))" if isinstance(layers, Dense) else ""
            raise TypeError(f"layers must be a list of Dense layers, got {type(layers).__name__}{hint}")
        layers = list(layers)
        if not layers:
            raise ValueError("layers must contain at least one layer, got an empty list")
        for i, layer in enumerate(layers):
            if not isinstance(layer, Dense):
                raise TypeError(f"layers[{i}] must be a Dense layer, got {type(layer).__name__}")
        for i, (a, b) in enumerate(zip(layers, layers[1:])):
            if a.n_out != b.n_in:
                raise ValueError(f"layers[{i}] has n_out={a.n_out} but layers[{i + 1}] has n_in={b.n_in}; they must match")
        self.layers = layers
        self._flat = self._views = self._theta = self._grad = None
        self._flat_parameters()  # from now on the layers' arrays are views of one vector: see below

    @property
    def n_in(self):
        """Number of inputs :math:`n_0`, the features of a sample: ``layers[0].n_in``."""
        return self.layers[0].n_in

    @property
    def n_out(self):
        """Number of outputs :math:`n_L`: ``layers[-1].n_out``."""
        return self.layers[-1].n_out

    def forward(self, X):
        """Run a batch through every layer, keeping what :meth:`backward` needs.

        .. math:: A^{(0)} = X, \\qquad A^{(l)} = f^{(l)}\\bigl(A^{(l-1)} W^{(l)\\top} + b^{(l)}\\bigr)

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_in)

        Returns
        -------
        ndarray of shape (n_samples, n_out)
            The output :math:`A^{(L)}` of the last layer.
        """
        A = check_matrix(X, "X", n_cols=self.n_in, what="this network expects n_in",
                         dtype=self.layers[0].dtype, finite=True)
        return self._forward(A)

    def _forward(self, A):
        # Used by the training loop on data it has already checked once.
        for layer in self.layers:
            A = layer._forward(A)
        return A

    def predict(self, X):
        """The network's output for ``X`` (same as :meth:`forward`); shape (n_samples, n_out)."""
        return self.forward(X)

    def backward(self, dA):
        """Backpropagate the gradient of the loss with respect to the output through every layer.

        Each layer stores its ``dW`` and ``db``; the first layer does not compute a gradient for the
        input, which nobody needs.

        Parameters
        ----------
        dA : ndarray of shape (n_samples, n_out)
            :math:`\\partial\\mathcal{L}/\\partial A^{(L)}`, e.g. from a loss's ``gradient``.

        Returns
        -------
        None
        """
        for i in range(len(self.layers) - 1, -1, -1):
            dA = self.layers[i].backward(dA, input_grad=i > 0)

    def parameters(self):
        """Yield ``(name, parameter, gradient)`` for every parameter, e.g. ``("layers[0].W", W, dW)``.

        The arrays are the layers' own: an optimiser that updates them in place updates the network.
        """
        for i, layer in enumerate(self.layers):
            for name, p, g in layer.parameters():
                yield f"layers[{i}].{name}", p, g

    def _flat_parameters(self):
        """All parameters as one vector, for the training loop: ``[("parameters[0:k]", theta, grad), ...]``.

        The first call copies the layers' ``W`` and ``b`` into one flat vector ``theta``, their ``dW`` and ``db``
        into ``grad``, and makes the layers' arrays views of these (same numbers and shapes; :meth:`parameters`
        and ``layer.W`` work as before). SGD and Adam act element by element, so one update of ``theta`` is
        the same, to the last bit, as one update per array, but takes a dozen NumPy calls instead of a dozen
        per array: for a small network that is much of a training step. A large ``theta`` is handed out in
        blocks of ``_BLOCK`` numbers, so that Adam's dozen passes over a block run in the CPU cache rather
        than in main memory.

        Later calls keep the vectors and their views, so a reference to ``layer.W`` never goes stale: an array
        the user has assigned to a layer is copied into the view, and the view goes back into the layer. The
        vectors are built anew only when the layers have changed or the views are no longer theirs (after a
        deepcopy). Layers of different float types keep their own arrays.
        """
        if len({layer.dtype for layer in self.layers}) > 1:
            return list(self.parameters())  # one vector holds one float type
        if self._views is None or list(self._views) != self._slots() or any(
                view.base is not self._theta and view.base is not self._grad for view in self._views.values()):
            self._build_flat_vectors()
        for (layer, name), view in self._views.items():
            array = getattr(layer, name)
            if array is not view:  # assigned by the user since the last call
                array = np.asarray(array)
                where = f"layers[{self.layers.index(layer)}].{name}"
                if array.shape != view.shape:
                    raise ValueError(f"{where} must have shape {view.shape}, got {array.shape}")
                view[...] = check_finite(array, where)
                setattr(layer, name, view)
        return self._flat

    def _slots(self):
        # (layer, name) of every parameter and its gradient, in the order of the flat vectors.
        return [(layer, name) for layer in self.layers for p in ("W", "b") if getattr(layer, p) is not None
                for name in (p, "d" + p)]

    def _build_flat_vectors(self):
        slots = self._slots()
        arrays = [np.asarray(getattr(layer, name)) for layer, name in slots]
        self._theta = np.concatenate([a.ravel() for a in arrays[0::2]]).astype(self.layers[0].dtype, copy=False)
        self._grad = np.concatenate([a.ravel() for a in arrays[1::2]]).astype(self.layers[0].dtype, copy=False)
        self._views, start = {}, 0
        for (layer, name), (_, grad_name), p in zip(slots[0::2], slots[1::2], arrays[0::2]):
            stop = start + p.size
            self._views[layer, name] = self._theta[start:stop].reshape(p.shape)
            self._views[layer, grad_name] = self._grad[start:stop].reshape(p.shape)
            start = stop
        for (layer, name), view in self._views.items():
            setattr(layer, name, view)
        self._flat = [(f"parameters[{i}:{i + self._BLOCK}]", self._theta[i:i + self._BLOCK],
                       self._grad[i:i + self._BLOCK]) for i in range(0, self._theta.size, self._BLOCK)]

    def n_parameters(self):
        """Total number of trainable numbers."""
        return sum(p.size for _, p, _ in self.parameters())

    def __repr__(self):
        inner = ",\n  ".join(repr(layer) for layer in self.layers)
        return f"Network([\n  {inner}\n])"


def mlp(sizes, hidden="relu", output="identity", init=None, seed=None, dtype=np.float64):
    """Build a multi-layer perceptron from its layer sizes.

    Parameters
    ----------
    sizes : sequence of int
        ``[n_0, n_1, ..., n_L]``: inputs, hidden units per layer, outputs (at least two numbers).
    hidden : str, default "relu"
        Activation of every hidden layer.
    output : str, default "identity"
        Activation of the output layer (identity gives logits for
        :data:`nnbook.losses.softmax_cross_entropy`).
    init : str or None
        Weight initialisation; by default He for (leaky) ReLU hidden layers, Xavier otherwise.
    seed : int, numpy Generator or None
        Seed of the generator that initialises every layer.
    dtype : {numpy.float64, numpy.float32}

    Returns
    -------
    Network
    """
    sizes = check_sizes(sizes)
    hidden_act, output_act = activations.get(hidden), activations.get(output)
    if init is None:
        init = "he" if hidden_act.name in ("relu", "leaky_relu") else "xavier"
    rng = make_rng(seed, "seed")
    last = len(sizes) - 2
    return Network([Dense(n_in, n_out, hidden_act if i < last else output_act, init=init, rng=rng, dtype=dtype)
                    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]))])


def check_network(model, name="model"):
    """Raise TypeError unless ``model`` is a :class:`Network` (what training and gradient checks need)."""
    if not isinstance(model, Network):
        raise TypeError(f"{name} must be a Network, e.g. nn.mlp([2, 8, 1]), got {type(model).__name__}")
    return model
