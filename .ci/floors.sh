#!/usr/bin/env bash
# The declared floors of the core dependencies, tested: a fresh venv with the lowest versions that
# pyproject.toml allows (numpy 1.24, scipy 1.11, highspy 1.7), bargainlab installed without its
# dependencies, and the core and model tests (the fast ones) run against them.
# Usage: .ci/floors.sh [VENV_DIR]   (default: a temporary directory, removed afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
venv=${1:-}
if [ -z "$venv" ]; then
  venv=$(mktemp -d "${TMPDIR:-/tmp}/bargainlab-floors.XXXXXX")
  trap 'rm -rf "$venv"' EXIT
fi

echo "+ floors venv: $venv"
"$python" -m venv "$venv"
# shellcheck disable=SC1091
. "$venv/bin/activate"
pip install -q --upgrade pip
pip install -q "numpy==1.24.*" "scipy==1.11.*" "highspy==1.7.*" pytest hypothesis
pip install -q --no-deps .
python - <<'PY'
import highspy, numpy, scipy
print(f"floors: numpy {numpy.__version__}, scipy {scipy.__version__}, highspy {highspy.__version__ if hasattr(highspy, '__version__') else '1.7'}")
PY
# Run from outside the source tree so the installed package (not src/) is imported.
python -m pytest -o addopts="" -m "not slow" -q -p no:cacheprovider tests/core tests/models
