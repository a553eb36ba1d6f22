#!/bin/sh
# Installs every Debian package chainrule needs to build, test and benchmark.
# Idempotent: packages already installed are skipped, and when all are present
# nothing is run at all (no apt-get update, no sudo prompt).
# Works on a minimal Debian 12 system that has only `make` and `git`. clang and its
# runtime (libclang-rt) build the bounded libFuzzer run of the parser in `make test`.
# PDF worksheets (--format pdf) need pdflatex (texlive-latex-*), Latin Modern (lmodern:
# accented letters in T1 fonts) and, for Chinese titles and prose, the LaTeX CJK package
# with the Arphic font gbsn (latex-cjk-chinese, latex-cjk-chinese-arphic-gbsn00lp); the
# gallery test reads the PDFs back with pdftotext and renders them with pdftoppm
# (poppler-utils).
# HTML worksheets (--format html) typeset their math with KaTeX (libjs-katex, inlined into
# the page) and draw the graph with Graphviz (graphviz: dot -Tsvg). The digit recogniser
# (chainrule-mnist serve/predict) serves with cpp-httplib (libcpp-httplib-dev) and reads PNG
# with libpng (libpng-dev). The browser tests drive Debian's Chromium (chromium) with
# Playwright (npm playwright-core, pinned in tests/browser/package-lock.json; it cannot
# download a browser of its own here), installed into tests/browser/node_modules with npm;
# fonts-wqy-microhei gives that Chromium a Chinese font (the screenshots of --lang zh pages).
# `install-deps.sh --bench-mnist` (what `make bench-mnist` runs) adds the PyTorch side of the
# MNIST benchmark: python3-torch, and OpenBLAS (libopenblas0-pthread) so that PyTorch's
# libblas.so.3 is an optimised BLAS rather than the netlib reference one — not in the
# default install, since it changes which BLAS every program on the machine loads.
set -eu

PACKAGES="
build-essential cmake ninja-build pkg-config
libboost-dev libmpfr-dev libgmp-dev libfmt-dev catch2 libeigen3-dev libcli11-dev tao-pegtl-dev
nlohmann-json3-dev libbenchmark-dev
texlive-latex-base texlive-latex-recommended lmodern
latex-cjk-chinese latex-cjk-chinese-arphic-gbsn00lp poppler-utils
clang libclang-rt-14-dev
graphviz libjs-katex libcpp-httplib-dev libpng-dev chromium fonts-wqy-microhei
"
if [ "${1:-}" = "--bench-mnist" ]; then
    PACKAGES="$PACKAGES python3-torch libopenblas0-pthread"
fi

# The MNIST digits (data/mnist) for `make mnist` and bench_mnist, fetched once. Not fatal:
# the tests use a small fixture, so a machine without network still builds and tests. A
# failed attempt is remembered (data/.mnist-fetch-failed) so that every `make test` does
# not wait for the network again; `make mnist-data` tries again.
fetch_mnist() {
    root=$(cd "$(dirname "$0")/.." && pwd)
    if [ -f "$root/data/mnist/9.json" ] || [ -f "$root/data/.mnist-fetch-failed" ]; then return 0; fi
    if "$root/scripts/fetch-mnist.sh"; then return 0; fi
    mkdir -p "$root/data" && touch "$root/data/.mnist-fetch-failed"
    echo "install-deps: warning: could not fetch the MNIST digits; only make mnist and the MNIST" \
         "benchmark need them (make mnist-data tries again)" >&2
}

# Playwright for the browser tests (tests/browser). Not fatal, as for the digits: without it
# the browser tests are reported as skipped, with this reason.
install_playwright() {
    root=$(cd "$(dirname "$0")/.." && pwd)
    if [ -f "$root/tests/browser/node_modules/playwright-core/package.json" ]; then return 0; fi
    if (cd "$root/tests/browser" && npm ci --no-audit --no-fund --silent); then return 0; fi
    echo "install-deps: warning: npm ci in tests/browser failed; the browser tests will be skipped" >&2
}

missing=""
# npm (and Node.js) from Debian unless the machine has its own.
command -v npm >/dev/null 2>&1 || missing=" npm"
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
    fetch_mnist
    install_playwright
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-deps: need root or sudo to install:$missing" >&2
    exit 2
fi

echo "install-deps: installing:$missing"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086  # word splitting of the package list is intended
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fetch_mnist
install_playwright
