#!/usr/bin/python3
"""The PyTorch side of bench/bench_mnist.cpp: seed 004's MNIST classifier (784-64-16-10,
sigmoid hidden layers, softmax cross-entropy of the logits, SGD eta 0.2, batch 128,
float64 or float32) on the same data, split, batches and initial weights as chainrule's
(docs/models.md, "MNIST"):

- data: data/mnist/0.json ... 9.json concatenated in that order, permuted by the
  Fisher-Yates shuffle driven by splitmix64(4) (j = next() mod (i + 1), i = n-1 ... 1);
  the first 8 000 images train, the last 2 000 test;
- batches: the training set in that order, 128 at a time (the last one holds 64);
- weights: W (in x out) drawn row by row as -a + 2a*u, u = (next() >> 11) * 2**-53 from
  one splitmix64(seed) stream, layer after layer, a = sqrt(6 / (in + out)) (Xavier);
  biases 0. nn.Linear keeps W transposed (out x in).

Usage:
  mnist_pytorch.py [--epochs 40] [--threads 2] [--seed 1] [--data DIR]   train, print accuracy
  mnist_pytorch.py --serve [--threads 2] [--dtype float64|float32] [--data DIR]
      for bench_mnist: prints "ready torch <version> threads <n> dtype <d> blas <library>",
      then for each line "epoch" on stdin trains one epoch and prints its wall time in
      seconds; "quit" ends. <library> is the BLAS shared object mapped into this process
      and, for OpenBLAS, its build and thread count (Debian's libblas.so.3 is the netlib
      reference BLAS unless an optimised one such as libopenblas0-pthread is installed;
      OpenBLAS's threads follow OPENBLAS_NUM_THREADS, not torch.set_num_threads).
Prints "skip: <reason>" and exits with status 0 when torch is not installed.
"""
import argparse
import json
import math
import os
import sys
import time

MASK = (1 << 64) - 1


class SplitMix64:
    """splitmix64 (Steele, Lea & Flood 2014), as models/splitmix.hpp."""

    def __init__(self, seed):
        self.x = seed & MASK

    def next(self):
        self.x = (self.x + 0x9E3779B97F4A7C15) & MASK
        z = self.x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self, lo, hi):
        return lo + (hi - lo) * ((self.next() >> 11) * 2.0**-53)


def fisher_yates(n, seed):
    p = list(range(n))
    rng = SplitMix64(seed)
    for i in range(n - 1, 0, -1):
        j = rng.next() % (i + 1)
        p[i], p[j] = p[j], p[i]
    return p


def load_split(folder, torch, dtype):
    images, labels = [], []
    for digit in range(10):
        path = os.path.join(folder, f"{digit}.json")
        try:
            with open(path) as f:
                data = json.load(f)["data"]
        except FileNotFoundError:
            sys.exit(f"error: {path} not found; fetch the digits with scripts/fetch-mnist.sh (make mnist-data)")
        n = len(data) // 784
        images += [data[k * 784:(k + 1) * 784] for k in range(n)]
        labels += [digit] * n
    order = fisher_yates(len(labels), 4)
    x = torch.tensor([images[i] for i in order], dtype=torch.float64).to(dtype)
    y = torch.tensor([labels[i] for i in order], dtype=torch.long)
    return (x[:8000], y[:8000]), (x[8000:], y[8000:])


def make_model(torch, sizes, seed, dtype):
    rng = SplitMix64(seed)
    layers = []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        a = math.sqrt(6.0 / (fan_in + fan_out))
        w = [[rng.uniform(-a, a) for _ in range(fan_out)] for _ in range(fan_in)]
        linear = torch.nn.Linear(fan_in, fan_out).to(dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(w, dtype=torch.float64).t().to(dtype))
            linear.bias.zero_()
        layers += [linear, torch.nn.Sigmoid()]
    return torch.nn.Sequential(*layers[:-1])  # no activation after the last layer: logits


def blas_in_use():
    """The BLAS this process called: the BLAS shared objects mapped into it, and, for
    OpenBLAS, its own build description and thread count (asked through ctypes)."""
    paths = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split()
            if len(fields) < 6 or not fields[5].startswith("/"):
                continue  # anonymous mappings and "(deleted)" markers
            base = os.path.basename(fields[5])
            if base.startswith(("libblas.", "libopenblas", "libmkl", "libblis")):
                paths.add(os.path.realpath(fields[5]))
    if not paths:
        return "none-mapped"
    described = ",".join(sorted(paths))
    for path in sorted(paths):
        if "openblas" in os.path.basename(path):
            import ctypes
            lib = ctypes.CDLL(path)
            lib.openblas_get_config.restype = ctypes.c_char_p
            described += f" ({lib.openblas_get_config().decode()}, {lib.openblas_get_num_threads()} threads)"
            break
    return described


def train_epoch(model, optimizer, batches, torch):
    start = time.perf_counter()
    total = 0.0
    for x, y in batches:
        optimizer.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
    return time.perf_counter() - start, total / sum(len(y) for _, y in batches)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", default=os.path.join(here, "..", "data", "mnist"))
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    args = parser.parse_args()
    try:
        import torch
    except ImportError as e:
        print(f"skip: PyTorch is not installed ({e})", flush=True)
        return
    torch.set_num_threads(args.threads)
    dtype = getattr(torch, args.dtype)
    (x, y), (x_test, y_test) = load_split(args.data, torch, dtype)
    batches = [(x[k:k + 128], y[k:k + 128]) for k in range(0, len(y), 128)]
    model = make_model(torch, [784, 64, 16, 10], args.seed, dtype)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.2)
    if args.serve:
        print(f"ready torch {torch.__version__} threads {torch.get_num_threads()} dtype {args.dtype} "
              f"blas {blas_in_use()}", flush=True)
        for line in sys.stdin:
            if line.strip() != "epoch":
                break
            seconds, _ = train_epoch(model, optimizer, batches, torch)
            print(f"{seconds:.9f}", flush=True)
        return
    for epoch in range(1, args.epochs + 1):
        seconds, loss = train_epoch(model, optimizer, batches, torch)
        with torch.no_grad():
            right = (model(x_test).argmax(dim=1) == y_test).sum().item()
        print(f"epoch {epoch:3}/{args.epochs}  loss {loss:.4f}  test accuracy {100 * right / len(y_test):6.2f} %"
              f"  time {seconds:.3f} s", flush=True)


if __name__ == "__main__":
    main()
