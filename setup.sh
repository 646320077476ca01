#!/usr/bin/env bash
# One-time setup on a fresh Debian/Ubuntu machine: system packages (when we may install them)
# and the Python package with its extras. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # bubblewrap: the grader's sandbox; dataset-fashion-mnist: offline MNIST twin for the notebooks.
    apt-get install -y -qq bubblewrap dataset-fashion-mnist >/dev/null
    # chromium: the browser the report's tests render report.html in; fonts-nanum: Korean
    # glyphs for it. Debian has both; where there is no chromium package (Ubuntu's is a snap),
    # the browser tests are skipped and say why — except in CI (.ci/run), where they must run.
    apt-get install -y -qq chromium fonts-nanum >/dev/null ||
        echo "setup: no chromium package: the report's browser tests will be skipped" >&2
else
    echo "setup: not root or no apt-get: install bubblewrap, dataset-fashion-mnist and" \
         "chromium yourself" >&2
fi

# torch==2.13.0 is the CPU build; an unpinned torch would pull a multi-GB CUDA build.
python -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e ".[torch,dev]"
