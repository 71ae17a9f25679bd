"""The book's worked example: a network small enough to run forward and backward on paper.

Chapter 3 computes its forward pass by hand and chapter 4 its gradients; the numbers in the docstring below
are the ones the chapters derive, and ``tests/test_worked_example.py`` holds the package to them.
"""

import numpy as np

from .layers import Dense
from .network import Network

__all__ = ["worked_example"]


def worked_example():
    """The 2-2-1 network of chapters 3 and 4, small enough to run forward and backward on paper.

    Two inputs, two sigmoid hidden units, one sigmoid output unit, with the weights

    .. math::
        x = \\begin{pmatrix} 1 & 2 \\end{pmatrix}, \\quad
        W^{(1)} = \\begin{pmatrix} 0.1 & 0.2 \\\\ 0.3 & 0.4 \\end{pmatrix}, \\quad
        b^{(1)} = \\begin{pmatrix} 0.1 \\\\ -0.1 \\end{pmatrix}, \\quad
        W^{(2)} = \\begin{pmatrix} 0.5 & 0.6 \\end{pmatrix}, \\quad
        b^{(2)} = -0.5, \\quad y = 1 .

    The forward pass gives, to 4 decimals,
    :math:`z^{(1)} = (0.6, 1.0)`, :math:`a^{(1)} = \\sigma(z^{(1)}) = (0.6457, 0.7311)`,
    :math:`z^{(2)} = 0.2615`, :math:`a^{(2)} = \\hat y = 0.5650`, and the squared error
    :math:`(\\hat y - y)^2 = 0.1892`. Backpropagating that error gives
    :math:`\\delta^{(2)} = 2(\\hat y - y)\\,\\hat y(1 - \\hat y) = -0.2138`,
    :math:`\\partial\\mathcal{L}/\\partial W^{(2)} = \\delta^{(2)} a^{(1)\\top} = (-0.1381, -0.1563)`,
    :math:`\\delta^{(1)} = W^{(2)\\top}\\delta^{(2)} \\odot a^{(1)}(1 - a^{(1)}) = (-0.0245, -0.0252)` and
    :math:`\\partial\\mathcal{L}/\\partial W^{(1)} = \\delta^{(1)} x`.

    Returns
    -------
    x : ndarray of shape (1, 2)
        One sample (rows are samples).
    y : ndarray of shape (1, 1)
        Its target.
    model : Network
        A fresh ``Network([Dense(2, 2, "sigmoid"), Dense(2, 1, "sigmoid")])`` holding the weights above;
        each call builds a new one, so training it changes nothing for the next caller.
    """
    hidden = Dense(2, 2, "sigmoid", init="zeros")
    hidden.W[:] = [[0.1, 0.2], [0.3, 0.4]]
    hidden.b[:] = [0.1, -0.1]
    output = Dense(2, 1, "sigmoid", init="zeros")
    output.W[:] = [[0.5, 0.6]]
    output.b[:] = [-0.5]
    return np.array([[1.0, 2.0]]), np.array([[1.0]]), Network([hidden, output])
