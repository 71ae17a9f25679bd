"""The training loop: forward, loss, backward, step — over mini-batches, for a number of epochs."""

from dataclasses import dataclass, field

import numpy as np

from . import losses, optim
from ._checks import check_matrix, check_positive_int

__all__ = ["History", "fit"]


@dataclass
class History:
    """What :func:`fit` measured, one entry per epoch.

    Attributes
    ----------
    loss : list of float
        Mean training loss over the epoch's batches, measured before each batch's update.
    accuracy : list of float
        Training accuracy of the predictions made during the epoch (empty for regression losses).
    val_loss, val_accuracy : list of float
        The same on the validation data, if given.
    """

    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)

    @property
    def epochs(self):
        """Number of epochs recorded."""
        return len(self.loss)


def _check_targets(y, X, name):
    y = np.asarray(y)
    if y.ndim == 0 or y.shape[0] != X.shape[0]:
        raise ValueError(f"{name} must have one target per sample: X has {X.shape[0]} rows, "
                         f"{name} has shape {y.shape}")
    if y.dtype.kind == "f" and not np.all(np.isfinite(y)):
        raise ValueError(f"{name} must be finite, but it contains NaN or infinite values")
    return y


def fit(model, X, y, loss="mse", optimizer=None, epochs=100, batch_size=None, shuffle=True, seed=None,
        log_every=None, validation_data=None, log_extra=None):
    """Train ``model`` by gradient descent on ``(X, y)``.

    Every epoch visits the samples once, in mini-batches; for each batch:
    forward pass, loss and its gradient, :meth:`~nnbook.network.Network.backward`, optimiser step.
    All work is on whole batches (matrix products); there is no Python loop over samples.

    Parameters
    ----------
    model : Network
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets; class indices or one-hot rows for the categorical losses.
    loss : str or Loss, default "mse"
        See :func:`nnbook.losses.get`.
    optimizer : Optimizer or None
        Defaults to ``SGD(lr=0.01)``.
    epochs : int, default 100
    batch_size : int or None
        None trains on the full batch each step.
    shuffle : bool, default True
        Reshuffle the samples every epoch (ignored for the full batch).
    seed : int or None
        Seed of the shuffling.
    log_every : int or None
        Print ``Epoch {epoch:3d}, Loss {loss:.4f}`` every this many epochs (None: silent).
    validation_data : tuple (X_val, y_val) or None
    log_extra : callable or None
        ``log_extra(model) -> str`` appended to each printed line (e.g. the current weights).

    Returns
    -------
    History
    """
    X = check_matrix(X, "X", n_cols=model.n_in, what="the model expects n_in", dtype=model.layers[0].dtype,
                     finite=True)
    y = _check_targets(y, X, "y")
    loss = losses.get(loss)
    optimizer = optim.SGD(lr=0.01) if optimizer is None else optim.get(optimizer)
    epochs = check_positive_int(epochs, "epochs")
    batch_size = check_positive_int(batch_size, "batch_size", allow_none=True)
    log_every = check_positive_int(log_every, "log_every", allow_none=True)
    if validation_data is not None:
        if not (isinstance(validation_data, (tuple, list)) and len(validation_data) == 2):
            raise ValueError("validation_data must be a tuple (X_val, y_val)")
        X_val = check_matrix(validation_data[0], "X_val", n_cols=model.n_in, what="the model expects n_in",
                             dtype=model.layers[0].dtype, finite=True)
        y_val = _check_targets(validation_data[1], X_val, "y_val")
    n = X.shape[0]
    batch_size = n if batch_size is None else min(batch_size, n)
    rng = np.random.default_rng(seed)
    history = History()
    parameters = model._flat_parameters()  # one vector: the optimiser's dozen NumPy calls cover every array

    for epoch in range(epochs):
        order = rng.permutation(n) if shuffle and batch_size < n else None
        total = correct = 0.0
        for start in range(0, n, batch_size):
            idx = slice(start, start + batch_size) if order is None else order[start:start + batch_size]
            Xb, yb = X[idx], y[idx]
            out = model._forward(Xb)
            value, grad = loss.value_and_gradient(out, yb)
            if not np.isfinite(value):
                raise FloatingPointError(f"the loss became {value} at epoch {epoch}: "
                                         f"the learning rate is probably too high for this problem")
            if loss.classification:
                # Accuracy of the predictions made on the way (as Keras reports it): no extra pass over X.
                correct += loss.accuracy(out, yb) * Xb.shape[0]
            model.backward(grad)
            optimizer.step(parameters)
            total += value * Xb.shape[0]
        history.loss.append(total / n)
        if loss.classification:
            history.accuracy.append(correct / n)
        if validation_data is not None:
            out = model._forward(X_val)
            history.val_loss.append(loss(out, y_val))
            acc = loss.accuracy(out, y_val)
            if acc is not None:
                history.val_accuracy.append(acc)
        if log_every is not None and epoch % log_every == 0:
            print(_log_line(epoch, history, log_extra, model))
    return history


def _log_line(epoch, history, log_extra, model):
    line = f"Epoch {epoch:3d}, Loss {history.loss[-1]:.4f}"
    if history.accuracy:
        line += f", accuracy {history.accuracy[-1]:.3f}"
    if history.val_loss:
        line += f", val loss {history.val_loss[-1]:.4f}"
    if history.val_accuracy:
        line += f", val accuracy {history.val_accuracy[-1]:.3f}"
    return line + (log_extra(model) if log_extra is not None else "")
