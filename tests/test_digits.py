"""Chapter 5's claim, end to end: the seeded digits MLP reaches at least 97 % test accuracy.

Same data, split, scaling, network, optimiser and seeds as chapters/05_digits.ipynb, so a change in the
package that breaks the chapter's headline number fails here, in the unit tests, and not only under nbval.
"""

import numpy as np
import pytest

import nnbook as nn


@pytest.fixture(scope="module")
def digits_split():
    X, y = nn.datasets.load_digits()
    X_train, X_test, y_train, y_test = nn.datasets.train_test_split(X, y, test_size=0.2, seed=0, stratify=y)
    return X_train / 16, X_test / 16, y_train, y_test


def test_digits_data_and_split(digits_split):
    X_train, X_test, y_train, y_test = digits_split
    assert X_train.shape == (1437, 64) and X_test.shape == (360, 64)
    assert X_train.min() == 0 and X_train.max() == 1
    # Stratified: every digit keeps its share, 35 to 37 test images each.
    assert np.bincount(y_test).tolist() == [36, 37, 35, 37, 36, 36, 36, 36, 35, 36]


def test_digits_mlp_reaches_97_percent(digits_split):
    X_train, X_test, y_train, y_test = digits_split
    model = nn.mlp([64, 128, 64, 10], hidden="relu", output="identity", seed=9)
    history = nn.fit(model, X_train, y_train, loss="softmax_cross_entropy", optimizer=nn.Adam(1e-3),
                     epochs=40, batch_size=64, seed=9, validation_data=(X_test, y_test))
    accuracy = nn.metrics.accuracy(y_test, model.predict(X_test).argmax(axis=1))
    assert accuracy >= 0.97, f"test accuracy {accuracy:.4f} < 0.97"
    assert history.val_accuracy[-1] == pytest.approx(accuracy)
    assert history.accuracy[-1] == 1.0  # the chapter's learning curves: the training set is learned perfectly


def test_softmax_regression_baseline_from_zeros(digits_split):
    """Without a hidden layer zero weights train fine (the chapter's baseline, about 90 %)."""
    X_train, X_test, y_train, y_test = digits_split
    model = nn.mlp([64, 10], output="identity", init="zeros")
    nn.fit(model, X_train, y_train, loss="softmax_cross_entropy", optimizer=nn.Adam(1e-3),
           epochs=40, batch_size=64, seed=0)
    accuracy = nn.metrics.accuracy(y_test, model.predict(X_test).argmax(axis=1))
    assert 0.88 <= accuracy < 0.97
