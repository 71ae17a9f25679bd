import numpy as np
import pytest

import nnbook as nn
from finite_differences import numerical_gradient, relative_error


def hand_worked_network():
    """2 inputs -> 2 ReLU units -> 1 identity output, numbers chosen to be exact in binary."""
    hidden = nn.Dense(2, 2, "relu")
    hidden.W[:] = [[0.5, -1.0], [1.0, 0.5]]
    hidden.b[:] = [0.5, -1.0]
    out = nn.Dense(2, 1, "identity")
    out.W[:] = [[2.0, -1.0]]
    out.b[:] = [0.5]
    return nn.Network([hidden, out])


def test_hand_worked_forward_and_backward():
    model = hand_worked_network()
    x, y = np.array([[1.0, 2.0]]), np.array([[1.0]])
    # Forward, by hand:
    #   z1 = W1 x + b1 = [0.5*1 - 1*2 + 0.5, 1*1 + 0.5*2 - 1] = [-1, 1]
    #   a1 = relu(z1) = [0, 1]
    #   z2 = W2 a1 + b2 = 2*0 - 1*1 + 0.5 = -0.5 = y_hat
    #   L  = (y_hat - y)^2 = (-1.5)^2 = 2.25
    y_hat = model.forward(x)
    np.testing.assert_array_equal(model.layers[0].Z, [[-1.0, 1.0]])
    np.testing.assert_array_equal(y_hat, [[-0.5]])
    loss, dA = nn.losses.mse.value_and_gradient(y_hat, y)
    assert loss == 2.25
    # Backward, by hand:
    #   dL/dy_hat = 2 (y_hat - y) = -3;  delta2 = -3 (identity)
    #   dW2 = delta2 a1^T = [[0, -3]],  db2 = [-3]
    #   dA1 = W2^T delta2 = [-6, 3];  delta1 = dA1 * relu'(z1) = [0, 3]
    #   dW1 = delta1 x^T = [[0, 0], [3, 6]],  db1 = [0, 3]
    np.testing.assert_array_equal(dA, [[-3.0]])
    model.backward(dA)
    np.testing.assert_array_equal(model.layers[1].dW, [[0.0, -3.0]])
    np.testing.assert_array_equal(model.layers[1].db, [-3.0])
    np.testing.assert_array_equal(model.layers[0].dW, [[0.0, 0.0], [3.0, 6.0]])
    np.testing.assert_array_equal(model.layers[0].db, [0.0, 3.0])


def test_batch_form_equals_one_sample_at_a_time():
    layer = nn.Dense(3, 4, "tanh", rng=0)
    A = np.random.default_rng(1).normal(size=(5, 3))
    rows = [np.tanh(layer.W @ a + layer.b) for a in A]  # the book's z = W a + b, one column at a time
    np.testing.assert_allclose(layer.forward(A), np.array(rows))


HIDDEN = ["identity", "sigmoid", "tanh", "relu", "leaky_relu"]
LOSSES = {
    "mse": ("identity", lambda rng, n: rng.normal(size=(n, 2))),
    "binary_cross_entropy": ("sigmoid", lambda rng, n: rng.integers(0, 2, size=(n, 2)).astype(float)),
    "categorical_cross_entropy": ("softmax", lambda rng, n: rng.integers(0, 2, size=n)),
    "softmax_cross_entropy": ("identity", lambda rng, n: rng.integers(0, 2, size=n)),
}


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_network_gradients_match_finite_differences(hidden, loss):
    output, make_y = LOSSES[loss]
    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(6, 3)), make_y(rng, 6)
    model = nn.mlp([3, 5, 4, 2], hidden=hidden, output=output, init="xavier", seed=3)
    result = nn.gradcheck(model, X, y, loss)
    assert result.max_relative_error < 1e-7, result
    assert set(result.errors) == {f"layers[{i}].{p}" for i in range(3) for p in "Wb"}


