"""Optimisers: how a gradient becomes a step,
:math:`\\theta \\leftarrow \\theta - \\eta\\,\\partial\\mathcal{L}/\\partial\\theta`.

An optimiser's :meth:`Optimizer.step` takes the ``(name, parameter, gradient)`` triples of
:meth:`nnbook.network.Network.parameters` and calls :meth:`Optimizer.update` on each, which changes the
parameter in place. An optimiser of your own subclasses :class:`Optimizer` and writes ``update`` alone.
"""

import numpy as np

from ._checks import check_positive_float, check_unit_interval, lookup

__all__ = ["Optimizer", "SGD", "Adam", "AdamW", "get", "names"]


class Optimizer:
    """Base class: turns gradients into steps, and keeps a ``state`` dict per parameter between steps.

    Parameters
    ----------
    lr : float
        The learning rate :math:`\\eta > 0`.

    Attributes
    ----------
    state : dict of str to dict
        What the optimiser remembers about each parameter, by the parameter's name (a velocity, moments, a
        step count). A parameter the optimiser has not seen, such as another model's under the same name or
        an array the user put in its place, starts with an empty dict.
    """

    def __init__(self, lr):
        self.lr = check_positive_float(lr, "lr")
        self.state = {}
        self._param_of = {}  # name -> the array whose state is state[name]

    def step(self, parameters):
        """Update every parameter in place from its gradient.

        Parameters
        ----------
        parameters : iterable of (str, ndarray, ndarray)
            ``(name, parameter, gradient)``, e.g. ``model.parameters()`` after ``model.backward``.
        """
        for name, param, grad in parameters:
            _check_gradient(name, param, grad)
            if self._param_of.get(name) is not param:
                self._param_of[name], self.state[name] = param, {}
                self._first_update(name, param, grad)
            else:
                self.update(param, grad, self.state[name])

    def update(self, param, grad, state):
        """Change ``param`` in place (``param -= ...``) using its gradient ``grad`` (same shape).

        ``state`` is this parameter's dict, empty at the first step and kept between steps: store in it what
        the rule remembers (``state["v"] = ...``). Returns nothing.
        """
        raise NotImplementedError(f"{type(self).__name__} must define update(param, grad, state)")

    def _first_update(self, name, param, grad):
        # The first step on an array also checks the contract, once: `param = param - lr * grad` inside update
        # would leave the model untrained without a word.
        before = param.copy()
        returned = self.update(param, grad, self.state[name])
        if returned is not None:
            raise TypeError(
                f"{type(self).__name__}.update must change param in place and return None, "
                f"got {type(returned).__name__} back (write `param -= ...`, not `return ...`)"
            )
        if np.any(grad) and np.array_equal(before, param):
            raise ValueError(
                f"{type(self).__name__}.update did not change {name} although its gradient is not "
                f"zero: change the array in place (`param -= lr * grad`), not a new array "
                f"(`param = param - lr * grad` only renames it)"
            )


def _check_gradient(name, param, grad):
    # A layer of one's own whose backward forgot a gradient, or set it with the wrong shape.
    if grad is None:
        raise ValueError(
            f"the gradient of {name} is None: call backward() before step(), and make sure the layer's backward sets it"
        )
    if np.shape(grad) != np.shape(param):
        raise ValueError(
            f"the gradient of {name} must have the parameter's shape {np.shape(param)}, got {np.shape(grad)}"
        )


