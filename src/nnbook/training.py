"""The training loop: forward, loss, backward, step — over mini-batches, for a number of epochs."""

from dataclasses import dataclass, field

import numpy as np

from . import losses, optim
from ._checks import check_matrix, check_positive_int, check_targets, make_rng
from .network import check_network

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


def fit(model, X, y, loss="mse", optimizer=None, epochs=100, batch_size=None, shuffle=True, seed=None,
        log_every=None, validation_data=None, log_extra=None):
    """Train ``model`` by gradient descent on ``(X, y)``.

    Every epoch visits the samples once, in mini-batches; for each batch:
    forward pass, loss and its gradient, :meth:`~nnbook.network.Network.backward`, optimiser step.
    All work is on whole batches (matrix products); there is no Python loop over samples. The arguments
    are checked once, before the first epoch (including that ``loss`` accepts the model's outputs and
    ``y``); the batches then run without checks.

    Parameters
    ----------
    model : Network
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        Targets; class indices or one-hot rows for the categorical losses.
    loss : str or Loss, default "mse"
        See :func:`nnbook.losses.get`.
    optimizer : Optimizer, str or None
        An optimiser, or its name (``"sgd"``, ``"adam"``) for one with default settings;
        None means ``SGD(lr=0.01)``.
    epochs : int, default 100
    batch_size : int or None
        None trains on the full batch each step.
    shuffle : bool, default True
        Reshuffle the samples every epoch (ignored for the full batch).
    seed : int, numpy Generator or None
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
    check_network(model)
    X = check_matrix(X, "X", n_cols=model.n_in, what="the model expects n_in", dtype=model.layers[0].dtype,
                     finite=True)
    y = check_targets(y, X.shape[0], "y")
    loss = losses.get(loss)
    optimizer = optim.SGD() if optimizer is None else optim.get(optimizer)
    epochs = check_positive_int(epochs, "epochs")
    batch_size = check_positive_int(batch_size, "batch_size", allow_none=True)
    log_every = check_positive_int(log_every, "log_every", allow_none=True)
    if log_extra is not None and not callable(log_extra):
        raise TypeError(f"log_extra must be a function of the model or None, got {type(log_extra).__name__}")
    rng = make_rng(seed, "seed")
    parameters = model._flat_parameters()  # one vector: the optimiser's dozen NumPy calls cover every array
    n = X.shape[0]
    batch_size = n if batch_size is None else min(batch_size, n)
    # Once for the whole run, so that the batches can skip the checks: the loss checks every target (and returns
    # them in the form it computes with), and what the model outputs on a first batch (a sigmoid's
    # probabilities for binary cross-entropy, say).
    y = loss._check_targets(y, (n, model.n_out))
    loss._check_predictions(model._forward(X[:batch_size]))
    if validation_data is not None:
        if not (isinstance(validation_data, (tuple, list)) and len(validation_data) == 2):
            raise ValueError(f"validation_data must be a tuple (X_val, y_val), got {type(validation_data).__name__}")
        X_val = check_matrix(validation_data[0], "X_val", n_cols=model.n_in, what="the model expects n_in",
                             dtype=model.layers[0].dtype, finite=True)
        y_val = check_targets(validation_data[1], X_val.shape[0], "y_val", rows_of="X_val")
        y_val = loss._check_targets(y_val, (X_val.shape[0], model.n_out))
    history = History()

    for epoch in range(epochs):
        order = rng.permutation(n) if shuffle and batch_size < n else None
        total = correct = 0.0
        for start in range(0, n, batch_size):
            idx = slice(start, start + batch_size) if order is None else order[start:start + batch_size]
            Xb, yb = X[idx], y[idx]
            out = model._forward(Xb)
            value, grad = loss._value_and_gradient(out, yb)
            if not np.isfinite(value):
                raise FloatingPointError(f"the loss became {value} at epoch {epoch}: "
                                         f"the learning rate is probably too high for this problem")
            if loss.classification:
                # Accuracy of the predictions made on the way (as Keras reports it): no extra pass over X.
                correct += loss._accuracy(out, yb) * Xb.shape[0]
            model.backward(grad)
            optimizer.step(parameters)
            total += value * Xb.shape[0]
        history.loss.append(total / n)
        if loss.classification:
            history.accuracy.append(correct / n)
        if validation_data is not None:
            out = model._forward(X_val)
            history.val_loss.append(loss._value_and_gradient(out, y_val)[0])
            if loss.classification:
                history.val_accuracy.append(loss._accuracy(out, y_val))
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
