#!/usr/bin/env bash
# The declared floors of the core dependencies, tested: a fresh venv with the lowest versions that
# pyproject.toml allows (numpy 1.24, scipy 1.11, highspy 1.10, tqdm 4.64, threadpoolctl 3.0),
# bargainlab's wheel installed without its dependencies, and the core and model tests (the fast
# ones) run against them; the wheel's file list is checked on the way (tests/test_wheel.py).
# Usage: .ci/floors.sh [WORK_DIR]   (default: a temporary directory, removed afterwards)
set -euo pipefail
unset PYTHONPATH  # the installed wheel, never the checkout's src/
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
work=${1:-}
if [ -z "$work" ]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/bargainlab-floors.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

echo "+ floors: $work"
"$python" -m venv "$work/venv"
# shellcheck disable=SC1091
. "$work/venv/bin/activate"
pip install -q --upgrade pip
pip install -q "numpy==1.24.*" "scipy==1.11.*" "highspy==1.10.*" "tqdm==4.64.*" "threadpoolctl==3.0.*" pytest hypothesis

# The wheel, built from a copy of the project (no stale build/ directory of the checkout).
rm -rf "$work/project" "$work/dist"
mkdir -p "$work/project"
cp -r pyproject.toml README.md LICENSE src "$work/project/"
pip wheel -q --no-deps -w "$work/dist" "$work/project"
wheel=$(ls "$work"/dist/bargainlab-*.whl)
pip install -q --no-deps "$wheel"

python - <<'PY'
import importlib.metadata as md
import bargainlab
print("floors:", ", ".join(f"{n} {md.version(n)}" for n in ("numpy", "scipy", "highspy", "tqdm", "threadpoolctl")), "| bargainlab", bargainlab.__version__)
PY
# The installed wheel is imported (the tests never put src/ on the path).
BARGAINLAB_WHEEL="$wheel" python -m pytest -o addopts="" -m "not slow" -q -p no:cacheprovider \
  tests/core tests/models tests/test_wheel.py
