"""Chapters 3 and 4's worked example: the numbers a reader computes on paper, forward and backward, are the
numbers the package computes."""

import numpy as np
import pytest

import nnbook as nn

# The working, as in chapter 3 (sigma(z) = 1 / (1 + e^-z)):
#   z1 = W1 x + b1 = (0.1*1 + 0.2*2 + 0.1, 0.3*1 + 0.4*2 - 0.1) = (0.6, 1.0)
#   a1 = sigma(z1):  e^-0.6 = 0.5488116361 -> 1 / 1.5488116361 = 0.6456563062
#                    e^-1.0 = 0.3678794412 -> 1 / 1.3678794412 = 0.7310585786
#   z2 = 0.5 * 0.6456563062 + 0.6 * 0.7310585786 - 0.5 = 0.3228281531 + 0.4386351472 - 0.5 = 0.2614633003
#   a2 = sigma(z2):  e^-0.2614633003 = 0.7699241309 -> 1 / 1.7699241309 = 0.5649959693
#   loss = (a2 - y)^2 = (0.5649959693 - 1)^2 = 0.4350040307^2 = 0.1892285067
Z1 = [0.6, 1.0]
A1 = [0.6456563062, 0.7310585786]
Z2 = 0.2614633003
A2 = 0.5649959693
LOSS = 0.1892285067

# Backward, as in chapter 4 (mean squared error over N = 1 output, sigma'(z) = sigma(z) (1 - sigma(z))):
#   dL/da2  = 2 (a2 - y) = 2 * (0.5649959693 - 1) = -0.8700080614
#   delta2  = dL/da2 * a2 (1 - a2) = -0.8700080614 * (0.5649959693 * 0.4350040307)
#           = -0.8700080614 * 0.2457755240 = -0.2138266871
#   dW2     = delta2 a1^T = (-0.2138266871 * 0.6456563062, -0.2138266871 * 0.7310585786)
#           = (-0.1380585490, -0.1563198340);   db2 = delta2 = -0.2138266871
#   dA1     = W2^T delta2 = (0.5 * -0.2138266871, 0.6 * -0.2138266871) = (-0.1069133436, -0.1282960123)
#   sigma'(z1) = a1 (1 - a1) = (0.6456563062 * 0.3543436938, 0.7310585786 * 0.2689414214)
#              = (0.2287842405, 0.1966119332)
#   delta1  = dA1 * sigma'(z1) = (-0.1069133436 * 0.2287842405, -0.1282960123 * 0.1966119332)
#           = (-0.0244600881, -0.0252245270)
#   dW1     = delta1 x^T = [[-0.0244600881 * 1, -0.0244600881 * 2], [-0.0252245270 * 1, -0.0252245270 * 2]]
#           = [[-0.0244600881, -0.0489201762], [-0.0252245270, -0.0504490540]];   db1 = delta1
DELTA2 = -0.2138266871
DW2 = [-0.1380585490, -0.1563198340]
DELTA1 = [-0.0244600881, -0.0252245270]
DW1 = [[-0.0244600881, -0.0489201762], [-0.0252245270, -0.0504490540]]


def test_worked_example_shapes_and_weights():
    x, y, model = nn.examples.worked_example()
    assert x.shape == (1, 2) and y.shape == (1, 1)
    np.testing.assert_array_equal(x, [[1.0, 2.0]])
    np.testing.assert_array_equal(y, [[1.0]])
    hidden, output = model.layers
    assert [layer.activation.name for layer in model.layers] == ["sigmoid", "sigmoid"]
    np.testing.assert_array_equal(hidden.W, [[0.1, 0.2], [0.3, 0.4]])
    np.testing.assert_array_equal(hidden.b, [0.1, -0.1])
    np.testing.assert_array_equal(output.W, [[0.5, 0.6]])
    np.testing.assert_array_equal(output.b, [-0.5])
    assert model.n_parameters() == 9


def test_worked_example_forward_matches_the_hand_computation():
    x, y, model = nn.examples.worked_example()
    hidden, output = model.layers
    z1 = x @ hidden.W.T + hidden.b
    a1 = hidden.forward(x)
    np.testing.assert_allclose(z1, [Z1], atol=1e-10)
    np.testing.assert_allclose(a1, [A1], atol=1e-10)
    z2 = a1 @ output.W.T + output.b
    a2 = output.forward(a1)
    np.testing.assert_allclose(z2, [[Z2]], atol=1e-10)
    np.testing.assert_allclose(a2, [[A2]], atol=1e-10)
    np.testing.assert_allclose(model.forward(x), [[A2]], atol=1e-10)
    assert nn.losses.mse(a2, y) == pytest.approx(LOSS, abs=1e-10)


def test_worked_example_returns_a_fresh_network_each_call():
    _, _, first = nn.examples.worked_example()
    first.layers[0].W[:] = 0.0
    _, _, second = nn.examples.worked_example()
    np.testing.assert_array_equal(second.layers[0].W, [[0.1, 0.2], [0.3, 0.4]])


def test_worked_example_backward_matches_the_hand_computation():
    x, y, model = nn.examples.worked_example()
    model.backward(nn.losses.mse.gradient(model.forward(x), y))
    hidden, output = model.layers
    np.testing.assert_allclose(output.dW, [DW2], atol=1e-10)
    np.testing.assert_allclose(output.db, [DELTA2], atol=1e-10)
    np.testing.assert_allclose(hidden.dW, DW1, atol=1e-10)
    np.testing.assert_allclose(hidden.db, DELTA1, atol=1e-10)
