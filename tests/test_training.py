import numpy as np
import pytest

import nnbook as nn


def test_xor_is_learned_by_a_small_tanh_network():
    X, y = nn.datasets.xor()
    model = nn.mlp([2, 4, 1], hidden="tanh", output="sigmoid", seed=0)
    history = nn.fit(model, X, y, loss="binary_cross_entropy", optimizer=nn.Adam(0.05), epochs=300)
    assert history.accuracy[-1] == 1.0
    np.testing.assert_array_equal(model.predict(X)[:, 0] > 0.5, y == 1)


def test_history_records_every_epoch_and_validation():
    X, y = nn.datasets.moons(100, noise=0.1, seed=1)
    model = nn.mlp([2, 8, 2], seed=0)
    h = nn.fit(
        model,
        X,
        y,
        loss="softmax_cross_entropy",
        optimizer=nn.Adam(0.01),
        epochs=7,
        batch_size=16,
        seed=0,
        validation_data=(X[:20], y[:20]),
    )
    assert h.epochs == 7 and len(h.accuracy) == len(h.val_loss) == len(h.val_accuracy) == 7
    assert h.val_loss[-1] == pytest.approx(nn.losses.softmax_cross_entropy(model.predict(X[:20]), y[:20]))


def test_full_batch_epoch_loss_is_the_loss_before_the_update():
    X = np.array([[0.0], [1.0]])
    y = np.array([1.0, 3.0])
    model = nn.Network([nn.Dense(1, 1, init="zeros")])
    h = nn.fit(model, X, y, optimizer=nn.SGD(0.1), epochs=1)
    assert h.loss == [pytest.approx(5.0)]  # (1 + 9) / 2 with w = b = 0


def test_training_is_reproducible_with_a_seed_and_shuffles_otherwise():
    X, y = nn.datasets.moons(64, noise=0.2, seed=2)

    def run(seed):
        model = nn.mlp([2, 8, 2], seed=0)
        return nn.fit(
            model, X, y, loss="softmax_cross_entropy", optimizer=nn.SGD(0.1), epochs=3, batch_size=8, seed=seed
        ).loss

    assert run(1) == run(1)
    assert run(1) != run(2)


def test_logging_uses_the_seed_format(capsys):
    X, y = np.array([[0.0], [1.0]]), np.array([0.0, 1.0])
    model = nn.Network([nn.Dense(1, 1, init="zeros")])
    nn.fit(model, X, y, optimizer=nn.SGD(0.1), epochs=3, log_every=2)
    # By hand, with dL/dw = mean(2 e x), dL/db = mean(2 e), e = w x + b - y:
    #   epoch 0: w = b = 0, e = [0, -1], L = 0.5;        step: w = 0.1,  b = 0.1
    #   epoch 1: e = [0.1, -0.8], L = 0.325;               step: w = 0.18, b = 0.17
    #   epoch 2: e = [0.17, -0.65], L = (0.0289 + 0.4225) / 2 = 0.2257
    assert capsys.readouterr().out.splitlines() == ["Epoch   0, Loss 0.5000", "Epoch   2, Loss 0.2257"]


def test_divergence_is_reported_not_hidden():
    X, y = nn.datasets.linear()
    model = nn.Network([nn.Dense(1, 1, rng=0)])
    with pytest.raises(FloatingPointError, match="learning rate is probably too high"), np.errstate(all="ignore"):
        nn.fit(model, X[:, None] * 1e3, y, optimizer=nn.SGD(10.0), epochs=200)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(X=np.ones((4, 3))), "X has 3 features, but the model expects n_in=2"),
        (dict(y=np.zeros(3)), r"y must have one target per sample: X has 4 rows, y has shape \(3,\)"),
        (dict(X=np.array([[0, 0], [0, 1], [np.nan, 0], [1, 1]])), "X must be finite, but it contains 1 NaN"),
        (dict(y=np.array([0, 1, np.inf, 0])), "y must be finite"),
        (dict(epochs=0), "epochs must be a positive integer, got 0"),
        (dict(batch_size=-4), "batch_size must be a positive integer, got -4"),
        (dict(loss="hinge"), "Unknown loss 'hinge'"),
        (dict(optimizer="rmsprop"), "Unknown optimizer 'rmsprop'"),
        (dict(validation_data=np.ones((2, 2))), r"validation_data must be a tuple \(X_val, y_val\)"),
        (dict(validation_data=(np.ones((2, 5)), [0, 1])), "X_val has 5 features"),
    ],
)
def test_fit_rejects_bad_input(kwargs, match):
    X, y = nn.datasets.xor()
    args = dict(X=X, y=y, loss="binary_cross_entropy", optimizer=nn.SGD(0.1), epochs=2)
    args.update(kwargs)
    model = nn.mlp([2, 3, 1], output="sigmoid", seed=0)
    with pytest.raises(ValueError, match=match):
        nn.fit(model, **args)


# fit is the textbook loop: these tests hold it to the same numbers as a loop written out by hand over the
# batches it visits, array by array, with the arrays a reader may have replaced or copied.


