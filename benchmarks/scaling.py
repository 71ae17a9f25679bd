"""How nnbook's training time scales with the width of the network, the number of samples and the float type.

1. Width. An MLP 64-h-h-10 (ReLU, softmax cross-entropy, Adam) trains on synthetic data (4 096 samples of 64
   features, 10 classes, batches of 256) for h = 64 ... 1024. Achieved GFLOP/s = the floating-point operations
   of the forward and backward matrix products of an epoch / the epoch's training time. The machine's rate
   for the same products is measured by timing exactly those products (same shapes and layouts) alone with
   NumPy; the ratio says how much of a training step is matrix multiplication and how much everything else
   (activations, loss, optimiser, Python).
2. Samples. Time per epoch for 1 000 ... 32 000 samples at width 256: it should grow linearly.
3. float32. The width sweep again with ``dtype=np.float32`` (speed), and the digits MLP 64-256-256-10 (50
   epochs, batches of 64, 3 seeds) in both types (test accuracy).

Batches of 256 rather than the digits benchmark's 64: wide layers are trained with larger batches, and the
question here is how close the training loop gets to the matrix products, not the per-batch overhead, which
the digits benchmark measures. Each measurement is the median of ``--repeats`` runs, nnbook and the bare matrix
products interleaved so that a busy machine slows both alike.

Run from the repository root: ``python benchmarks/scaling.py``. Writes ``benchmarks/results/scaling.json``,
``scaling.md`` (the tables, for the book page) and ``scaling.svg``.
"""

import argparse
import json
import statistics
import sys
import time
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import numpy as np

import nnbook as nn
from machine_info import blas_info, blas_line, machine, versions, versions_line

N_FEATURES, N_CLASSES = 64, 10
WIDTHS = [64, 128, 256, 512, 1024]
SAMPLES = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000]
WIDTH_SAMPLES = 4_096  # samples per epoch in the width sweep
SAMPLES_WIDTH = 256  # width of the samples sweep
BATCH_SIZE = 256
DIGITS_SIZES = [64, 256, 256, 10]
RESULTS = Path(__file__).resolve().parent / "results"


