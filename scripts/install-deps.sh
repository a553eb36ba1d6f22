#!/bin/sh
# Installs every Debian package chainrule needs to build, test and benchmark.
# Idempotent: packages already installed are skipped, and when all are present
# nothing is run at all (no apt-get update, no sudo prompt).
# Works on a minimal Debian 12 system that has only `make` and `git`.
set -eu

PACKAGES="
build-essential cmake ninja-build pkg-config
libboost-dev libfmt-dev catch2 libeigen3-dev libcli11-dev tao-pegtl-dev
nlohmann-json3-dev libbenchmark-dev
texlive-latex-base texlive-latex-recommended
"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    echo "install-deps: all packages present"
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
