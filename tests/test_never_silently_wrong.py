"""Calls that once returned a plausible but wrong result (found by probing the public API with bad calls): each
now raises an error that names the argument, or behaves correctly."""

import numpy as np
import pytest

import nnbook as nn


def _xor():
    X, y = nn.datasets.xor()
    return X.astype(float), y


@pytest.mark.parametrize("loss", ["softmax_cross_entropy", "categorical_cross_entropy"])
def test_cross_entropy_over_one_output_column_is_refused(loss):
    X, y = _xor()
    output = "softmax" if loss == "categorical_cross_entropy" else "identity"
    with pytest.raises(ValueError, match=f"{loss} needs y_pred with one column per class, at least 2, got shape"):
        nn.fit(nn.mlp([2, 3, 1], output=output, seed=0), X, y[:, None], loss=loss, epochs=1)
    with pytest.raises(ValueError, match="at least 2"):
        nn.losses.get(loss)(np.ones((4, 1)), np.zeros(4, int))


@pytest.mark.parametrize(
    "y, row",
    [
        ([[2, 0, 0], [0, 1, 0]], r"\[2, 0, 0\]"),
        ([[1, 0, 0], [0, -1, 0]], r"\[0, -1, 0\]"),
        ([[1, 0, 0], [0, 0, 0]], r"\[0, 0, 0\]"),
        ([[1, 1, 0], [0, 1, 0]], r"\[1, 1, 0\]"),
        (np.array([[0, 2, 1], [1, 0, 2]]), r"\[0, 2, 1\]"),  # a matrix of labels whose width happens to fit
    ],
)
@pytest.mark.parametrize("loss", ["softmax_cross_entropy", "categorical_cross_entropy"])
def test_targets_of_width_k_must_be_one_hot_rows(loss, y, row):
    scores = np.array([[0.2, 0.3, 0.5], [0.1, 0.8, 0.1]])
    with pytest.raises(ValueError, match=r"y of shape \(2, 3\) must hold one-hot rows .* got row \d = " + row):
        nn.losses.get(loss)(scores, y)


def test_one_hot_targets_are_accepted_and_agree_with_indices():
    scores = np.array([[0.2, 0.3, 0.5], [0.1, 0.8, 0.1]])
    for loss in (nn.losses.softmax_cross_entropy, nn.losses.categorical_cross_entropy):
        assert loss(scores, [[0, 0, 1], [0, 1, 0]]) == pytest.approx(loss(scores, [2, 1]))


def test_binary_cross_entropy_checks_the_outputs_of_every_batch():
    # The output starts inside [0, 1] (the first batch passes) and leaves it as training pushes it up:
    # an identity output is not a probability, and training must not report a loss of ~0 for it.
    X = np.linspace(0.0, 1.0, 20)[:, None]
    y = np.ones(20)
    layer = nn.Dense(1, 1)
    layer.W[:] = 0.2
    layer.b[:] = 0.5
    with pytest.raises(ValueError, match=r"y_pred must be probabilities in \[0, 1\] for binary cross-entropy"):
        nn.fit(
            nn.Network([layer]),
            X,
            y,
            loss="binary_cross_entropy",
            optimizer=nn.SGD(0.5),
            epochs=200,
            batch_size=5,
            shuffle=False,
        )


@pytest.mark.parametrize("dtype, X", [(np.float64, [[1e154]]), (np.float32, [[1e18]])])
def test_training_never_returns_non_finite_parameters(dtype, X):
    # Either the overflow is caught where it happens (an activation refusing an infinite z) or in the parameters
    # after the update; what must never happen is a model returned with inf or NaN weights.
    model = nn.Network([nn.Dense(1, 1, rng=0, dtype=dtype)])
    with pytest.raises((FloatingPointError, ValueError), match="NaN or infinite"), np.errstate(all="ignore"):
        nn.fit(model, np.array(X), np.array([1.0]), optimizer=nn.SGD(1.0), epochs=3)


def test_the_last_update_is_checked_too():
    # One epoch whose loss is finite, and whose single update makes W overflow: fit must not return that model.
    model = nn.Network([nn.Dense(1, 1, init="zeros")])
    with (
        pytest.raises(FloatingPointError, match=r"layers\[0\].W holds NaN or infinite values after epoch 0"),
        np.errstate(all="ignore"),
    ):
        nn.fit(model, np.array([[1e154]]), np.array([1e154]), optimizer=nn.SGD(1.0), epochs=1)


def test_an_infinite_loss_before_any_update_blames_the_inputs_not_the_learning_rate():
    model = nn.Network([nn.Dense(1, 1, rng=0)])
    with (
        pytest.raises(FloatingPointError, match=r"before any update: the inputs are too large .* 1e\+200"),
        np.errstate(all="ignore"),
    ):
        nn.fit(model, np.array([[1e200], [1.0]]), np.array([0.0, 1.0]), optimizer=nn.SGD(0.01), epochs=1)


