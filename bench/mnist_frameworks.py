"""Train the same MNIST MLP in NumPy, PyTorch and Keras on the same data; print a table.

Usage:
    python bench/mnist_frameworks.py --data /work/shared/data/mnist [--epochs 10 --batch 32]
    python bench/mnist_frameworks.py --data PATH --preset accurate
    python bench/mnist_frameworks.py --data fashion      # Debian's Fashion-MNIST, offline

Not a test: it reads real MNIST (any folder or file ``nnkit.datasets.load_mnist`` reads) or, with
``--data fashion``, MNIST's drop-in twin from ``apt-get install dataset-fashion-mnist``.
Thread counts of every BLAS/OpenMP runtime are pinned (``--threads``, default 1) before NumPy,
torch or TensorFlow is imported, so all frameworks run under the same limit. Only training is
timed: imports, data conversion and model construction are excluded; evaluation is separate.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# "source": source 004's network and Keras defaults. "accurate": the documented setting that reaches
# >= 0.975 test accuracy on real MNIST (ReLU and a wider hidden layer; see bench/README.md).
PRESETS = {
    "source": {"hidden": 50, "activation": "sigmoid", "epochs": 10, "batch": 32},
    "accurate": {"hidden": 100, "activation": "relu", "epochs": 10, "batch": 32},
}
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True,
                        help='MNIST folder (IDX files) or mnist.npz; "fashion" for Fashion-MNIST')
    parser.add_argument("--preset", choices=sorted(PRESETS), default="source")
    parser.add_argument("--epochs", type=int, help="overrides the preset")
    parser.add_argument("--batch", type=int, help="overrides the preset")
    parser.add_argument("--hidden", type=int, help="overrides the preset")
    parser.add_argument("--threads", type=int, default=1,
                        help="BLAS/OpenMP threads for every framework (default 1)")
    parser.add_argument("--sgd-lr", type=float, default=0.1, help="learning rate of the SGD rows")
    parser.add_argument("--only", default="numpy,torch,keras",
                        help="comma-separated subset of numpy,torch,keras")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for key, value in PRESETS[args.preset].items():
        if getattr(args, key, None) is None:
            setattr(args, key, value)
    return args


def pin_threads(n: int) -> None:
    """Set every runtime's thread count; must run before numpy/torch/tensorflow load."""
    for var in THREAD_VARS:
        os.environ[var] = str(n)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TensorFlow's banner out


def timed(train):
    start = time.perf_counter()
    model = train()
    return model, time.perf_counter() - start


def run_numpy(data, args, optimizer: str) -> tuple[float, float]:
    from nnkit.frameworks.numpy_mlp import train_numpy_mlp

    (x, y), (x_test, y_test) = data
    lr = args.sgd_lr if optimizer == "sgd" else None
    model, seconds = timed(lambda: train_numpy_mlp(
        x, y, hidden_size=args.hidden, epochs=args.epochs, batch_size=args.batch,
        optimizer=optimizer, lr=lr, activation=args.activation, seed=args.seed))
    return model.accuracy(x_test, y_test), seconds


def run_torch(data, args, optimizer: str) -> tuple[float, float]:
    import torch

    from nnkit.frameworks import torch as nnkit_torch

    torch.set_num_threads(args.threads)
    (x, y), (x_test, y_test) = data
    lr = args.sgd_lr if optimizer == "sgd" else None
    model, seconds = timed(lambda: nnkit_torch.train_mlp(
        x, y, epochs=args.epochs, batch_size=args.batch, optimizer=optimizer, lr=lr,
        seed=args.seed, hidden_size=args.hidden, activation=args.activation))
    return nnkit_torch.evaluate_mlp(model, x_test, y_test), seconds


def run_keras(data, args) -> tuple[float, float] | None:
    try:
        import tensorflow  # noqa: F401 - only to know whether the Keras row can run
    except ImportError:
        return None
    from nnkit.frameworks import keras as nnkit_keras
    from nnkit.frameworks.numpy_mlp import as_features

    nnkit_keras.limit_threads(args.threads)
    (x, y), (x_test, y_test) = data
    x = as_features(x)  # converted before the clock starts, as the other rows' data is
    # train_mlp builds and compiles the model inside the timed call: ~0.1 s of the fit's time.
    model, seconds = timed(lambda: nnkit_keras.train_mlp(
        x, y, epochs=args.epochs, batch_size=args.batch, seed=args.seed,
        hidden_size=args.hidden, activation=args.activation))
    return nnkit_keras.evaluate_mlp(model, x_test, y_test), seconds


def collect(data, args) -> list[tuple[str, str, float | None, float | None]]:
    """Rows (framework, optimizer, test accuracy, training seconds); None when skipped."""
    wanted = set(args.only.split(","))
    rows = []
    if "numpy" in wanted:
        rows.append(("NumPy (nnkit)", "adam", *run_numpy(data, args, "adam")))
        rows.append(("NumPy (nnkit)", f"sgd {args.sgd_lr}", *run_numpy(data, args, "sgd")))
    if "torch" in wanted:
        rows.append(("PyTorch", "adam", *run_torch(data, args, "adam")))
        rows.append(("PyTorch", f"sgd {args.sgd_lr}", *run_torch(data, args, "sgd")))
    if "keras" in wanted:
        result = run_keras(data, args)
        rows.append(("Keras", "adam", *(result or (None, None))))
    return rows


def format_table(rows, args) -> str:
    reference = {opt.split()[0]: s for name, opt, _, s in rows if name.startswith("NumPy")}
    lines = [
        f"{args.dataset} {args.hidden}-hidden {args.activation} MLP (784-{args.hidden}-10), "
        f"{args.epochs} epochs, batch {args.batch}, preset {args.preset!r}, seed {args.seed}",
        f"threads pinned to {args.threads} ({', '.join(THREAD_VARS[:3])}, torch.set_num_threads,"
        " TF intra/inter-op); training time only",
        f"load average (1 min) before / after: {args.load_before:.2f} / {os.getloadavg()[0]:.2f}"
        f" on {os.cpu_count()} cores",
        "",
        f"| {'framework':<14} | {'optimizer':<9} | test acc | train s | time / NumPy same opt |",
        f"|{'-' * 16}|{'-' * 11}|----------|---------|-----------------------|",
    ]
    for name, opt, acc, seconds in rows:
        if acc is None:
            lines.append(f"| {name:<14} | {opt:<9} | skipped (tensorflow not installed) |")
            continue
        base = reference.get(opt.split()[0])
        ratio = f"{seconds / base:.2f}x" if base else "-"
        lines.append(f"| {name:<14} | {opt:<9} | {acc:8.4f} | {seconds:7.2f} | {ratio:>21} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    pin_threads(args.threads)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout
    from nnkit.datasets import load_fashion_mnist, load_mnist

    data = load_fashion_mnist() if args.data == "fashion" else load_mnist(args.data, download=False)
    args.dataset = "Fashion-MNIST" if args.data == "fashion" else "MNIST"
    args.load_before = os.getloadavg()[0]  # other work on the machine skews every timing
    rows = collect(data, args)
    print(format_table(rows, args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
