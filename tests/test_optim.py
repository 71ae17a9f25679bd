import numpy as np
import pytest

import nnbook as nn


def _quadratic_steps(optimizer, steps):
    """Minimise f(theta) = 0.5 * theta^T A theta, an ill-conditioned bowl, and return the final f."""
    A = np.diag([1.0, 25.0])
    theta = np.array([1.0, 1.0])
    grad = np.zeros(2)
    for _ in range(steps):
        grad[:] = A @ theta
        optimizer.step([("theta", theta, grad)])
    return 0.5 * theta @ A @ theta


def test_sgd_is_theta_minus_lr_times_gradient():
    p, g = np.array([1.0, -2.0]), np.array([0.5, 0.5])
    nn.SGD(lr=0.1).step([("p", p, g)])
    np.testing.assert_allclose(p, [0.95, -2.05])


def test_momentum_accumulates_velocity():
    p, g = np.zeros(1), np.ones(1)
    opt = nn.SGD(lr=0.1, momentum=0.9)
    opt.step([("p", p, g)])
    opt.step([("p", p, g)])
    # v1 = -0.1, v2 = 0.9 * -0.1 - 0.1 = -0.19; p = v1 + v2
    np.testing.assert_allclose(p, [-0.29])


def test_adam_first_step_has_size_lr():
    p = np.array([1.0, 1.0])
    nn.Adam(lr=0.01).step([("p", p, np.array([3.0, -1e-3]))])
    # With bias correction, the first step is lr * sign(g) whatever the gradient's scale.
    np.testing.assert_allclose(p, [0.99, 1.01], rtol=1e-6)


@pytest.mark.parametrize("optimizer", [nn.SGD(lr=0.01, momentum=0.9), nn.Adam(lr=0.05)])
def test_momentum_and_adam_beat_plain_sgd_on_an_ill_conditioned_bowl(optimizer):
    plain = _quadratic_steps(nn.SGD(lr=0.01), 100)
    assert _quadratic_steps(optimizer, 100) < plain / 10


@pytest.mark.parametrize("optimizer", [nn.SGD(lr=0.1, momentum=0.9), nn.Adam(lr=0.01)])
def test_optimizers_reduce_the_loss_of_a_network(optimizer):
    X, y = nn.datasets.moons(200, noise=0.1, seed=0)
    model = nn.mlp([2, 16, 2], hidden="tanh", seed=0)
    before = nn.losses.softmax_cross_entropy(model.predict(X), y)
    nn.fit(model, X, y, loss="softmax_cross_entropy", optimizer=optimizer, epochs=30, batch_size=32, seed=0)
    assert nn.losses.softmax_cross_entropy(model.predict(X), y) < 0.5 * before


def test_sgd_learning_rate_defaults_to_fits_and_a_name_is_enough():
    assert nn.SGD().lr == 0.01
    X, y = nn.datasets.xor()
    runs = [
        nn.fit(nn.mlp([2, 3, 1], seed=0), X, y, optimizer=optimizer, epochs=5).loss
        for optimizer in ("sgd", None, nn.SGD(0.01))
    ]
    assert runs[0] == runs[1] == runs[2]


def _train(model, optimizer, epochs=3, batch_size=20):
    X, y = nn.datasets.moons(60, noise=0.2, seed=0)
    nn.fit(model, X, y, loss="softmax_cross_entropy", optimizer=optimizer, epochs=epochs, batch_size=batch_size, seed=0)
    return [p.copy() for _, p, _ in model.parameters()]


OPTIMIZERS_WITH_STATE = pytest.mark.parametrize(
    "make", [lambda: nn.Adam(0.01), lambda: nn.SGD(0.1, momentum=0.9)], ids=["adam", "sgd-momentum"]
)


@OPTIMIZERS_WITH_STATE
@pytest.mark.parametrize("sizes", [[2, 8, 2], [2, 4, 2]], ids=["same-architecture", "other-architecture"])
def test_an_optimizer_reused_on_another_model_starts_that_model_afresh(make, sizes):
    shared = make()
    _train(nn.mlp([2, 8, 2], seed=0), shared)
    reused = _train(nn.mlp(sizes, seed=1), shared)
    fresh = _train(nn.mlp(sizes, seed=1), make())
    for p, q in zip(reused, fresh, strict=True):
        np.testing.assert_array_equal(p, q)


@OPTIMIZERS_WITH_STATE
def test_an_optimizer_keeps_its_state_for_the_same_model_across_fits(make):
    optimizer, model = make(), nn.mlp([2, 8, 2], seed=0)
    _train(model, optimizer, epochs=2, batch_size=None)
    twice = _train(model, optimizer, epochs=2, batch_size=None)
    once = _train(nn.mlp([2, 8, 2], seed=0), make(), epochs=4, batch_size=None)
    for p, q in zip(twice, once, strict=True):
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: nn.SGD(lr=0), r"lr must be a finite number > 0, got 0"),
        (lambda: nn.SGD(lr=-1), r"lr must be a finite number > 0, got -1"),
        (lambda: nn.SGD(lr=float("nan")), r"lr must be a finite number > 0, got nan"),
        (lambda: nn.SGD(lr=0.1, momentum=1.0), r"momentum must be in \[0, 1\), got 1.0"),
        (lambda: nn.Adam(beta1=1.2), r"beta1 must be in \[0, 1\), got 1.2"),
        (lambda: nn.optim.get("rmsprop"), "Unknown optimizer 'rmsprop'. Choose one of: adam, adamw, sgd"),
    ],
)
def test_bad_settings_are_rejected(make, match):
    with pytest.raises(ValueError, match=match):
        make()