class SGD(Optimizer):
    """(Stochastic) gradient descent, optionally with momentum and L2 regularisation.

    .. math::
        v \\leftarrow \\mu v - \\eta\\, g, \\qquad \\theta \\leftarrow \\theta + v

    With :math:`\\mu = 0` this is plain gradient descent :math:`\\theta \\leftarrow \\theta - \\eta g`.

    Parameters
    ----------
    lr : float, default 0.01
        Learning rate :math:`\\eta > 0` (the default is :func:`~nnbook.training.fit`'s).
    momentum : float, default 0.0
        :math:`\\mu \\in [0, 1)`: how much of the previous step is kept.
    weight_decay : float, default 0.0
        :math:`\\lambda \\ge 0`: adds :math:`\\lambda\\theta` to the gradient, the gradient of the L2 penalty
        :math:`\\frac{\\lambda}{2}\\|\\theta\\|^2`, for every parameter it updates.
    """

    def __init__(self, lr=0.01, momentum=0.0, weight_decay=0.0):
        super().__init__(lr)
        self.momentum = check_unit_interval(momentum, "momentum")
        self.weight_decay = check_positive_float(weight_decay, "weight_decay", allow_zero=True)

    def update(self, param, grad, state):
        if self.weight_decay:
            grad = grad + self.weight_decay * param
        if self.momentum == 0:
            param -= self.lr * grad
            return
        v = state.get("v", 0.0)
        state["v"] = v = self.momentum * v - self.lr * grad
        param += v

    def __repr__(self):
        return f"SGD(lr={self.lr}, momentum={self.momentum}, weight_decay={self.weight_decay})"


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015): a moving average of the gradient and of its square, with bias correction.

    .. math::
        m \\leftarrow \\beta_1 m + (1-\\beta_1) g, \\quad
        s \\leftarrow \\beta_2 s + (1-\\beta_2) g^2, \\quad
        \\theta \\leftarrow \\theta - \\eta \\frac{m / (1-\\beta_1^t)}{\\sqrt{s / (1-\\beta_2^t)} + \\varepsilon}

    where :math:`t` counts the steps taken on each parameter.

    Parameters
    ----------
    lr : float, default 1e-3
    beta1, beta2 : float, default 0.9, 0.999
        Decay rates in [0, 1).
    eps : float, default 1e-8
        :math:`\\varepsilon`, which keeps the division finite where :math:`s` is 0.
    weight_decay : float, default 0.0
        :math:`\\lambda \\ge 0`: L2 regularisation, :math:`\\lambda\\theta` added to the gradient *before* the
        moments (so it is scaled like the gradient). :class:`AdamW` decays the weights directly instead.
    """

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
        super().__init__(lr)
        self.beta1 = check_unit_interval(beta1, "beta1")
        self.beta2 = check_unit_interval(beta2, "beta2")
        self.eps = check_positive_float(eps, "eps")
        self.weight_decay = check_positive_float(weight_decay, "weight_decay", allow_zero=True)

    def update(self, param, grad, state):
        if self.weight_decay:
            grad = grad + self.weight_decay * param
        self.adam_step(param, grad, state)

    def adam_step(self, param, grad, state):
        """The Adam step itself, one line per moment (as scikit-learn writes it)."""
        t = state["t"] = state.get("t", 0) + 1
        m = state["m"] = self.beta1 * state.get("m", 0.0) + (1 - self.beta1) * grad
        s = state["s"] = self.beta2 * state.get("s", 0.0) + (1 - self.beta2) * grad**2
        # The bias corrections m / (1 - beta1^t) and s / (1 - beta2^t) folded into two numbers: the same step,
        # two passes over the arrays fewer.
        lr_t = self.lr * np.sqrt(1 - self.beta2**t) / (1 - self.beta1**t)
        eps_t = self.eps * np.sqrt(1 - self.beta2**t)
        param -= lr_t * m / (np.sqrt(s) + eps_t)

    def __repr__(self):
        return (
            f"{type(self).__name__}(lr={self.lr}, beta1={self.beta1}, beta2={self.beta2}, eps={self.eps}, "
            f"weight_decay={self.weight_decay})"
        )


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter, 2019): the weights shrink by :math:`\\eta\\lambda\\theta`
    at every step, outside Adam's per-coordinate scaling.

    .. math:: \\theta \\leftarrow \\theta - \\eta\\lambda\\theta, \\quad \\text{then an Adam step}

    With L2 regularisation in Adam (``Adam(weight_decay=...)``) the penalty's gradient is divided by
    :math:`\\sqrt{s}` like the rest, so weights with large gradients are hardly decayed; AdamW decays every
    weight at the same rate. Parameters as :class:`Adam`, with ``weight_decay`` defaulting to 0.01.
    """

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1, beta2, eps, weight_decay)

    def update(self, param, grad, state):
        param -= self.lr * self.weight_decay * param
        self.adam_step(param, grad, state)


_REGISTRY = {"sgd": SGD, "adam": Adam, "adamw": AdamW}


def names():
    """Return the registered optimiser names, sorted."""
    return sorted(_REGISTRY)


def get(optimizer, **kwargs):
    """Return an optimiser: an :class:`Optimizer` passes through, a name builds one with ``kwargs``.

    Parameters
    ----------
    optimizer : str or Optimizer
        ``"sgd"``, ``"adam"`` or ``"adamw"``, or an instance.

    Returns
    -------
    Optimizer
    """
    found = lookup(optimizer, _REGISTRY, "optimizer", Optimizer)
    return found if isinstance(found, Optimizer) else found(**kwargs)
