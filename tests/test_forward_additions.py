"""Chapter 3's worked example: the numbers a reader computes on paper are the numbers the package computes."""

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


def test_worked_example_shapes_and_weights():
    x, y, model = nn.datasets.worked_example()
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
    x, y, model = nn.datasets.worked_example()
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
    _, _, first = nn.datasets.worked_example()
    first.layers[0].W[:] = 0.0
    _, _, second = nn.datasets.worked_example()
    np.testing.assert_array_equal(second.layers[0].W, [[0.1, 0.2], [0.3, 0.4]])
