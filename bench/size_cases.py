#!/usr/bin/env python3
"""Worksheets at size (issue 11, "Size"): time and peak memory of the chainrule CLI on
generated models, per N. One command reproduces the README's figures:

    python3 bench/size_cases.py                      # every case, build/release/tools/chainrule
    python3 bench/size_cases.py --cli PATH --only chain --timeout 60

Cases (each model is written to a temporary directory):
  chain N     h_k = tanh(w*h_{k-1} + b), k = 1..N, E = 1/2 (t - h_N)^2: one shared w and b
              (every line reads the previous one and a param; deltas style, > 64 paths)
  chainw N    the same with a param w_k per line, `derive E wrt w1, b` (a path of N factors)
  sum N       E = w1*x1 + ... + wN*xN (2N named leaves), `derive E wrt w1`
  xsum N      E = x+x+...+x, one param: N terms in one expression (N = 1e5 is a 200 KB file)
  sumsq N     E = (w1*x1)^2 + ... , `derive E wrt w1`
  check N     `chainrule check` on the chain with two claims (one wrong, so the carried-forward
              search runs)
  gradcheck N `chainrule gradcheck` on the chain
Worksheets are timed in every format (md, tex, json, dot). Times are wall clock from
/usr/bin/time; "peak" is its maximum resident set size.
"""
import argparse
import os
import subprocess
import sys
import tempfile


def chain(n, per_line=False, claims=False):
    out = ["input x = 0.5", "target t = 0.25"]
    if per_line:
        out.append("param b = 0.1")
        out += [f"param w{k} = {0.5 + (k % 7) / 100:.2f}" for k in range(1, n + 1)]
    else:
        out.append("param w = 0.9, b = 0.1")
    prev = "x"
    for k in range(1, n + 1):
        out.append(f"h{k} = tanh({f'w{k}' if per_line else 'w'}*{prev} + b)")
        prev = f"h{k}"
    out.append(f"E = 1/2*(t - {prev})^2")
    if per_line:
        out.append("derive E wrt w1, b")
    if claims:
        out += ["check dE/db = 0.1", f"check h{n} = 0.5"]
    return "\n".join(out) + "\n"


def sum_model(n, squares=False):
    xs = ", ".join(f"x{k} = {(k % 10) / 10 + 0.1:.1f}" for k in range(1, n + 1))
    ws = ", ".join(f"w{k} = {(k % 9) / 10 + 0.1:.1f}" for k in range(1, n + 1))
    term = "(w{0}*x{0})^2" if squares else "w{0}*x{0}"
    body = " + ".join(term.format(k) for k in range(1, n + 1))
    return f"input {xs}\nparam {ws}\nE = {body}\nderive E wrt w1\n"


def xsum(n):
    return "param x = 0.5\nE = " + "+".join(["x"] * n) + "\n"


FORMATS = ["md", "tex", "json", "dot"]
CASES = {
    # name: (generator, sizes, commands: list of argument lists after the model path)
    "chain": (lambda n: chain(n), [500, 1000, 2000, 5000], [["worksheet", "--format", f] for f in FORMATS]),
    "chainw": (lambda n: chain(n, per_line=True), [500, 1000, 2000, 5000], [["worksheet"]]),
    "sum": (lambda n: sum_model(n), [10000, 100000], [["worksheet", "--format", f] for f in FORMATS]),
    "xsum": (xsum, [10000, 100000], [["worksheet", "--format", f] for f in FORMATS]),
    "sumsq": (lambda n: sum_model(n, squares=True), [10000, 100000], [["worksheet"]]),
    "check": (lambda n: chain(n, claims=True), [500, 1000, 2000, 5000], [["check"]]),
    "gradcheck": (lambda n: chain(n), [500, 1000, 2000, 5000], [["gradcheck"]]),
}


def measure(cli, model, args, timeout):
    """(seconds, peak MB, status) of one run; status is 'ok', 'exit N' or 'timeout'."""
    timing = model + ".time"
    cmd = ["/usr/bin/time", "-f", "%e %M", "-o", timing, cli, args[0], model] + args[1:]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
        status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}"
    except subprocess.TimeoutExpired:
        return timeout, float("nan"), "timeout"
    seconds, kb = open(timing).read().split()[-2:]
    return float(seconds), int(kb) / 1024, status


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cli", default=os.path.join(here, "..", "build", "release", "tools", "chainrule"))
    p.add_argument("--only", nargs="*", choices=sorted(CASES), help="cases to run (default: all)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    a = p.parse_args()
    if not os.access(a.cli, os.X_OK):
        sys.exit(f"no chainrule CLI at {a.cli} (build the target chainrule_cli first)")
    print(f"{'case':<10} {'N':>7}  {'command':<24} {'time':>9} {'peak':>9}  status")
    with tempfile.TemporaryDirectory() as tmp:
        for name in a.only or CASES:
            generate, sizes, commands = CASES[name]
            for n in sizes:
                model = os.path.join(tmp, f"{name}_{n}.chain")
                with open(model, "w") as f:
                    f.write(generate(n))
                for args in commands:
                    seconds, mb, status = measure(a.cli, model, args, a.timeout)
                    label = " ".join(args)
                    print(f"{name:<10} {n:>7}  {label:<24} {seconds:>8.2f}s {mb:>7.0f}MB  {status}", flush=True)


if __name__ == "__main__":
    main()