def test_gradcheck_catches_a_wrong_derivative():
    class BrokenSigmoid(nn.activations.Activation):
        name = "broken"

        def __call__(self, z):
            return nn.activations.sigmoid(z)

        def derivative(self, z):
            return nn.activations.sigmoid(z)  # missing the factor (1 - sigmoid)

    rng = np.random.default_rng(0)
    model = nn.Network([nn.Dense(2, 3, BrokenSigmoid(), rng=1), nn.Dense(3, 1, rng=2)])
    result = nn.gradcheck(model, rng.normal(size=(4, 2)), rng.normal(size=(4, 1)), "mse")
    assert result.max_relative_error > 1e-2
    assert result.parameter.startswith("layers[0]")


def test_gradcheck_leaves_the_model_unchanged():
    model = nn.mlp([2, 3, 1], hidden="tanh", seed=0)
    before = [p.copy() for _, p, _ in model.parameters()]
    nn.gradcheck(model, np.ones((2, 2)), np.zeros(2), "mse")
    for b, (_, p, _) in zip(before, model.parameters(), strict=True):
        np.testing.assert_array_equal(b, p)


def test_input_gradient_of_a_layer_matches_finite_differences():
    layer = nn.Dense(3, 2, "sigmoid", rng=4)
    A = np.random.default_rng(5).normal(size=(4, 3))
    G = np.random.default_rng(6).normal(size=(4, 2))
    layer.forward(A)
    dA = layer.backward(G)
    assert relative_error(dA, numerical_gradient(lambda t: np.sum(layer.forward(t) * G), A)) < 1e-7


@pytest.mark.parametrize(
    "init, std",
    [("normal", lambda i, o: 0.01), ("xavier", lambda i, o: np.sqrt(2 / (i + o))), ("he", lambda i, o: np.sqrt(2 / i))],
)
def test_initialisations_have_the_documented_scale(init, std):
    layer = nn.Dense(400, 300, init=init, rng=0)
    assert layer.W.shape == (300, 400) and layer.b.shape == (300,)
    assert layer.W.std() == pytest.approx(std(400, 300), rel=0.02)
    np.testing.assert_array_equal(layer.b, 0)


def test_zeros_init_and_seeds():
    assert not nn.Dense(3, 2, init="zeros").W.any()
    np.testing.assert_array_equal(nn.mlp([3, 4, 2], seed=1).layers[0].W, nn.mlp([3, 4, 2], seed=1).layers[0].W)
    assert not np.array_equal(nn.mlp([3, 4, 2], seed=1).layers[0].W, nn.mlp([3, 4, 2], seed=2).layers[0].W)


def test_mlp_builds_the_requested_architecture():
    model = nn.mlp([4, 8, 6, 3], hidden="tanh", output="softmax", seed=0)
    assert [(l.n_in, l.n_out, l.activation.name) for l in model.layers] == [
        (4, 8, "tanh"),
        (8, 6, "tanh"),
        (6, 3, "softmax"),
    ]
    assert model.n_parameters() == 4 * 8 + 8 + 8 * 6 + 6 + 6 * 3 + 3
    assert model.predict(np.zeros((5, 4))).shape == (5, 3)
    assert nn.mlp([2, 3, 1], seed=0).layers[0].init == "he"


def test_layer_without_bias():
    layer = nn.Dense(2, 1, bias=False, rng=0)
    assert layer.b is None and [name for name, _, _ in layer.parameters()] == ["W"]
    np.testing.assert_array_equal(layer.forward(np.zeros((3, 2))), np.zeros((3, 1)))


def test_float32_network_stays_float32():
    model = nn.mlp([3, 4, 2], seed=0, dtype=np.float32)
    out = model.forward(np.ones((2, 3)))
    assert out.dtype == np.float32
    model.backward(np.ones((2, 2), dtype=np.float32))
    assert all(g.dtype == np.float32 for _, _, g in model.parameters())
