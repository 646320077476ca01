#!/usr/bin/env bash
# The trusted side of grading: nnkit with its answers, and the grader, from the wheel in files/,
# into /autograder/source/lib, with the python3 first on PATH (setup.sh puts its venv first).
# Other users cannot enter /autograder/source (tests, the solution, the answers); what is inside
# keeps ordinary modes, so that the grader's student-only copy of nnkit is readable by the
# sandboxed worker. Offline; setup.sh runs it last.
set -euo pipefail
SOURCE=/autograder/source
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
python3 -m pip install --no-cache-dir --no-deps --no-index --quiet --target "$SOURCE/lib" \
    "$SOURCE"/files/nnkit-*+trusted-py3-none-any.whl
# pip leaves --target folders private to root; the grader copies nnkit (without its answers) from
# here into the worker's bundle, which the unprivileged worker must be able to read.
chmod -R u=rwX,go=rX "$SOURCE/lib"
chmod 700 "$SOURCE"
