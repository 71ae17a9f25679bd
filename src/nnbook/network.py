"""A network is a list of layers applied one after the other:
:math:`a^{(0)} = x`, :math:`a^{(l)} = f^{(l)}(W^{(l)} a^{(l-1)} + b^{(l)})` for :math:`l = 1, \\dots, L`."""

import numpy as np

from . import activations
from ._checks import check_matrix, check_positive_int
from .layers import Dense

__all__ = ["Network", "mlp"]


class Network:
    """A feed-forward network: layers in order, output of one the input of the next.

    Parameters
    ----------
    layers : list of Dense
        Consecutive layers must fit: ``layers[i].n_out == layers[i + 1].n_in``.
    """

    _BLOCK = 2**15  # numbers per block of the flat parameter vector: 256 KiB in float64, a cache's worth

    def __init__(self, layers):
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
        self._flat = self._views = self._theta = None
        self._flat_parameters()  # from now on the layers' arrays are views of one vector: see below

    @property
    def n_in(self):
        return self.layers[0].n_in

    @property
    def n_out(self):
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
            A = layer.forward(A)
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

        The layers' ``W`` and ``b`` are copied into one flat vector ``theta``, their ``dW`` and ``db`` into
        ``grad``, and the layers' arrays become views of these (same numbers and shapes; :meth:`parameters`
        and ``layer.W`` work as before). SGD and Adam act element by element, so one update of ``theta`` is
        the same, to the last bit, as one update per array, but takes a dozen NumPy calls instead of a dozen
        per array: for a small network that is much of a training step. A large ``theta`` is handed out in
        blocks of ``_BLOCK`` numbers, so that Adam's dozen passes over a block run in the CPU cache rather
        than in main memory. The vectors are built again if a layer's array has been replaced; layers of
        different float types keep their own arrays.
        """
        slots = [(layer, name) for layer in self.layers for name in ("W", "b") if getattr(layer, name) is not None]
        current = [(getattr(layer, name), getattr(layer, "d" + name)) for layer, name in slots]
        if self._views is not None and all(p is p_view and g is g_view and p.base is self._theta
                                           for (p, g), (p_view, g_view) in zip(current, self._views)):
            return self._flat  # the layers still use the vectors' views (not, e.g., after a deepcopy)
        if len({layer.dtype for layer in self.layers}) > 1:
            return list(self.parameters())  # one vector holds one float type
        theta = np.concatenate([p.ravel() for p, _ in current])
        grad = np.concatenate([g.ravel() for _, g in current])
        self._theta, self._views, start = theta, [], 0
        for (layer, name), (p, _) in zip(slots, current):
            stop = start + p.size
            p_view, g_view = theta[start:stop].reshape(p.shape), grad[start:stop].reshape(p.shape)
            setattr(layer, name, p_view)
            setattr(layer, "d" + name, g_view)
            self._views.append((p_view, g_view))
            start = stop
        self._flat = [(f"parameters[{i}:{i + self._BLOCK}]", theta[i:i + self._BLOCK], grad[i:i + self._BLOCK])
                      for i in range(0, theta.size, self._BLOCK)]
        return self._flat

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
    seed : int or None
        Seed of the generator that initialises every layer.
    dtype : {numpy.float64, numpy.float32}

    Returns
    -------
    Network
    """
    sizes = list(sizes) if not isinstance(sizes, (str, bytes)) else sizes
    if not isinstance(sizes, list) or len(sizes) < 2:
        raise ValueError(f"sizes must list at least an input and an output size, got {sizes!r}")
    sizes = [check_positive_int(n, f"sizes[{i}]") for i, n in enumerate(sizes)]
    hidden_act, output_act = activations.get(hidden), activations.get(output)
    if init is None:
        init = "he" if hidden_act.name in ("relu", "leaky_relu") else "xavier"
    rng = np.random.default_rng(seed)
    last = len(sizes) - 2
    return Network([Dense(n_in, n_out, hidden_act if i < last else output_act, init=init, rng=rng, dtype=dtype)
                    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]))])

