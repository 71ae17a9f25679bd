"""A reader's own layer, loss and optimiser, written from the API page, train under fit; one that breaks the
contract gets an error that says what is wrong, never a model that silently does not learn."""

import numpy as np
import pytest

import nnbook as nn


def _moons():
    return nn.datasets.moons(80, noise=0.1, seed=0)


class TextbookDense(nn.Dense):
    """Chapter 4's four lines, assigning new arrays to dW and db."""

    def backward(self, dA):
        delta = self.activation.derivative(self.Z) * dA
        self.dW = delta.T @ self.A_prev
        self.db = delta.sum(axis=0)
        return delta @ self.W


class Scale(nn.Layer):
    """A layer from scratch: multiplies each feature by a learned factor, a = s * x."""

    def __init__(self, n):
        self.s, self.ds = np.ones(n), None

    def forward(self, A):
        self.A_prev = A
        return A * self.s

    def backward(self, dA):
        self.ds = (dA * self.A_prev).sum(axis=0)
        return dA * self.s

    def parameters(self):
        yield "s", self.s, self.ds


class MeanAbsoluteError(nn.losses.Loss):
    name = "mae"

    def value_and_gradient(self, y_pred, y):
        y = np.reshape(y, y_pred.shape)
        return float(np.mean(np.abs(y_pred - y))), np.sign(y_pred - y) / y_pred.size


class Nesterov(nn.optim.Optimizer):
    def __init__(self, lr=0.1, momentum=0.9):
        super().__init__(lr)
        self.momentum = momentum

    def update(self, param, grad, state):
        v_old = state.get("v", 0.0)
        state["v"] = v = self.momentum * v_old - self.lr * grad
        param += -self.momentum * v_old + (1 + self.momentum) * v


class PlainGD(nn.optim.Optimizer):
    def update(self, param, grad, state):
        param -= self.lr * grad


def test_a_textbook_dense_subclass_trains_like_dense():
    X, y = _moons()
    ours = nn.Network([TextbookDense(2, 8, "tanh", rng=1), TextbookDense(8, 2, rng=2)])
    theirs = nn.Network([nn.Dense(2, 8, "tanh", rng=1), nn.Dense(8, 2, rng=2)])
    W_before = ours.layers[0].W.copy()
    h_ours = nn.fit(ours, X, y, loss="softmax_cross_entropy", optimizer=nn.SGD(0.5), epochs=30)
    h_theirs = nn.fit(theirs, X, y, loss="softmax_cross_entropy", optimizer=nn.SGD(0.5), epochs=30)
    assert h_ours.loss[-1] < 0.5 * h_ours.loss[0]
    assert not np.array_equal(ours.layers[0].W, W_before)
    np.testing.assert_allclose(h_ours.loss, h_theirs.loss, rtol=1e-12)


def test_a_layer_written_from_scratch_trains_and_gradchecks():
    X, y = _moons()
    model = nn.Network([Scale(2), nn.Dense(2, 8, "tanh", rng=1), nn.Dense(8, 2, rng=2)])
    assert nn.gradcheck(model, X[:5], y[:5], "softmax_cross_entropy").max_relative_error < 1e-7
    history = nn.fit(model, X, y, loss="softmax_cross_entropy", optimizer=nn.SGD(0.5), epochs=30)
    assert history.loss[-1] < history.loss[0]
    assert not np.array_equal(model.layers[0].s, np.ones(2))


def test_a_loss_of_ones_own_trains_and_gradchecks():
    X, y = nn.datasets.linear()
    X = X[:, None]
    model = nn.Network([nn.Dense(1, 1, rng=0)])
    assert nn.gradcheck(model, X[:7], y[:7], MeanAbsoluteError()).max_relative_error < 1e-7
    history = nn.fit(model, X, y, loss=MeanAbsoluteError(), optimizer=nn.SGD(0.1), epochs=100)
    assert history.loss[-1] < 0.5 * history.loss[0]
    assert history.accuracy == []  # a loss without accuracy() is a regression loss


@pytest.mark.parametrize("make", [lambda: PlainGD(0.5), lambda: Nesterov(0.1)], ids=["plain", "nesterov"])
def test_an_optimiser_of_ones_own_trains(make):
    X, y = _moons()
    model = nn.mlp([2, 8, 2], hidden="tanh", seed=0)
    W_before = model.layers[0].W.copy()
    history = nn.fit(model, X, y, loss="softmax_cross_entropy", optimizer=make(), epochs=30)
    assert history.loss[-1] < 0.5 * history.loss[0]
    assert not np.array_equal(model.layers[0].W, W_before)


