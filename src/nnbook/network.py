"""A network is a list of layers applied one after the other:
:math:`a^{(0)} = x`, :math:`a^{(l)} = f^{(l)}(W^{(l)} a^{(l-1)} + b^{(l)})` for :math:`l = 1, \\dots, L`."""

from itertools import pairwise

import numpy as np

from . import activations
from ._checks import check_bool, check_matrix, check_protocol, check_sizes, make_rng
from .layers import Dense

__all__ = ["Network", "mlp"]

_LAYER_METHODS = ("forward", "backward", "parameters")


class Network:
    """A feed-forward network: layers in order, the output of one the input of the next.

    Parameters
    ----------
    layers : list of layers
        :class:`~nnbook.layers.Dense`, :class:`~nnbook.layers.Dropout`, or any object with the methods of
        :class:`~nnbook.layers.Layer` (``forward``, ``backward``, ``parameters``). Where consecutive layers
        declare their sizes, they must fit: ``n_out`` of one is ``n_in`` of the next.
    """

    def __init__(self, layers):
        if isinstance(layers, str) or not hasattr(layers, "__iter__"):
            hint = " (a single layer goes in a list: Network([layer]))" if hasattr(layers, "forward") else ""
            raise TypeError(f"layers must be a list of layers, got {type(layers).__name__}{hint}")
        layers = list(layers)
        if not layers:
            raise ValueError("layers must contain at least one layer, got an empty list")
        for i, layer in enumerate(layers):
            check_protocol(
                layer, f"layers[{i}]", "a layer with forward, backward and parameters methods", methods=_LAYER_METHODS
            )
        sized = [(i, layer) for i, layer in enumerate(layers) if hasattr(layer, "n_in")]
        for (i, a), (j, b) in pairwise(sized):
            if a.n_out != b.n_in:
                raise ValueError(f"layers[{i}] has n_out={a.n_out} but layers[{j}] has n_in={b.n_in}; they must match")
        if not sized:
            raise ValueError("layers must include at least one layer with sizes (n_in, n_out), e.g. a Dense layer")
        self.layers = layers
        self._input_shapes = None  # the shape each layer received in the last forward pass

    @property
    def n_in(self):
        """Number of inputs :math:`n_0`, the features of a sample: ``n_in`` of the first sized layer."""
        return next(layer.n_in for layer in self.layers if hasattr(layer, "n_in"))

    @property
    def n_out(self):
        """Number of outputs :math:`n_L`: ``n_out`` of the last sized layer."""
        return next(layer.n_out for layer in reversed(self.layers) if hasattr(layer, "n_out"))

    @property
    def dtype(self):
        """The float type inputs are converted to, that of the first layer that has one (float64 otherwise)."""
        return next((layer.dtype for layer in self.layers if hasattr(layer, "dtype")), np.dtype(np.float64))

    def forward(self, X):
        """Run a batch through every layer, each keeping what :meth:`backward` needs.

        .. math:: A^{(0)} = X, \\qquad A^{(l)} = f^{(l)}\\bigl(A^{(l-1)} W^{(l)\\top} + b^{(l)}\\bigr)

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_in)

        Returns
        -------
        ndarray of shape (n_samples, n_out)
            The output :math:`A^{(L)}` of the last layer.
        """
        A = check_matrix(X, "X", n_cols=self.n_in, what="this network expects n_in", dtype=self.dtype, finite=True)
        self._input_shapes = []
        for layer in self.layers:
            self._input_shapes.append(A.shape)
            A = layer.forward(A)
        return A

    def predict(self, X):
        """The network's output for ``X`` in evaluation mode (dropout off); shape (n_samples, n_out).

        The mode the network was in is restored afterwards.
        """
        was_training = [getattr(layer, "training", True) for layer in self.layers]
        self.train(False)
        try:
            return self.forward(X)
        finally:
            for layer, mode in zip(self.layers, was_training, strict=True):
                layer.training = mode

    def backward(self, dA):
        """Backpropagate the gradient of the loss with respect to the output through every layer, last first.

        Each layer sets the gradients of its parameters (``dW``, ``db``) and returns the gradient for the
        layer before it.

        Parameters
        ----------
        dA : ndarray of shape (n_samples, n_out)
            :math:`\\partial\\mathcal{L}/\\partial A^{(L)}`, e.g. from a loss's ``gradient``.

        Returns
        -------
        ndarray of shape (n_samples, n_in)
            :math:`\\partial\\mathcal{L}/\\partial X`, the gradient with respect to the input.
        """
        shapes = self._input_shapes
        if shapes is None:
            raise ValueError("backward() was called before forward(): the network has no stored input")
        for i in reversed(range(len(self.layers))):
            dA = self.layers[i].backward(dA)
            if np.shape(dA) != shapes[i]:  # a layer of one's own that returns the wrong gradient
                raise ValueError(
                    f"layers[{i}].backward must return the gradient with respect to its input, of "
                    f"shape {shapes[i]}, got {type(dA).__name__} of shape {np.shape(dA)}"
                )
        return dA

    def parameters(self):
        """Yield ``(name, parameter, gradient)`` for every parameter, e.g. ``("layers[0].W", W, dW)``.

        The arrays are the layers' own, read afresh at each call: an optimiser that updates them in place
        updates the network, and a gradient set by the last :meth:`backward` is the one yielded.
        """
        for i, layer in enumerate(self.layers):
            for name, p, g in layer.parameters():
                yield f"layers[{i}].{name}", p, g

    def train(self, mode=True):
        """Put every layer in training mode (``mode=True``, dropout on) or evaluation mode; returns the network."""
        mode = check_bool(mode, "mode")
        for layer in self.layers:
            layer.training = mode
        return self

    def eval(self):
        """Put every layer in evaluation mode (same as ``train(False)``); returns the network."""
        return self.train(False)

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
    return Network(
        [
            Dense(n_in, n_out, hidden_act if i < last else output_act, init=init, rng=rng, dtype=dtype)
            for i, (n_in, n_out) in enumerate(pairwise(sizes))
        ]
    )


def check_network(model, name="model"):
    """Raise TypeError unless ``model`` is a :class:`Network` (what training and gradient checks need)."""
    if not isinstance(model, Network):
        raise TypeError(f"{name} must be a Network, e.g. nn.mlp([2, 8, 1]), got {type(model).__name__}")
    return model
