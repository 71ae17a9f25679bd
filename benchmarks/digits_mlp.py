"""Train chapter 5's digits network with nnbook, scikit-learn, PyTorch and a per-sample NumPy loop.

The protocol is the same for every implementation: the digits shipped with nnbook, a stratified 80/20 split
(seed 0), pixels divided by 16, an MLP 64-128-64-10 with ReLU hidden layers, softmax cross-entropy, Adam
(lr 1e-3), mini-batches of 64, 50 epochs, float64 (PyTorch also in float32). Each training runs in a fresh
process (this script started again with ``--run``), so its peak memory is its own; a seed's runs are
interleaved with the other implementations' so that a busy machine slows them all alike. Reported: the median
over 3 seeds of the training time (``time.perf_counter`` around the training only), of the test accuracy and
of the peak resident memory (``getrusage``), and the ratio of each median time to scikit-learn's.

Run from the repository root:

    python benchmarks/digits_mlp.py                # prints the table, writes benchmarks/results/digits_mlp.*
    python benchmarks/digits_mlp.py --threads 1    # every library on one thread (steadier on a busy machine)

The last line printed is ``nnbook/sklearn time ratio: X.XX``.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib import util
from itertools import pairwise
from pathlib import Path

from machine_info import blas_info, blas_line, machine, versions, versions_line

# Imports of NumPy, scikit-learn and PyTorch happen inside the functions: a child process loads only the
# library it measures, so its peak memory is that library's.

SIZES = [64, 128, 64, 10]
EPOCHS = 50
BATCH_SIZE = 64
LEARNING_RATE = 1e-3
RESULTS = Path(__file__).resolve().parent / "results"

LABELS = {
    "nnbook": "nnbook (float64)",
    "sklearn": "scikit-learn MLPClassifier (float64)",
    "torch64": "PyTorch, CPU (float64)",
    "torch32": "PyTorch, CPU (float32)",
    "loop": "NumPy, one sample at a time (float64)",
}


def digits():
    """The benchmark's data: shipped digits, pixels in [0, 1], stratified 80/20 split with seed 0."""
    import nnbook as nn

    X, y = nn.datasets.load_digits()
    return nn.datasets.train_test_split(X / 16.0, y, test_size=0.2, seed=0, stratify=y)


def train_nnbook(seed):
    import numpy as np

    import nnbook as nn

    X_train, X_test, y_train, y_test = digits()
    model = nn.mlp(SIZES, hidden="relu", output="identity", seed=seed)
    start = time.perf_counter()
    nn.fit(
        model,
        X_train,
        y_train,
        loss="softmax_cross_entropy",
        optimizer=nn.Adam(lr=LEARNING_RATE),
        epochs=EPOCHS,
        batch_size=BATCH_SIZE,
        seed=seed,
    )
    seconds = time.perf_counter() - start
    accuracy = np.mean(model.predict(X_test).argmax(axis=1) == y_test)
    return seconds, float(accuracy), EPOCHS


def train_sklearn(seed):
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    X_train, X_test, y_train, y_test = digits()
    model = MLPClassifier(
        hidden_layer_sizes=tuple(SIZES[1:-1]),
        activation="relu",
        solver="adam",
        learning_rate_init=LEARNING_RATE,
        batch_size=BATCH_SIZE,
        max_iter=EPOCHS,
        alpha=0.0,
        tol=0.0,
        n_iter_no_change=EPOCHS,
        early_stopping=False,
        shuffle=True,
        random_state=seed,
    )
    with warnings.catch_warnings():
        # It runs all max_iter epochs on purpose and would warn that the optimisation has not converged.
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = time.perf_counter()
        model.fit(X_train, y_train)
        seconds = time.perf_counter() - start
    return seconds, float(model.score(X_test, y_test)), int(model.n_iter_)


def train_torch(seed, dtype_name, threads):
    import torch

    torch.set_num_threads(threads or os.cpu_count())
    torch.manual_seed(seed)
    dtype = getattr(torch, dtype_name)
    X_train, X_test, y_train, y_test = digits()
    X, y = torch.tensor(X_train, dtype=dtype), torch.tensor(y_train)
    X_test, y_test = torch.tensor(X_test, dtype=dtype), torch.tensor(y_test)
    layers = []
    for n_in, n_out in pairwise(SIZES):
        layers += [torch.nn.Linear(n_in, n_out, dtype=dtype), torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])  # no ReLU after the output layer: it gives logits
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    loss_fn = torch.nn.CrossEntropyLoss()
    shuffle = torch.Generator().manual_seed(seed)
    n = len(X)
    start = time.perf_counter()
    for _ in range(EPOCHS):
        order = torch.randperm(n, generator=shuffle)
        for first in range(0, n, BATCH_SIZE):
            batch = order[first : first + BATCH_SIZE]
            optimizer.zero_grad()
            loss_fn(model(X[batch]), y[batch]).backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = (model(X_test).argmax(dim=1) == y_test).double().mean().item()
    return seconds, accuracy, EPOCHS


