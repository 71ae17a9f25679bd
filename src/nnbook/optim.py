"""Optimisers: how a gradient becomes a step, :math:`\\theta \\leftarrow \\theta - \\eta\\,\\partial\\mathcal{L}/\\partial\\theta`.

An optimiser's :meth:`Optimizer.step` takes the ``(name, parameter, gradient)`` triples of
:meth:`nnbook.network.Network.parameters` and updates every parameter in place.
"""

import math

import numpy as np

from ._checks import check_positive_float, lookup

__all__ = ["Optimizer", "SGD", "Adam", "get", "names"]


class Optimizer:
    """Base class: turns gradients into steps, and keeps what it needs about each parameter between steps.

    ``state`` maps a parameter's name to what the optimiser remembers about it. SGD with momentum and Adam
    keep the parameter array itself in it, so that a different array under the same name (another model's,
    or one the user put in its place) starts from fresh state rather than inheriting another's.
    """

    def __init__(self, lr):
        self.lr = check_positive_float(lr, "lr")
        self.state = {}

    def step(self, parameters):
        """Update every parameter in place from its gradient.

        Parameters
        ----------
        parameters : iterable of (str, ndarray, ndarray)
            ``(name, parameter, gradient)``, e.g. ``model.parameters()``.
        """
        for name, p, g in parameters:
            self._update(name, p, g)

    def _update(self, name, p, g):
        raise NotImplementedError

    def _state(self, name, p, n_buffers):
        # The state of parameter `name`, fresh (t = 0, buffers of zeros) unless it was made for this very array.
        state = self.state.get(name)
        if state is None or state.parameter is not p:
            state = self.state[name] = _ParameterState(p, n_buffers)
        return state


class _ParameterState:
    """What an optimiser remembers about one parameter array: the array, the number of steps ``t`` taken on
    it, and ``buffers`` of its shape (velocity, moments, scratch space), allocated once and zero at first."""

    def __init__(self, parameter, n_buffers):
        self.parameter, self.t = parameter, 0
        self.buffers = [np.zeros_like(parameter) for _ in range(n_buffers)]


class SGD(Optimizer):
    """(Stochastic) gradient descent, optionally with momentum.

    .. math::
        v \\leftarrow \\mu v - \\eta\\, g, \\qquad \\theta \\leftarrow \\theta + v

    With :math:`\\mu = 0` this is plain gradient descent :math:`\\theta \\leftarrow \\theta - \\eta g`.

    Parameters
    ----------
    lr : float, default 0.01
        Learning rate :math:`\\eta > 0` (the default is :func:`~nnbook.training.fit`'s).
    momentum : float, default 0.0
        :math:`\\mu \\in [0, 1)`: how much of the previous step is kept.
    """

    def __init__(self, lr=0.01, momentum=0.0):
        super().__init__(lr)
        self.momentum = check_positive_float(momentum, "momentum", allow_zero=True)
        if self.momentum >= 1:
            raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")

    def _update(self, name, p, g):
        if self.momentum == 0:
            p -= self.lr * g
            return
        v, = self._state(name, p, 1).buffers
        v *= self.momentum  # in place: the velocity buffer is allocated once
        v -= self.lr * g
        p += v

    def __repr__(self):
        return f"SGD(lr={self.lr}, momentum={self.momentum})"


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015): momentum on the gradient and on its square, with bias correction.

    .. math::
        m \\leftarrow \\beta_1 m + (1-\\beta_1) g, \\quad
        v \\leftarrow \\beta_2 v + (1-\\beta_2) g^2, \\quad
        \\theta \\leftarrow \\theta - \\eta \\frac{m / (1-\\beta_1^t)}{\\sqrt{v / (1-\\beta_2^t)} + \\epsilon}

    where :math:`t` counts the steps taken on each parameter.

    Parameters
    ----------
    lr : float, default 1e-3
    beta1, beta2 : float, default 0.9, 0.999
        Decay rates in [0, 1).
    eps : float, default 1e-8
    """

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        for name, beta in (("beta1", beta1), ("beta2", beta2)):
            if not (check_positive_float(beta, name, allow_zero=True) < 1):
                raise ValueError(f"{name} must be in [0, 1), got {beta!r}")
        self.beta1, self.beta2 = float(beta1), float(beta2)
        self.eps = check_positive_float(eps, "eps")

    def _update(self, name, p, g):
        state = self._state(name, p, 4)  # m, v and two scratch arrays: every step below writes into them
        state.t += 1
        t = state.t
        # Both bias corrections folded into two scalars: the update below equals m_hat / (sqrt(v_hat) + eps).
        # Python floats (math.sqrt) keep float32 parameters in float32.
        lr_t = self.lr * math.sqrt(1 - self.beta2 ** t) / (1 - self.beta1 ** t)
        eps_t = self.eps * math.sqrt(1 - self.beta2 ** t)
        m, v, step, denom = state.buffers
        m *= self.beta1
        m += np.multiply(g, 1 - self.beta1, out=step)  # m += (1 - beta1) g
        v *= self.beta2
        v += np.multiply(np.square(g, out=step), 1 - self.beta2, out=step)  # v += (1 - beta2) g²
        np.add(np.sqrt(v, out=denom), eps_t, out=denom)
        np.multiply(m, lr_t, out=step)
        p -= np.divide(step, denom, out=step)  # p -= lr_t m / (sqrt(v) + eps_t)

    def __repr__(self):
        return f"Adam(lr={self.lr}, beta1={self.beta1}, beta2={self.beta2}, eps={self.eps})"


_REGISTRY = {"sgd": SGD, "adam": Adam}


def names():
    """Return the registered optimiser names, sorted."""
    return sorted(_REGISTRY)


def get(optimizer, **kwargs):
    """Return an optimiser: an :class:`Optimizer` passes through, a name builds one with ``kwargs``.

    Parameters
    ----------
    optimizer : str or Optimizer
        ``"sgd"`` or ``"adam"``, or an instance.

    Returns
    -------
    Optimizer
    """
    found = lookup(optimizer, _REGISTRY, "optimizer", Optimizer)
    return found if isinstance(found, Optimizer) else found(**kwargs)
