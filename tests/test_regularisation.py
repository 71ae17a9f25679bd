"""Dropout, early stopping, L2 regularisation and decoupled weight decay (chapter 6)."""

import numpy as np
import pytest

import nnbook as nn
from finite_differences import numerical_gradient, relative_error

# --- dropout --------------------------------------------------------------------------------------


def test_dropout_zeroes_a_fraction_p_and_scales_the_rest_by_one_over_one_minus_p():
    layer = nn.Dropout(0.25, rng=0)
    A = np.ones((400, 50))
    out = layer.forward(A)
    assert set(np.unique(out)) == {0.0, 1 / 0.75}
    assert np.mean(out == 0) == pytest.approx(0.25, abs=0.01)
    assert out.mean() == pytest.approx(1.0, abs=0.02)  # inverted dropout keeps the expected output


def test_dropout_is_the_identity_in_evaluation_mode_and_for_p_zero():
    A = np.random.default_rng(0).normal(size=(5, 4))
    layer = nn.Dropout(0.5, rng=0)
    layer.training = False
    assert layer.forward(A) is not None and np.array_equal(layer.forward(A), A)
    np.testing.assert_array_equal(layer.backward(A), A)
    np.testing.assert_array_equal(nn.Dropout(0.0).forward(A), A)


def test_dropout_backward_lets_the_gradient_through_where_the_input_passed():
    layer = nn.Dropout(0.5, rng=1)
    A = np.random.default_rng(0).normal(size=(6, 3))
    out = layer.forward(A)
    dA = np.arange(18.0).reshape(6, 3)
    np.testing.assert_array_equal(layer.backward(dA), dA * (out != 0) * 2.0)


def test_dropout_draws_from_the_generator_it_is_given():
    A = np.ones((3, 8))
    assert np.array_equal(nn.Dropout(0.5, rng=3).forward(A), nn.Dropout(0.5, rng=3).forward(A))
    layer = nn.Dropout(0.5, rng=3)
    assert not np.array_equal(layer.forward(A), layer.forward(A))  # a new mask every forward pass


class FixedMaskDropout(nn.Dropout):
    """Dropout whose mask is drawn once, so that finite differences see one fixed function."""

    def draw_mask(self, shape):
        if not hasattr(self, "fixed"):
            self.fixed = super().draw_mask(shape)
        return self.fixed


def test_backpropagation_through_dropout_in_training_matches_finite_differences():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 2, size=6)
    model = nn.Network([nn.Dense(3, 8, "tanh", rng=1), FixedMaskDropout(0.5, rng=2), nn.Dense(8, 2, rng=3)])
    loss = nn.losses.softmax_cross_entropy
    model.train()
    model.backward(loss.gradient(model.forward(X), y))
    for name, p, g in model.parameters():
        numeric = numerical_gradient(lambda value, p=p: _loss_with(model, p, value, X, y), p)
        assert relative_error(g, numeric) < 1e-7, name
    assert np.any(model.layers[1].fixed == 0) and np.any(model.layers[1].fixed != 0)


def _loss_with(model, p, value, X, y):
    saved = p.copy()
    p[...] = value
    try:
        return nn.losses.softmax_cross_entropy(model.forward(X), y)
    finally:
        p[...] = saved


def test_fit_trains_with_dropout_on_and_predict_turns_it_off():
    X, y = nn.datasets.moons(100, noise=0.2, seed=0)
    model = nn.Network([nn.Dense(2, 32, "relu", rng=0), nn.Dropout(0.5, rng=1), nn.Dense(32, 2, rng=2)])
    history = nn.fit(model, X, y, loss="softmax_cross_entropy", optimizer=nn.Adam(0.01), epochs=30)
    assert history.loss[-1] < history.loss[0]
    assert model.layers[1].training is False  # fit leaves the model ready to predict
    np.testing.assert_array_equal(model.predict(X), model.predict(X))  # deterministic
    model.train()
    assert not np.array_equal(model.forward(X), model.forward(X))
    np.testing.assert_array_equal(model.predict(X), model.predict(X))
    assert model.layers[1].training is True  # predict restored the mode it found