def train_loop(seed, epochs):
    """The same network and maths in plain NumPy, one sample at a time: z = W a + b with vectors.

    Initialisation (He) and shuffling use the same generators as nn.mlp and nn.fit, so after the same
    epochs the weights equal nnbook's up to rounding. Each mini-batch's gradient is the mean of its samples'
    gradients, followed by one Adam step, exactly as for the whole batch at once.
    """
    import numpy as np

    X_train, X_test, y_train, y_test = digits()
    init = np.random.default_rng(seed)
    W = [init.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in)) for n_in, n_out in pairwise(SIZES)]
    b = [np.zeros(n_out) for n_out in SIZES[1:]]
    L = len(W)
    params = W + b
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    beta1, beta2, eps, t = 0.9, 0.999, 1e-8, 0
    shuffle = np.random.default_rng(seed)
    n = len(X_train)
    start = time.perf_counter()
    for _ in range(epochs):
        order = shuffle.permutation(n)
        for first in range(0, n, BATCH_SIZE):
            batch = order[first : first + BATCH_SIZE]
            grads = [np.zeros_like(p) for p in params]
            for i in batch:
                a, z = [X_train[i]], []
                for l in range(L):
                    z.append(W[l] @ a[l] + b[l])
                    a.append(np.maximum(z[l], 0.0) if l < L - 1 else z[l])
                p = np.exp(a[L] - a[L].max())
                delta = p / p.sum()
                delta[y_train[i]] -= 1.0  # softmax + cross-entropy: dL/dz = p - y
                for l in range(L - 1, -1, -1):
                    grads[l] += np.outer(delta, a[l])
                    grads[L + l] += delta
                    if l > 0:
                        delta = (W[l].T @ delta) * (z[l - 1] > 0)
            t += 1
            for p, g, m_p, v_p in zip(params, grads, m, v, strict=True):
                g /= len(batch)
                m_p *= beta1
                m_p += (1 - beta1) * g
                v_p *= beta2
                v_p += (1 - beta2) * g * g
                p -= LEARNING_RATE * (m_p / (1 - beta1**t)) / (np.sqrt(v_p / (1 - beta2**t)) + eps)
    seconds = (time.perf_counter() - start) * EPOCHS / epochs
    A = X_test
    for l in range(L):
        A = A @ W[l].T + b[l]
        A = np.maximum(A, 0.0) if l < L - 1 else A
    return seconds, float(np.mean(A.argmax(axis=1) == y_test)), epochs


def run_one(name, seed, threads, loop_epochs):
    """Train one implementation once in this process; return its measurements as a dict."""
    train = {
        "nnbook": lambda: train_nnbook(seed),
        "sklearn": lambda: train_sklearn(seed),
        "torch64": lambda: train_torch(seed, "float64", threads),
        "torch32": lambda: train_torch(seed, "float32", threads),
        "loop": lambda: train_loop(seed, loop_epochs),
    }[name]
    seconds, accuracy, epochs = train()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is in KiB on Linux
    return {"seconds": seconds, "accuracy": accuracy, "peak_rss_mib": peak_mib, "epochs_run": epochs}


