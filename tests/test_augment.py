"""nnbook.augment moves images by whole pixels, fills what comes in, loses what goes out, and keeps the labels."""

import numpy as np
import pytest

from nnbook import augment

# A 3x3 image with the numbers 1..9 row by row; 0 is an empty pixel.
IMAGE = np.arange(1, 10, dtype=float).reshape(1, 3, 3)


@pytest.mark.parametrize(
    "dx, dy, expected",
    [
        (1, 0, [[0, 1, 2], [0, 4, 5], [0, 7, 8]]),  # right: the left column comes in empty
        (-1, 0, [[2, 3, 0], [5, 6, 0], [8, 9, 0]]),  # left
        (0, 1, [[0, 0, 0], [1, 2, 3], [4, 5, 6]]),  # down: the top row comes in empty
        (0, -1, [[4, 5, 6], [7, 8, 9], [0, 0, 0]]),  # up
        (1, 1, [[0, 0, 0], [0, 1, 2], [0, 4, 5]]),  # right and down
        (0, 0, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]),  # no move: a copy
    ],
)
def test_shift_by_hand(dx, dy, expected):
    assert np.array_equal(augment.shift(IMAGE, dx, dy), [expected])


def test_shift_fills_with_the_given_value_and_keeps_the_flat_shape():
    flat = IMAGE.reshape(1, 9)
    moved = augment.shift(flat, 1, 0, fill=-0.5)
    assert moved.shape == (1, 9)
    assert np.array_equal(moved.reshape(3, 3)[:, 0], [-0.5, -0.5, -0.5])
    assert np.array_equal(flat, IMAGE.reshape(1, 9))  # the input is not changed


def test_shift_there_and_back_loses_only_the_edge():
    X = np.random.default_rng(0).integers(0, 17, size=(5, 64)).astype(float)
    back = augment.shift(augment.shift(X, 1, 0), -1, 0).reshape(5, 8, 8)
    assert np.array_equal(back[:, :, :7], X.reshape(5, 8, 8)[:, :, :7])
    assert np.all(back[:, :, 7] == 0)


def test_with_shifted_copies_gives_five_times_the_data_with_the_labels():
    X = np.random.default_rng(1).random((4, 64))
    y = np.array([3, 1, 4, 1])
    X_aug, y_aug = augment.with_shifted_copies(X, y)
    assert X_aug.shape == (20, 64) and np.array_equal(y_aug, np.tile(y, 5))
    assert np.array_equal(X_aug[:4], X)
    for k, (dx, dy) in enumerate(augment.ONE_PIXEL, start=1):
        assert np.array_equal(X_aug[4 * k : 4 * (k + 1)], augment.shift(X, dx, dy))


@pytest.mark.parametrize(
    "images, dx, dy, match",
    [
        (np.zeros((2, 10)), 1, 0, "must be square"),
        (np.zeros(64), 1, 0, r"shape \(n, h \* h\) or \(n, h, w\)"),
        (np.zeros((2, 64)), 8, 0, r"\|dx\| < 8"),
        (np.zeros((2, 64)), 0, -8, r"\|dy\| < 8"),
        (np.zeros((2, 64)), 0.5, 0, "dx must be an integer"),
        (np.zeros((2, 64)), True, 0, r"dx must be an integer from -7 to 7 \(\|dx\| < 8, the image width\), got True"),
        (np.zeros((2, 4, 8)), 0, 4, r"dy must be an integer from -3 to 3 \(\|dy\| < 4, the image height\), got 4"),
        (np.full((2, 64), np.nan), 1, 0, "images must be finite"),
    ],
)
def test_shift_bad_input(images, dx, dy, match):
    with pytest.raises(ValueError, match=match):
        augment.shift(images, dx, dy)


def test_shift_bad_fill():
    with pytest.raises(ValueError, match="fill must be a finite number"):
        augment.shift(np.zeros((1, 64)), 1, 0, fill=np.nan)
    with pytest.raises(ValueError, match="fill must be a finite number, got True"):
        augment.shift(np.zeros((1, 64)), 1, 0, fill=True)


def test_with_shifted_copies_bad_input():
    with pytest.raises(ValueError, match=r"y must have one target per sample: X has 3 rows, y has shape \(2,\)"):
        augment.with_shifted_copies(np.zeros((3, 64)), np.zeros(2))
    with pytest.raises(ValueError, match=r"X must be 2-D"):
        augment.with_shifted_copies(np.zeros((3, 8, 8)), np.zeros(3))