@pytest.mark.parametrize("p", [1.0, -0.1, 1.5, "half", True])
def test_dropout_probability_must_be_in_zero_one(p):
    with pytest.raises(ValueError, match=r"p must be in \[0, 1\), got"):
        nn.Dropout(p)


def test_dropout_backward_refuses_a_gradient_of_another_shape():
    layer = nn.Dropout(0.5, rng=0)
    layer.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match=r"dA must have the shape of the last forward pass's input \(4, 3\)"):
        layer.backward(np.ones((4, 2)))


# --- early stopping -----------------------------------------------------------------------------------


def _overfitting_run(patience, epochs=300):
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=(30, 1))
    y = np.sin(3 * x[:, 0]) + rng.normal(0, 0.3, size=30)
    x_val = rng.uniform(-1, 1, size=(30, 1))
    y_val = np.sin(3 * x_val[:, 0]) + rng.normal(0, 0.3, size=30)
    model = nn.mlp([1, 64, 64, 1], hidden="tanh", seed=0)
    history = nn.fit(
        model, x, y, optimizer=nn.Adam(0.01), epochs=epochs, validation_data=(x_val, y_val), patience=patience
    )
    return model, history, (x_val, y_val)


def test_early_stopping_stops_after_patience_epochs_without_improvement_and_restores_the_best_weights():
    model, history, (x_val, y_val) = _overfitting_run(patience=10)
    best = int(np.argmin(history.val_loss))
    assert history.best_epoch == best
    assert history.epochs == best + 10 + 1 < 300  # epochs best+1 .. best+10 did not improve, then it stopped
    assert nn.losses.mse(model.predict(x_val), y_val) == pytest.approx(history.val_loss[best], rel=1e-12)


def test_without_patience_every_epoch_runs():
    _, history, _ = _overfitting_run(patience=None, epochs=40)
    assert history.epochs == 40 and history.best_epoch is None


def test_early_stopping_needs_validation_data():
    X, y = nn.datasets.xor()
    with pytest.raises(ValueError, match="patience=5 stops on the validation loss, but validation_data is None"):
        nn.fit(nn.mlp([2, 3, 1], seed=0), X, y, patience=5)
    with pytest.raises(ValueError, match="patience must be a positive integer, got 0"):
        nn.fit(nn.mlp([2, 3, 1], seed=0), X, y, patience=0, validation_data=(X, y))


# --- L2 regularisation and decoupled weight decay -----------------------------------------------------


def test_sgd_weight_decay_adds_lambda_theta_to_the_gradient():
    p, g = np.array([1.0, -2.0]), np.array([0.5, 0.5])
    nn.SGD(lr=0.1, weight_decay=0.01).step([("p", p, g)])
    np.testing.assert_allclose(p, [1.0 - 0.1 * (0.5 + 0.01), -2.0 - 0.1 * (0.5 - 0.02)])


def test_adamw_decays_a_weight_that_has_no_gradient_by_lr_times_lambda():
    p = np.array([1.0, -2.0])
    nn.AdamW(lr=0.1, weight_decay=0.5).step([("p", p, np.zeros(2))])
    np.testing.assert_allclose(p, [1.0 * (1 - 0.05), -2.0 * (1 - 0.05)])


def test_adam_with_l2_rescales_the_penalty_like_a_gradient_and_adamw_does_not():
    # With L2 inside Adam, the penalty's gradient lambda * theta is divided by its own size: the first step is
    # lr whatever lambda and theta are. AdamW's decay is lr * lambda * theta, proportional to the weight.
    for theta in (1.0, 100.0):
        p = np.array([theta])
        nn.Adam(lr=0.1, weight_decay=0.5).step([("p", p, np.zeros(1))])
        assert p[0] == pytest.approx(theta - 0.1)
        q = np.array([theta])
        nn.AdamW(lr=0.1, weight_decay=0.5).step([("q", q, np.zeros(1))])
        assert q[0] == pytest.approx(theta * (1 - 0.05))


@pytest.mark.parametrize(
    "make",
    [lambda: nn.SGD(weight_decay=-1), lambda: nn.Adam(weight_decay=float("nan")), lambda: nn.AdamW(weight_decay="a")],
)
def test_weight_decay_must_be_a_number_at_least_zero(make):
    with pytest.raises(ValueError, match="weight_decay must be a finite number >= 0"):
        make()
