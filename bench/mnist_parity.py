#!/usr/bin/python3
"""Checks that chainrule and PyTorch train seed 004's MNIST classifier identically.

Runs chainrule-mnist (the sigmoid model: 784-64-16-10, SGD eta 0.2, batch 128, float64)
and bench/mnist_pytorch.py on the same split, batches and initial weights, and compares
what both print epoch by epoch: the mean training loss (4 decimals) and the test
accuracy. Agreement at every epoch is an end-to-end check of chainrule's gradients and
SGD step against an independent implementation. Says which PyTorch and which BLAS ran
(Debian's python3-torch links the netlib reference BLAS: right numbers, slow).

Usage:
  python3 bench/mnist_parity.py [--epochs 40] [--seed 1] [--threads 1]
                                [--mnist build/release/examples/mnist/chainrule-mnist]
                                [--python /usr/bin/python3] [--data data/mnist]
Needs: the digits (make mnist-data), the built chainrule-mnist, and PyTorch
(apt-get install python3-torch; not installed by scripts/install-deps.sh).
Exit status: 0 every epoch agrees, 1 an epoch differs, 77 not checked (no PyTorch).
Not part of `make test`: PyTorch is an optional, large package.
"""
import argparse
import os
import re
import subprocess
import sys

EPOCH = re.compile(r"^epoch +(\d+)/\d+ +loss ([0-9.]+) +test accuracy +([0-9.]+) %")


def epochs_printed(command):
    """Runs command; returns {epoch: (loss text, accuracy text)} from its epoch lines."""
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    found = {}
    for line in out.splitlines():
        m = EPOCH.match(line)
        if m:
            found[int(m.group(1))] = (m.group(2), m.group(3))
    return found


def torch_build(python):
    """PyTorch's version and the BLAS it links, or None when PyTorch is missing."""
    probe = ("import torch, re; c = torch.__config__.show(); "
             "b = re.search(r'BLAS_INFO=([^,\\n]*)', c); "
             "print(torch.__version__, b.group(1) if b else 'unknown')")
    r = subprocess.run([python, "-c", probe], capture_output=True, text=True)
    return r.stdout.split() if r.returncode == 0 else None


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--mnist", default=os.path.join(root, "build", "release", "examples",
                                                        "mnist", "chainrule-mnist"))
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--data", default=os.path.join(root, "data", "mnist"))
    args = parser.parse_args()

    build = torch_build(args.python)
    if build is None:
        print(f"not checked: PyTorch is not importable by {args.python} "
              "(apt-get install python3-torch)")
        return 77
    print(f"PyTorch {build[0]}, BLAS_INFO={build[1]}"
          + (" (the netlib reference BLAS)" if build[1] == "generic" else ""))

    common = ["--epochs", str(args.epochs), "--seed", str(args.seed), "--threads", str(args.threads),
              "--data", args.data]
    ours = epochs_printed([args.mnist] + common)
    theirs = epochs_printed([args.python, os.path.join(root, "bench", "mnist_pytorch.py")] + common)
    if len(ours) != args.epochs or len(theirs) != args.epochs:
        print(f"epoch lines: chainrule {len(ours)}, PyTorch {len(theirs)}, expected {args.epochs}")
        return 1
    differing = [e for e in sorted(ours) if ours[e] != theirs.get(e)]
    for e in sorted(ours):
        mark = "differs" if e in differing else "same"
        print(f"epoch {e:3}  chainrule loss {ours[e][0]} acc {ours[e][1]} %   "
              f"PyTorch loss {theirs[e][0]} acc {theirs[e][1]} %   {mark}")
    if differing:
        print(f"{len(differing)} of {args.epochs} epochs differ (first: epoch {differing[0]})")
        return 1
    print(f"all {args.epochs} epochs print the same loss and test accuracy (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