def _train_by_hand(model, X, y, optimizer, epochs, batch_size=None, seed=None):
    """The textbook loop over the batches fit visits: forward, loss gradient, backward, one optimiser step over
    the per-array triples."""
    rng, n = np.random.default_rng(seed), len(X)
    batch_size = batch_size or n
    for _ in range(epochs):
        order = rng.permutation(n) if batch_size < n else np.arange(n)  # fit draws no permutation for one batch
        for start in range(0, n, batch_size):
            batch = order[start : start + batch_size]
            model.backward(nn.losses.softmax_cross_entropy.gradient(model.forward(X[batch]), y[batch]))
            optimizer.step(list(model.parameters()))


def _moons_full_batch():
    X, y = nn.datasets.moons(50, noise=0.2, seed=3)
    return [2, 16, 8, 2], X, y, dict(epochs=5)


def _digits_like_mini_batches():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(96, 64)), rng.integers(0, 10, size=96)
    return [64, 32, 32, 10], X, y, dict(epochs=2, batch_size=32, seed=5)  # shuffled mini-batches


@pytest.mark.parametrize(
    "make_optimizer", [lambda: nn.SGD(0.01, momentum=0.9), lambda: nn.Adam(0.005)], ids=["sgd-momentum", "adam"]
)
@pytest.mark.parametrize("case", [_moons_full_batch, _digits_like_mini_batches], ids=["full-batch", "mini-batches"])
def test_fit_updates_exactly_as_a_loop_over_each_array(make_optimizer, case):
    sizes, X, y, schedule = case()
    fitted, by_hand = nn.mlp(sizes, seed=4), nn.mlp(sizes, seed=4)
    nn.fit(fitted, X, y, loss="softmax_cross_entropy", optimizer=make_optimizer(), **schedule)
    _train_by_hand(by_hand, X, y, make_optimizer(), **schedule)
    for (name, p, _), (_, q, _) in zip(fitted.parameters(), by_hand.parameters(), strict=True):
        np.testing.assert_array_equal(p, q, err_msg=name)  # bit for bit, not approximately


def test_a_parameter_array_replaced_by_the_user_is_still_trained():
    X, y = nn.datasets.moons(50, noise=0.2, seed=3)
    model = nn.mlp([2, 8, 2], seed=0)
    nn.fit(model, X, y, loss="softmax_cross_entropy", optimizer=nn.SGD(0.1), epochs=1)
    model.layers[0].W = np.ones((8, 2))  # a reader setting weights by hand, as chapter 3 does
    nn.fit(model, X, y, loss="softmax_cross_entropy", optimizer=nn.SGD(0.1), epochs=1)
    assert not np.array_equal(model.layers[0].W, np.ones((8, 2)))
    reference = nn.mlp([2, 8, 2], seed=0)  # same numbers, trained the textbook way
    nn.fit(reference, X, y, loss="softmax_cross_entropy", optimizer=nn.SGD(0.1), epochs=1)
    reference.layers[0].W = np.ones((8, 2))
    _train_by_hand(reference, X, y, nn.SGD(0.1), epochs=1)
    for (name, p, _), (_, q, _) in zip(model.parameters(), reference.parameters(), strict=True):
        np.testing.assert_array_equal(p, q, err_msg=name)


def test_a_deep_copy_trains_its_own_arrays_and_leaves_the_original_alone():
    import copy

    X, y = nn.datasets.moons(50, noise=0.2, seed=3)
    original = nn.mlp([2, 8, 2], seed=0)
    nn.fit(original, X, y, loss="softmax_cross_entropy", optimizer=nn.SGD(0.1), epochs=1)
    before = [p.copy() for _, p, _ in original.parameters()]
    twin = copy.deepcopy(original)
    nn.fit(twin, X, y, loss="softmax_cross_entropy", optimizer=nn.SGD(0.1), epochs=3)
    for (name, p, _), old in zip(original.parameters(), before, strict=True):
        np.testing.assert_array_equal(p, old, err_msg=f"original {name} changed")
    assert all(not np.array_equal(p, old) for (_, p, _), old in zip(twin.parameters(), before, strict=True))


def test_a_reference_to_a_layer_array_stays_the_trained_array():
    X, y = nn.datasets.moons(50, noise=0.2, seed=3)
    model = nn.mlp([2, 8, 2], seed=0)
    W = model.layers[0].W
    zeros = np.zeros(2)
    model.layers[1].b = zeros  # an array the reader assigned is the layer's array from now on
    nn.fit(model, X, y, loss="softmax_cross_entropy", optimizer=nn.SGD(0.1), epochs=2)
    assert W is model.layers[0].W and model.layers[1].b is zeros
    assert not np.array_equal(W, nn.mlp([2, 8, 2], seed=0).layers[0].W)  # both were trained in place
    assert zeros.any()


def test_building_a_network_leaves_the_layers_arrays_alone():
    layer = nn.Dense(2, 2, rng=0)
    before, numbers = layer.W, layer.W.copy()
    nn.Network([layer, nn.Dense(2, 2)])
    assert layer.W is before
    np.testing.assert_array_equal(layer.W, numbers)