def test_plain_gd_of_ones_own_equals_sgd_exactly():
    X, y = _moons()
    runs = [
        nn.fit(nn.mlp([2, 8, 2], seed=0), X, y, loss="softmax_cross_entropy", optimizer=opt, epochs=5).loss
        for opt in (PlainGD(0.3), nn.SGD(0.3))
    ]
    assert runs[0] == runs[1]


def test_the_optimiser_state_is_a_dict_per_parameter_kept_between_steps():
    seen = []

    class Counting(nn.optim.Optimizer):
        def update(self, param, grad, state):
            state["t"] = state.get("t", 0) + 1
            seen.append(state["t"])
            param -= self.lr * grad

    X, y = _moons()
    opt = Counting(0.1)
    nn.fit(nn.mlp([2, 3, 2], seed=0), X, y, loss="softmax_cross_entropy", optimizer=opt, epochs=3)
    assert sorted(opt.state) == [f"layers[{i}].{p}" for i in range(2) for p in "Wb"]
    assert seen == [t for t in (1, 2, 3) for _ in range(4)]
    nn.fit(nn.mlp([2, 3, 2], seed=1), X, y, loss="softmax_cross_entropy", optimizer=opt, epochs=1)
    assert seen[-4:] == [1, 1, 1, 1]  # a new model's arrays start afresh


# --- a broken contract is reported ----------------------------------------------------------------


class WrongShapeDense(nn.Dense):
    def backward(self, dA):
        super().backward(dA)
        return dA  # the gradient for the *output*, not the input


class ForgetfulDense(nn.Dense):
    def backward(self, dA):
        return dA @ self.W  # sets no gradient


class TransposedDense(nn.Dense):
    def backward(self, dA):
        delta = self.activation.backward(self.Z, dA)
        self.dW, self.db = self.A_prev.T @ delta, delta.sum(axis=0)  # shape (n_in, n_out): transposed
        return delta @ self.W


class Rebinding(nn.optim.Optimizer):
    def update(self, param, grad, state):
        param = param - self.lr * grad  # noqa: F841 (the classic mistake: a new array, the model untouched)


class Returning(nn.optim.Optimizer):
    def update(self, param, grad, state):
        return param - self.lr * grad


@pytest.mark.parametrize(
    "layer, match",
    [
        (
            WrongShapeDense(3, 2, rng=0),
            r"layers\[1\].backward must return the gradient with respect to its input, "
            r"of shape \(80, 3\), got ndarray of shape \(80, 2\)",
        ),
        (ForgetfulDense(3, 2, rng=0), r"the gradient of layers\[1\].W is None"),
        (
            TransposedDense(3, 2, rng=0),
            r"the gradient of layers\[1\].W must have the parameter's shape \(2, 3\), "
            r"got \(3, 2\)",
        ),
    ],
)
def test_a_layer_that_breaks_the_contract_is_named(layer, match):
    X, y = _moons()
    model = nn.Network([nn.Dense(2, 3, "tanh", rng=0), layer])
    with pytest.raises(ValueError, match=match):
        nn.fit(model, X, y, loss="softmax_cross_entropy", epochs=2)


def test_a_layer_without_the_methods_is_refused():
    with pytest.raises(TypeError, match=r"layers\[0\] must be a layer .* got object without forward, backward"):
        nn.Network([object()])


@pytest.mark.parametrize(
    "optimizer, error, match",
    [
        (Rebinding(0.1), ValueError, r"Rebinding.update did not change layers\[0\].W .* in place"),
        (Returning(0.1), TypeError, r"Returning.update must change param in place and return None, got ndarray"),
    ],
)
def test_an_optimiser_that_does_not_update_in_place_is_caught(optimizer, error, match):
    X, y = _moons()
    with pytest.raises(error, match=match):
        nn.fit(nn.mlp([2, 3, 2], seed=0), X, y, loss="softmax_cross_entropy", optimizer=optimizer, epochs=2)


def test_a_loss_without_its_formula_says_so():
    class Unfinished(nn.losses.Loss):
        pass

    X, y = _moons()
    with pytest.raises(NotImplementedError, match=r"Unfinished must define value_and_gradient\(y_pred, y\)"):
        nn.fit(nn.mlp([2, 3, 2], seed=0), X, y, loss=Unfinished(), epochs=1)
