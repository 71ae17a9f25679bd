"""The training loop: forward, loss, backward, step — over mini-batches, for a number of epochs.

:func:`fit` calls only the public methods a user's own layer, loss or optimiser defines:
``model.forward``/``model.backward``/``model.parameters`` (which call each layer's), ``loss.check_targets``
(once, so that an error names ``y`` or ``y_val``), ``loss.value_and_gradient`` and ``loss.accuracy`` (on every
batch), and ``optimizer.step``.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np

from . import losses, optim
from ._checks import (
    check_bool,
    check_callable,
    check_matrix,
    check_pair,
    check_positive_int,
    check_targets,
    make_rng,
)
from .network import check_network

__all__ = ["History", "fit"]


@dataclass
class History:
    """What :func:`fit` measured, one entry per epoch; epochs are counted from 0, as in the printed log.

    Attributes
    ----------
    loss : list of float
        Mean training loss over the epoch's batches, measured before each batch's update.
    accuracy : list of float
        Training accuracy of the predictions made during the epoch (empty for regression losses).
    val_loss, val_accuracy : list of float
        The same on the validation data, if given, measured at the end of the epoch.
    best_epoch : int or None
        With early stopping (``patience``), the epoch of the lowest validation loss, whose weights the
        model was given back.
    """

    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    best_epoch: int = None

    @property
    def epochs(self):
        """Number of epochs recorded."""
        return len(self.loss)


def fit(
    model,
    X,
    y,
    loss="mse",
    optimizer=None,
    epochs=100,
    batch_size=None,
    shuffle=True,
    seed=None,
    log_every=None,
    validation_data=None,
    log_extra=None,
    patience=None,
):
    """Train ``model`` by gradient descent on ``(X, y)``.

    Every epoch visits the samples once, in mini-batches; for each batch: forward pass, loss and its
    gradient, backward pass, optimiser step. All work is on whole batches (matrix products); there is no
    Python loop over samples. The model trains in training mode (dropout on) and is left in evaluation mode.

    Parameters
    ----------
    model : Network
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets; class indices or one-hot rows for the categorical losses.
    loss : str or Loss, default "mse"
        See :func:`nnbook.losses.get`.
    optimizer : Optimizer, str or None
        An optimiser, or its name (``"sgd"``, ``"adam"``, ``"adamw"``) for one with default settings;
        None means ``SGD(lr=0.01)``.
    epochs : int, default 100
    batch_size : int or None
        None trains on the full batch each step; the last batch of an epoch may be smaller.
    shuffle : bool, default True
        Reshuffle the samples every epoch (ignored for the full batch).
    seed : int, numpy Generator or None
        Seed of the shuffling.
    log_every : int or None
        Print ``Epoch {epoch:3d}, Loss {loss:.4f}`` every this many epochs, from epoch 0 (None: silent).
    validation_data : tuple (X_val, y_val) or None
    log_extra : callable or None
        ``log_extra(model) -> str`` appended to each printed line (e.g. the current weights).
    patience : int or None
        Early stopping: stop when the validation loss has not improved for ``patience`` epochs, and give
        the model back the weights of its best epoch (``History.best_epoch``). Needs ``validation_data``.

    Returns
    -------
    History
    """
    run = _check_fit_arguments(
        model, X, y, loss, optimizer, epochs, batch_size, shuffle, seed, log_every, validation_data, log_extra, patience
    )
    history = History()
    best = None  # (validation loss, epoch, copies of the parameters) of the best epoch so far
    model.train()
    for epoch in range(run.epochs):
        order = run.rng.permutation(run.n) if run.shuffle and run.batch_size < run.n else np.arange(run.n)
        mean_loss, accuracy = _train_one_epoch(model, run, order, epoch)
        history.loss.append(mean_loss)
        if accuracy is not None:
            history.accuracy.append(accuracy)
        if run.X_val is not None:
            out = model.predict(run.X_val)
            history.val_loss.append(run.loss.value_and_gradient(out, run.y_val)[0])
            if accuracy is not None:
                history.val_accuracy.append(run.loss.accuracy(out, run.y_val))
        if run.log_every is not None and epoch % run.log_every == 0:
            print(_log_line(epoch, history, run.log_extra, model))
        if run.patience is not None:
            if best is None or history.val_loss[-1] < best[0]:
                best = (history.val_loss[-1], epoch, [p.copy() for _, p, _ in model.parameters()])
            elif epoch - best[1] >= run.patience:
                break
    if best is not None:
        for (_, p, _), saved in zip(model.parameters(), best[2], strict=True):
            p[...] = saved
        history.best_epoch = best[1]
    model.eval()
    return history


def _train_one_epoch(model, run, order, epoch):
    """One pass over the samples in mini-batches; returns the mean loss and accuracy (None for regression)."""
    total_loss, correct = 0.0, 0.0
    for start in range(0, run.n, run.batch_size):
        batch = order[start : start + run.batch_size]
        Xb, yb = run.X[batch], run.y[batch]
        out = model.forward(Xb)
        value, grad = run.loss.value_and_gradient(out, yb)
        if not np.isfinite(value):
            _diverged(value, epoch, start, run)
        accuracy = run.loss.accuracy(out, yb)
        if accuracy is not None:
            correct += accuracy * len(batch)
        model.backward(grad)
        run.optimizer.step(model.parameters())
        total_loss += value * len(batch)
    for name, p, _ in model.parameters():
        if not np.all(np.isfinite(p)):
            raise FloatingPointError(
                f"{name} holds NaN or infinite values after epoch {epoch}: the steps grew "
                f"too large (lower the learning rate, or scale the inputs)"
            )
    return total_loss / run.n, (None if accuracy is None else correct / run.n)


def _diverged(value, epoch, start, run):
    if epoch == 0 and start == 0:  # before any update: the weights are as initialised
        raise FloatingPointError(
            f"the loss is {value} before any update: the inputs are too large for this model (X holds values up "
            f"to {np.abs(run.X).max():.3g}); scale them, e.g. standardise each feature"
        )
    raise FloatingPointError(
        f"the loss became {value} at epoch {epoch}: the learning rate is probably too high for this problem"
    )


def _check_fit_arguments(
    model, X, y, loss, optimizer, epochs, batch_size, shuffle, seed, log_every, validation_data, log_extra, patience
):
    """Every argument of :func:`fit` checked once, and the targets in the form the loss computes with."""
    check_network(model)
    run = SimpleNamespace(
        loss=losses.get(loss),
        epochs=check_positive_int(epochs, "epochs"),
        shuffle=check_bool(shuffle, "shuffle"),
        rng=make_rng(seed, "seed"),
        log_every=check_positive_int(log_every, "log_every", allow_none=True),
        patience=check_positive_int(patience, "patience", allow_none=True),
        log_extra=log_extra,
    )
    run.optimizer = optim.SGD() if optimizer is None else optim.get(optimizer)
    check_callable(log_extra, "log_extra", "a function of the model", allow_none=True)
    run.X = check_matrix(X, "X", n_cols=model.n_in, what="the model expects n_in", dtype=model.dtype, finite=True)
    run.n = run.X.shape[0]
    y = check_targets(y, run.n, "y")
    run.y = run.loss.check_targets(y, (run.n, model.n_out), "y")
    batch_size = check_positive_int(batch_size, "batch_size", allow_none=True)
    run.batch_size = run.n if batch_size is None else min(batch_size, run.n)
    run.X_val = run.y_val = None
    if validation_data is not None:
        validation_data = check_pair(validation_data, "validation_data", "(X_val, y_val)")
        run.X_val = check_matrix(
            validation_data[0],
            "X_val",
            n_cols=model.n_in,
            what="the model expects n_in",
            dtype=model.dtype,
            finite=True,
        )
        y_val = check_targets(validation_data[1], run.X_val.shape[0], "y_val", rows_of="X_val")
        run.y_val = run.loss.check_targets(y_val, (run.X_val.shape[0], model.n_out), "y_val")
    if run.patience is not None and run.X_val is None:
        raise ValueError(
            f"patience={run.patience} stops on the validation loss, but validation_data is None: "
            f"pass validation_data=(X_val, y_val)"
        )
    return run


def _log_line(epoch, history, log_extra, model):
    line = f"Epoch {epoch:3d}, Loss {history.loss[-1]:.4f}"
    if history.accuracy:
        line += f", accuracy {history.accuracy[-1]:.3f}"
    if history.val_loss:
        line += f", val loss {history.val_loss[-1]:.4f}"
    if history.val_accuracy:
        line += f", val accuracy {history.val_accuracy[-1]:.3f}"
    return line + (log_extra(model) if log_extra is not None else "")
