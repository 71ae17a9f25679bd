"""Chapter 1 reproduces the seed text's perceptron example to the last printed digit.

The expected lines below are copied from the seed text, which is the specification: they are not
computed output. If a change to ``nnbook`` alters one digit of them, this test says so before the book does.
"""

import nnbook as nn

SEED_OUTPUT = [
    "Epoch   0, Loss 2.2388, w 0.077, b 0.092",
    "Epoch  50, Loss 0.0819, w 1.665, b 0.961",
    "Epoch 100, Loss 0.0339, w 1.970, b 0.977",
    "Epoch 150, Loss 0.0322, w 2.028, b 0.980",
    "",
    "Learned: y = 2.04 x + 0.98",
]


def test_dense_layer_prints_the_seed_lines(seed_data, capsys):
    x, y, w_init = seed_data
    layer = nn.Dense(1, 1)  # identity activation
    layer.W[:] = w_init
    layer.b[:] = 0.0
    model = nn.Network([layer])

    nn.fit(
        model,
        x[:, None],
        y,
        loss="mse",
        optimizer=nn.SGD(0.05),
        epochs=200,
        batch_size=None,
        log_every=50,
        log_extra=lambda m: f", w {m.layers[0].W[0, 0]:.3f}, b {m.layers[0].b[0]:.3f}",
    )
    print(f"\nLearned: y = {layer.W[0, 0]:.2f} x + {layer.b[0]:.2f}")

    assert capsys.readouterr().out.splitlines() == SEED_OUTPUT
