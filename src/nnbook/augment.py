"""Data augmentation: more training images from the ones we have, by moving every image one pixel.

A digit moved one pixel to the left is still the same digit, but to a network that sees 64 unordered numbers
it is a new input. Adding such copies to the training set teaches the network that small shifts do not matter.
"""

import numpy as np

from ._checks import check_images, check_int, check_matrix, check_real, check_targets

__all__ = ["shift", "with_shifted_copies"]

ONE_PIXEL = ((1, 0), (-1, 0), (0, 1), (0, -1))  # (dx, dy): right, left, down, up


def shift(images, dx, dy, fill=0.0):
    """Move every image ``dx`` pixels to the right and ``dy`` pixels down.

    .. math:: x'_{r, c} = x_{r - dy,\\, c - dx}, \\quad\\text{or } \\texttt{fill} \\text{ where } (r - dy, c - dx)
              \\text{ lies outside the image}

    Pixels pushed over the edge are lost; the row or column that comes in is filled with ``fill``.

    Parameters
    ----------
    images : ndarray of shape (n, h * h) or (n, h, w)
        One image per row, e.g. the (n, 64) digits.
    dx, dy : int
        Pixels to the right and down; negative values move left and up. ``|dx| < w``, ``|dy| < h``.
    fill : float, default 0.0
        Value of the pixels that come in: an empty pixel, 0 for raw digits, ``(0 - mean) / std`` after
        standardising.

    Returns
    -------
    ndarray of the same shape as ``images``
    """
    shape = np.shape(images)
    stack = check_images(images)
    h, w = stack.shape[1:]
    dx = check_int(dx, "dx", minimum=1 - w, maximum=w - 1, why=f" (|dx| < {w}, the image width)")
    dy = check_int(dy, "dy", minimum=1 - h, maximum=h - 1, why=f" (|dy| < {h}, the image height)")
    fill = check_real(fill, "fill")
    out = np.full_like(stack, fill)
    out[:, max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = stack[
        :, max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
    ]
    return out.reshape(shape)


def with_shifted_copies(X, y, fill=0.0):
    """The training set and four copies of it, moved one pixel right, left, down and up: five times the data.

    Parameters
    ----------
    X : ndarray of shape (n, h * h)
        One image per row.
    y : ndarray of shape (n,) or (n, n_outputs)
        Targets; a shifted image keeps the target of its original.
    fill : float, default 0.0
        Value of an empty pixel, see :func:`shift`.

    Returns
    -------
    X_aug : ndarray of shape (5 n, h * h)
        The originals first, then the copies moved right, left, down and up.
    y_aug : ndarray of shape (5 n,) or (5 n, n_outputs)
    """
    X = check_matrix(X, "X")
    y = check_targets(y, X.shape[0], "y", rows_of="X")
    copies = [X] + [shift(X, dx, dy, fill=fill) for dx, dy in ONE_PIXEL]
    return np.concatenate(copies), np.concatenate([y] * len(copies))
