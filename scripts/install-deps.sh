#!/usr/bin/env bash
# Installs what mend needs to build and test from Debian packages. Idempotent: packages that
# are already installed are left alone, and apt is only asked for the missing ones.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev libmuparser-dev
  libboost-math-dev librandom123-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libsqlite3-dev libsqlitecpp-dev libcpp-httplib-dev
  libkainjow-mustache-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  python3 python3-jsonschema python3-yaml
  python3-dev pybind11-dev python3-numpy python3-pytest  # the Python module and its tests
  libopenmpi-dev openmpi-bin  # `mend montecarlo` across processes under mpirun
  libgmp-dev  # `mend game`: exact rational payoffs and equilibria (mpq_class from gmpxx.h)
  clang-14 libfuzzer-14-dev   # the libFuzzer targets under fuzz/ (`make fuzz`)
)

# The web workbench: Node.js and npm build web/, Debian's chromium runs its browser tests. Node.js
# may come from elsewhere than Debian (NodeSource's nodejs package bundles npm): the Debian packages
# are only asked for when the commands are missing, so an installed Node.js is never replaced.
packages+=(chromium)
# `mend report --pdf` is printed by that chromium; its test reads the PDF's text with pdftotext.
packages+=(poppler-utils)
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
