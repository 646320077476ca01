#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu with python3
# and pip; /autograder/source holds the unpacked zip). Everything goes into the image's python3,
# which run_autograder uses.
set -euo pipefail
SOURCE=/autograder/source
cd "$SOURCE"

if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "setup: the nnkit grader needs Python 3.11 or newer; this image has $(python3 --version 2>&1)." >&2
    echo "setup: choose Gradescope's Ubuntu 24.04 base image (Python 3.12)." >&2
    exit 1
fi

# bubblewrap: the grader's sandbox. Containers without user namespaces cannot start it; the
# grader then runs the student's code as an unprivileged user (results.json says which walls held).
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends bubblewrap; }; then
    echo "setup: bubblewrap could not be installed; grading falls back to an unprivileged user" >&2
fi

# Ubuntu 24.04 marks its python3 as externally managed (PEP 668); this image serves the grader
# alone. requirements.txt pins every package at the version the zip was built and tested with.
export PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
python3 -m pip install --no-cache-dir --no-deps -r requirements.txt

bash "$SOURCE/install_grader.sh"