def synthetic(n, dtype, seed=0):
    """n samples of 64 Gaussian features; the class is the largest of 10 noisy random linear scores."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, N_FEATURES))
    y = np.argmax(X @ rng.normal(size=(N_FEATURES, N_CLASSES)) + 0.5 * rng.normal(size=(n, N_CLASSES)), axis=1)
    return X.astype(dtype), y


def matmul_flops(sizes, n_samples):
    """FLOPs of the matrix products of one epoch: per layer Z = A W^T, dW = delta^T A and (except for the
    first layer) delta W, each 2 * n_samples * n_in * n_out."""
    return sum(
        2 * n_samples * n_in * n_out * (2 if layer == 0 else 3) for layer, (n_in, n_out) in enumerate(pairwise(sizes))
    )


def train_epoch_seconds(sizes, X, y, dtype, epochs=1):
    """Seconds per epoch of nn.fit (Adam, batches of BATCH_SIZE), after one warm-up epoch."""
    model = nn.mlp(sizes, seed=0, dtype=dtype)
    optimizer = nn.Adam(1e-3)
    kwargs = dict(loss="softmax_cross_entropy", optimizer=optimizer, batch_size=BATCH_SIZE, seed=0)
    nn.fit(model, X[: 4 * BATCH_SIZE], y[: 4 * BATCH_SIZE], epochs=1, **kwargs)  # warm-up: allocations, caches
    start = time.perf_counter()
    nn.fit(model, X, y, epochs=epochs, **kwargs)
    return (time.perf_counter() - start) / epochs


def matmul_epoch_seconds(sizes, n_samples, dtype):
    """Seconds for one epoch's matrix products alone, with nnbook's shapes and memory layouts."""
    rng = np.random.default_rng(0)
    W = [rng.normal(size=(n_out, n_in)).astype(dtype) for n_in, n_out in pairwise(sizes)]
    dW = [np.empty_like(w) for w in W]
    starts = range(0, n_samples, BATCH_SIZE)
    batches = [min(BATCH_SIZE, n_samples - s) for s in starts]
    A = {b: [rng.normal(size=(b, n)).astype(dtype) for n in sizes] for b in set(batches)}

    def products(b):
        acts = A[b]
        for l, w in enumerate(W):
            acts[l] @ w.T  # forward: Z = A W^T
        for l in range(len(W) - 1, -1, -1):
            delta = acts[l + 1]
            np.matmul(delta.T, acts[l], out=dW[l])  # dW = delta^T A_prev
            if l > 0:
                delta @ W[l]  # gradient for the previous layer

    products(batches[0])  # warm-up
    start = time.perf_counter()
    for b in batches:
        products(b)
    return time.perf_counter() - start


def width_sweep(repeats):
    rows = []
    for width in WIDTHS:
        sizes = [N_FEATURES, width, width, N_CLASSES]
        flops = matmul_flops(sizes, WIDTH_SAMPLES)
        times = {"nnbook_float64": [], "nnbook_float32": [], "matmul_float64": [], "matmul_float32": []}
        for _ in range(repeats):
            for dtype in (np.float64, np.float32):
                X, y = synthetic(WIDTH_SAMPLES, dtype)
                name = np.dtype(dtype).name
                times[f"nnbook_{name}"].append(train_epoch_seconds(sizes, X, y, dtype))
                times[f"matmul_{name}"].append(matmul_epoch_seconds(sizes, WIDTH_SAMPLES, dtype))
        row = {"width": width, "sizes": sizes, "matmul_gflop_per_epoch": flops / 1e9, "seconds": times}
        median = {key: statistics.median(values) for key, values in times.items()}
        row["median_seconds"] = median
        row["gflops"] = {key: flops / seconds / 1e9 for key, seconds in median.items()}
        row["fraction_of_matmul_rate"] = {
            dt: median[f"matmul_{dt}"] / median[f"nnbook_{dt}"] for dt in ("float64", "float32")
        }
        row["float32_speedup"] = median["nnbook_float64"] / median["nnbook_float32"]
        rows.append(row)
        print(
            f"  width {width:5d}: nnbook {row['gflops']['nnbook_float64']:5.1f} GFLOP/s, matrix products alone "
            f"{row['gflops']['matmul_float64']:5.1f} GFLOP/s "
            f"({100 * row['fraction_of_matmul_rate']['float64']:.0f} %), "
            f"float32 {row['float32_speedup']:.2f}x faster",
            file=sys.stderr,
            flush=True,
        )
    return rows


def samples_sweep(repeats):
    sizes = [N_FEATURES, SAMPLES_WIDTH, SAMPLES_WIDTH, N_CLASSES]
    X_all, y_all = synthetic(max(SAMPLES), np.float64)
    times = {n: [] for n in SAMPLES}
    for _ in range(repeats):
        for n in SAMPLES:
            times[n].append(train_epoch_seconds(sizes, X_all[:n], y_all[:n], np.float64))
    median = [statistics.median(times[n]) for n in SAMPLES]
    slope, intercept = np.polyfit(SAMPLES, median, 1)
    predicted = slope * np.array(SAMPLES) + intercept
    r2 = 1 - np.sum((np.array(median) - predicted) ** 2) / np.sum((np.array(median) - np.mean(median)) ** 2)
    rows = [
        {"samples": n, "seconds_per_epoch": m, "microseconds_per_sample": 1e6 * m / n, "all_seconds": times[n]}
        for n, m in zip(SAMPLES, median, strict=True)
    ]
    for r in rows:
        print(
            f"  {r['samples']:6d} samples: {r['seconds_per_epoch']:.3f} s per epoch, "
            f"{r['microseconds_per_sample']:.1f} µs per sample",
            file=sys.stderr,
            flush=True,
        )
    return {
        "sizes": sizes,
        "rows": rows,
        "linear_fit": {"seconds_per_sample": slope, "intercept_seconds": intercept, "r_squared": r2},
    }


def digits_dtypes(seeds):
    """Test accuracy and training time of the digits MLP 64-256-256-10 in float64 and float32."""
    X, y = nn.datasets.load_digits()
    X_train, X_test, y_train, y_test = nn.datasets.train_test_split(X / 16.0, y, test_size=0.2, seed=0, stratify=y)
    result = {}
    for dtype in (np.float64, np.float32):
        runs = []
        for seed in range(seeds):
            model = nn.mlp(DIGITS_SIZES, seed=seed, dtype=dtype)
            Xt = X_train.astype(dtype)
            start = time.perf_counter()
            nn.fit(
                model,
                Xt,
                y_train,
                loss="softmax_cross_entropy",
                optimizer=nn.Adam(1e-3),
                epochs=50,
                batch_size=64,
                seed=seed,
            )
            seconds = time.perf_counter() - start
            accuracy = float(np.mean(model.predict(X_test.astype(dtype)).argmax(axis=1) == y_test))
            runs.append({"seconds": seconds, "accuracy": accuracy})
        name = np.dtype(dtype).name
        result[name] = {
            "runs": runs,
            "median_seconds": statistics.median(r["seconds"] for r in runs),
            "median_accuracy": statistics.median(r["accuracy"] for r in runs),
        }
        print(
            f"  digits {name}: accuracy {100 * result[name]['median_accuracy']:.1f} %, "
            f"{result[name]['median_seconds']:.2f} s",
            file=sys.stderr,
            flush=True,
        )
    return result


def plot(widths, samples, digits, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "nnbook"  # fixed ids: the same numbers give the same file
    fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(12, 3.8))
    w = [r["width"] for r in widths]
    for key, style, label in [
        ("matmul_float64", "k--", "matrix products alone, float64"),
        ("nnbook_float64", "C0-o", "nnbook training, float64"),
        ("matmul_float32", "k:", "matrix products alone, float32"),
        ("nnbook_float32", "C1-s", "nnbook training, float32"),
    ]:
        ax1.plot(w, [r["gflops"][key] for r in widths], style, label=label, ms=4)
    for r in widths:
        ax1.annotate(
            f"{100 * r['fraction_of_matmul_rate']['float64']:.0f} %",
            (r["width"], r["gflops"]["nnbook_float64"]),
            textcoords="offset points",
            xytext=(0, -13),
            ha="center",
            fontsize=8,
            color="C0",
        )
    ax1.set(
        xscale="log",
        xticks=w,
        xticklabels=[str(x) for x in w],
        xlabel="hidden width h (MLP 64-h-h-10)",
        ylabel="GFLOP/s of the matrix products",
        title="Speed against the machine's matmul rate",
    )
    ax1.minorticks_off()
    top = 1.45 * max(max(r["gflops"].values()) for r in widths)  # room for the legend
    ax1.set_ylim(-0.06 * top, top)  # and for the percentages below the lowest point
    ax1.legend(fontsize=7, frameon=False, loc="upper left")

    n = np.array([r["samples"] for r in samples["rows"]])
    t = np.array([r["seconds_per_epoch"] for r in samples["rows"]])
    fit = samples["linear_fit"]
    ax2.plot(n / 1000, t, "C0o", label="measured")
    ax2.plot(
        n / 1000,
        fit["seconds_per_sample"] * n + fit["intercept_seconds"],
        "k--",
        lw=1,
        label=f"straight line, $R^2$ = {fit['r_squared']:.4f}",
    )
    ax2.set(
        xlabel="samples per epoch (thousands)",
        ylabel="seconds per epoch",
        title=f"Time per epoch (width {SAMPLES_WIDTH}, float64)",
    )
    ax2.set_xlim(left=0)
    ax2.set_ylim(bottom=0)
    ax2.legend(fontsize=8, frameon=False)

    speedup = [r["float32_speedup"] for r in widths]
    ax3.bar([str(x) for x in w], speedup, color="C1")
    ax3.axhline(1.5, color="k", ls="--", lw=1, label="target 1.5× (width ≥ 256)")
    ax3.axhline(1.0, color="grey", lw=0.8)
    acc64, acc32 = (100 * digits[d]["median_accuracy"] for d in ("float64", "float32"))
    ax3.set(
        xlabel="hidden width h",
        ylabel="float64 time / float32 time",
        title=f"float32 speed-up (digits accuracy {acc32:.1f} % vs {acc64:.1f} %)",
    )
    ax3.title.set_fontsize(9)
    ax3.legend(fontsize=8, frameon=False, loc="upper left")
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)


def report(widths, samples, digits, repeats, seeds):
    """The results as Markdown: two tables and the summary lines (printed, and saved for the book page)."""
    lines = [
        f"**Width** (MLP 64-h-h-10, {WIDTH_SAMPLES} synthetic samples, batches of {BATCH_SIZE}, Adam; "
        f"median of {repeats}):",
        "",
        "| Hidden width h | nnbook float64 (GFLOP/s) | Matrix products alone (GFLOP/s) | Share of that rate | "
        "nnbook float32 (GFLOP/s) | float32 speed-up |",
        "|--:|--:|--:|--:|--:|--:|",
    ]
    for r in widths:
        lines.append(
            f"| {r['width']} | {r['gflops']['nnbook_float64']:.1f} | {r['gflops']['matmul_float64']:.1f} | "
            f"{100 * r['fraction_of_matmul_rate']['float64']:.0f} % | "
            f"{r['gflops']['nnbook_float32']:.1f} | {r['float32_speedup']:.2f}× |"
        )
    lines += [
        "",
        f"**Samples** (width {SAMPLES_WIDTH}, float64, batches of {BATCH_SIZE}):",
        "",
        "| Samples | Seconds per epoch | µs per sample |",
        "|--:|--:|--:|",
    ]
    for r in samples["rows"]:
        n = f"{r['samples']:,}".replace(",", " ")  # 32 000, as the book writes numbers
        lines.append(f"| {n} | {r['seconds_per_epoch']:.3f} | {r['microseconds_per_sample']:.1f} |")
    fit = samples["linear_fit"]
    acc = {d: 100 * digits[d]["median_accuracy"] for d in digits}
    sec = {d: digits[d]["median_seconds"] for d in digits}
    lines += [
        "",
        f"A straight line fits the time per epoch with $R^2$ = {fit['r_squared']:.4f}. "
        f"On the digits, the MLP {'-'.join(map(str, DIGITS_SIZES))} (50 epochs, batches of 64, median of "
        f"{seeds} seeds) reaches {acc['float64']:.1f} % test accuracy in float64 ({sec['float64']:.2f} s) and "
        f"{acc['float32']:.1f} % in float32 ({sec['float32']:.2f} s).",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement, median reported (default 3)")
    parser.add_argument("--seeds", type=int, default=3, help="seeds of the digits float32/float64 runs (default 3)")
    parser.add_argument("--threads", type=int, default=None, help="BLAS threads (default: the library's default)")
    parser.add_argument("--no-save", action="store_true", help="print only; do not write benchmarks/results/")
    args = parser.parse_args()
    if args.threads:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=args.threads)

    print("Width sweep ...", file=sys.stderr)
    widths = width_sweep(args.repeats)
    print("Samples sweep ...", file=sys.stderr)
    samples = samples_sweep(args.repeats)
    print("Digits in float64 and float32 ...", file=sys.stderr)
    digits = digits_dtypes(args.seeds)

    wide = [r for r in widths if r["width"] >= 512]
    fraction = min(r["fraction_of_matmul_rate"]["float64"] for r in wide)
    speedup = min(r["float32_speedup"] for r in widths if r["width"] >= 256)
    summary = {
        "min_fraction_of_matmul_rate_width_ge_512": fraction,
        "min_float32_speedup_width_ge_256": speedup,
        "digits_accuracy_float64": digits["float64"]["median_accuracy"],
        "digits_accuracy_float32": digits["float32"]["median_accuracy"],
        "time_per_epoch_r_squared": samples["linear_fit"]["r_squared"],
    }
    pools = blas_info()
    info_machine, info_versions = machine(), versions(("numpy", "nnbook"))
    date = datetime.now(UTC).isoformat(timespec="seconds")
    command = " ".join(["python", "benchmarks/scaling.py", *sys.argv[1:]])
    text = report(widths, samples, digits, args.repeats, args.seeds)
    print(text)
    print(f"\nBLAS: {blas_line(pools)}")
    if not args.no_save:
        RESULTS.mkdir(exist_ok=True)
        result = {
            "benchmark": "scaling",
            "date": date,
            "command": command,
            "batch_size": BATCH_SIZE,
            "width_samples": WIDTH_SAMPLES,
            "repeats": args.repeats,
            "threads": args.threads,
            "summary": summary,
            "widths": widths,
            "samples": samples,
            "digits_dtypes": digits,
            "versions": info_versions,
            "machine": info_machine,
            "blas": pools,
        }
        (RESULTS / "scaling.json").write_text(json.dumps(result, indent=2) + "\n")
        (RESULTS / "scaling.md").write_text(
            f"{text}\n\n- **Machine:** {info_machine['cpu']}, {info_machine['cpu_count']} logical CPUs, "
            f"{info_machine['platform']}.\n- **Versions:** {versions_line(info_versions)}.\n"
            f"- **BLAS:** {blas_line(pools)}.\n- **Measured:** {date[:10]}, with `{command}`.\n"
        )
        plot(widths, samples, digits, RESULTS / "scaling.svg")
        print(f"Wrote {RESULTS / 'scaling.json'}, {RESULTS / 'scaling.md'} and {RESULTS / 'scaling.svg'}")
    print(
        f"At width >= 512 nnbook trains at >= {100 * fraction:.0f} % of the matrix-product rate; "
        f"float32 is >= {speedup:.2f}x faster than float64 at width >= 256"
    )


if __name__ == "__main__":
    main()