@pytest.mark.parametrize(
    "y_val, match",
    [
        (np.array([0, 1, 2]), r"y_val must have one target per sample: X_val has 2 rows, y_val has shape \(3,\)"),
        (np.array([0.0, 7.0]), "y_val for binary cross-entropy must hold labels in"),
        (np.array([0.0, np.nan]), "y_val must be finite"),
    ],
)
def test_errors_about_validation_targets_name_y_val(y_val, match):
    X, y = _xor()
    with pytest.raises(ValueError, match=match):
        nn.fit(
            nn.mlp([2, 3, 1], output="sigmoid", seed=0),
            X,
            y,
            loss="binary_cross_entropy",
            validation_data=(X[:2], y_val),
            epochs=1,
        )


@pytest.mark.parametrize(
    "make",
    [
        lambda: nn.fit(nn.mlp([2, 2], seed=0), np.ones((2, 2)), np.zeros(2), shuffle="no"),
        lambda: nn.Dense(2, 2, bias="no"),
        lambda: nn.mlp([2, 2]).train(mode=1),
    ],
)
def test_flags_must_be_booleans(make):
    with pytest.raises(TypeError, match=r"(shuffle|bias|mode) must be True or False, got"):
        make()


# --- tests that mutation testing showed missing ------------------------------------------------


def test_without_shuffle_the_batches_are_taken_in_order():
    X, y = nn.datasets.moons(40, noise=0.2, seed=0)
    fitted, by_hand = nn.mlp([2, 4, 2], seed=0), nn.mlp([2, 4, 2], seed=0)
    nn.fit(
        fitted,
        X,
        y,
        loss="softmax_cross_entropy",
        optimizer=nn.SGD(0.1),
        epochs=2,
        batch_size=16,
        shuffle=False,
        seed=123,
    )
    optimizer = nn.SGD(0.1)
    for _ in range(2):
        for start in range(0, 40, 16):
            batch = slice(start, start + 16)
            by_hand.backward(nn.losses.softmax_cross_entropy.gradient(by_hand.forward(X[batch]), y[batch]))
            optimizer.step(by_hand.parameters())
    for (name, p, _), (_, q, _) in zip(fitted.parameters(), by_hand.parameters(), strict=True):
        np.testing.assert_array_equal(p, q, err_msg=name)


def test_the_last_partial_batch_is_trained_on_and_counted():
    steps = []

    class Counting(nn.optim.SGD):
        def step(self, parameters):
            steps.append(1)
            super().step(parameters)

    X, y = nn.datasets.moons(10, noise=0.2, seed=0)
    model = nn.mlp([2, 3, 2], seed=0)
    before = nn.losses.softmax_cross_entropy(model.predict(X), y)
    history = nn.fit(model, X, y, loss="softmax_cross_entropy", optimizer=Counting(1e-12), epochs=1, batch_size=4)
    assert len(steps) == 3  # batches of 4, 4 and 2
    assert history.loss[0] == pytest.approx(before, rel=1e-9)  # the mean over all 10 samples, not 8


def test_categorical_cross_entropy_accuracy_with_one_hot_targets():
    p = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.3, 0.4, 0.3]])
    Y = np.array([[1, 0, 0], [0, 1, 0], [0, 1, 0]])
    assert nn.losses.categorical_cross_entropy.accuracy(p, Y) == pytest.approx(2 / 3)
    assert nn.losses.categorical_cross_entropy.accuracy(p, Y.argmax(axis=1)) == pytest.approx(2 / 3)


def test_the_log_line_shows_the_validation_numbers(capsys):
    X, y = nn.datasets.moons(40, noise=0.2, seed=0)
    model = nn.mlp([2, 4, 2], seed=0)
    history = nn.fit(
        model,
        X,
        y,
        loss="softmax_cross_entropy",
        optimizer=nn.SGD(0.1),
        epochs=1,
        log_every=1,
        validation_data=(X[:10], y[:10]),
    )
    expected = (
        f"Epoch   0, Loss {history.loss[0]:.4f}, accuracy {history.accuracy[0]:.3f}, "
        f"val loss {history.val_loss[0]:.4f}, val accuracy {history.val_accuracy[0]:.3f}"
    )
    assert capsys.readouterr().out.splitlines() == [expected]


def test_adam_steps_have_size_lr_for_a_constant_gradient_thanks_to_bias_correction():
    # With m and s corrected for their start at 0, m_hat = g and s_hat = g^2 at every step, so each step is
    # lr * g / (|g| + eps), i.e. lr. Without the correction the second step would be 0.19/0.1 / sqrt(0.001999/0.001) ≈
    # 1.34 lr.
    p = np.zeros(3)
    optimizer = nn.Adam(lr=0.01)
    g = np.array([2.0, -0.5, 1e-3])
    for step in range(1, 4):
        optimizer.step([("p", p, g)])
        np.testing.assert_allclose(p, -step * 0.01 * np.sign(g), rtol=1e-5)