def child(name, seed, threads, loop_epochs):
    """Run ``name`` with ``seed`` in a fresh Python process and return what it reports."""
    cmd = [sys.executable, __file__, "--run", name, "--seed", str(seed), "--loop-epochs", str(loop_epochs)]
    if threads:
        cmd += ["--threads", str(threads)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{name} (seed {seed}) failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def markdown_table(summary, loop_epochs):
    """The results table in Markdown, one row per implementation."""
    rows = [
        "| Implementation | Training time (s) | Test accuracy (%) | Peak memory (MiB) | Time / scikit-learn |",
        "|:--|--:|--:|--:|--:|",
    ]
    for name, s in summary.items():
        label = LABELS[name]
        accuracy = f"{100 * s['accuracy']:.1f}"
        if name == "loop":
            label += f", {loop_epochs} epochs timed ×{EPOCHS / loop_epochs:g}"
            accuracy += f" (after {loop_epochs} epochs)"
        ratio = f"{s['ratio_to_sklearn']:.2f}" if s.get("ratio_to_sklearn") is not None else "–"
        rows.append(f"| {label} | {s['seconds']:.2f} | {accuracy} | {s['peak_rss_mib']:.0f} | {ratio} |")
    return "\n".join(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=3, help="number of seeds (0, 1, ...), default 3")
    parser.add_argument(
        "--loop-epochs",
        type=int,
        default=5,
        help="epochs the per-sample loop runs before its time is scaled to 50 (default 5)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="threads for BLAS and PyTorch (default: the libraries' defaults, PyTorch: cores)",
    )
    parser.add_argument("--only", nargs="+", choices=list(LABELS), help="run only these (results not saved)")
    parser.add_argument("--run", choices=list(LABELS), help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.run:
        print(json.dumps(run_one(args.run, args.seed, args.threads, args.loop_epochs)))
        return

    if args.threads:
        # Before NumPy is loaded anywhere: the children inherit the limit, and blas_info() below reports it.
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
    names = args.only or [name for name in LABELS if not name.startswith("torch") or util.find_spec("torch")]
    load_before = os.getloadavg()
    runs = {name: [] for name in names}
    for seed in range(args.seeds):
        rotated = names[seed % len(names) :] + names[: seed % len(names)]  # no implementation always goes first
        for name in rotated:
            print(f"  {name}, seed {seed} ...", file=sys.stderr, flush=True)
            runs[name].append(child(name, seed, args.threads, args.loop_epochs))
    load_after = os.getloadavg()

    summary = {}
    for name in names:
        summary[name] = {
            key: statistics.median(run[key] for run in runs[name]) for key in ("seconds", "accuracy", "peak_rss_mib")
        }
    if "sklearn" in summary:
        for s in summary.values():
            s["ratio_to_sklearn"] = s["seconds"] / summary["sklearn"]["seconds"]

    info_versions, info_machine = versions(), machine()
    measured_torch = any(name.startswith("torch") for name in names)
    if measured_torch:
        import torch

        torch.set_num_threads(args.threads or os.cpu_count())  # as every PyTorch child does: blas_info reports it
    pools = blas_info(("numpy", "sklearn.neural_network") + (("torch",) if measured_torch else ()))
    table = markdown_table(summary, args.loop_epochs)
    threads = (
        f"{args.threads} thread(s) for every library"
        if args.threads
        else f"library defaults (PyTorch: {os.cpu_count()} threads)"
    )
    versions_text = versions_line(info_versions)
    machine_line = (
        f"{info_machine['cpu']}, {info_machine['cpu_count']} logical CPUs"
        + (f", {info_machine['memory_gib']} GiB" if "memory_gib" in info_machine else "")
        + f", {info_machine['platform']}"
    )
    date = datetime.now(UTC).isoformat(timespec="seconds")
    command = " ".join(["python", "benchmarks/digits_mlp.py", *sys.argv[1:]])
    protocol = (
        f"MLP {'-'.join(map(str, SIZES))}, ReLU, softmax cross-entropy, Adam (lr {LEARNING_RATE:g}), "
        f"batches of {BATCH_SIZE}, {EPOCHS} epochs; shipped digits, stratified 80/20 split (seed 0), "
        f"pixels / 16. Median of {args.seeds} seeds, each training in a fresh process."
    )

    print(table)
    print()
    print(protocol)
    print(f"Machine: {machine_line}; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print(f"Versions: {versions_text}")
    print(f"BLAS: {blas_line(pools)}; threads: {threads}")

    if args.only:
        print("(--only: results not saved)")
    else:
        RESULTS.mkdir(exist_ok=True)
        result = {
            "benchmark": "digits_mlp",
            "date": date,
            "command": command,
            "protocol": protocol,
            "threads": args.threads,
            "loop_epochs": args.loop_epochs,
            "seeds": list(range(args.seeds)),
            "summary": summary,
            "runs": runs,
            "labels": {n: LABELS[n] for n in names},
            "versions": info_versions,
            "machine": info_machine,
            "blas": pools,
            "load_average": {"before": load_before, "after": load_after},
        }
        (RESULTS / "digits_mlp.json").write_text(json.dumps(result, indent=2) + "\n")
        (RESULTS / "digits_mlp.md").write_text(
            f"{table}\n\n{protocol} The per-sample loop trains {args.loop_epochs} epochs; its time is scaled to "
            f"{EPOCHS}.\n\n"
            f"- **Machine:** {machine_line} (load average {load_before[0]:.1f} at the start).\n"
            f"- **Versions:** {versions_text}.\n"
            f"- **BLAS:** {blas_line(pools)}; threads: {threads}.\n"
            f"- **Measured:** {date[:10]}, with `{command}`.\n"
        )
        print(f"Wrote {RESULTS / 'digits_mlp.json'} and {RESULTS / 'digits_mlp.md'}")
    if "sklearn" in summary and "nnbook" in summary:
        print(f"nnbook/sklearn time ratio: {summary['nnbook']['ratio_to_sklearn']:.2f}")


if __name__ == "__main__":
    main()
