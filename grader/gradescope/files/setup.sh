#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu with python3
# and pip from apt; /autograder/source holds the unpacked zip). The grader's packages go into a
# venv of their own, /opt/nnkit-grader, which run_autograder puts first on PATH: the
# distribution's python3 and its apt-installed packages stay as they are.
set -euo pipefail
umask 022  # the venv must be readable by the unprivileged user that runs students' code
SOURCE=/autograder/source
VENV=/opt/nnkit-grader
cd "$SOURCE"

if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "setup: the nnkit grader needs Python 3.11 or newer; this image has $(python3 --version 2>&1)." >&2
    echo "setup: choose Gradescope's Ubuntu 24.04 base image (Python 3.12)." >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_ready=
apt_install() {
    if [ -z "$apt_ready" ]; then apt-get update -qq && apt_ready=1 || return 1; fi
    apt-get install -y -qq --no-install-recommends "$@"
}

# bubblewrap: the grader's sandbox. Containers without user namespaces cannot start it; the
# grader then runs the student's code as an unprivileged user (results.json says which walls held).
if ! apt_install bubblewrap; then
    echo "setup: bubblewrap could not be installed; grading falls back to an unprivileged user" >&2
fi

# A venv, not the system python3: pip must not replace packages that apt installed (Debian's and
# Ubuntu's packaging, for one, cannot be uninstalled by pip: uninstall-no-record-file), and the
# system python3 is externally managed (PEP 668). Debian and Ubuntu ship venv's pip separately
# (python3-venv); the venv's pip comes from that package, offline.
rm -rf "$VENV"
if ! python3 -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    apt_install python3-venv || true
    if ! python3 -m venv "$VENV"; then
        echo "setup: python3 cannot make a venv (apt-get install python3-venv failed)." >&2
        exit 1
    fi
fi

# requirements.txt pins every package at the version the zip was built and tested with; wheels
# only, so that a version without a wheel for this Python fails here, not in a compiler.
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
"$VENV/bin/python" -m pip install --no-cache-dir --no-deps --only-binary=:all: \
    -r requirements.txt

PATH="$VENV/bin:$PATH" bash "$SOURCE/install_grader.sh"
