"""The student install: a wheel of ``nnkit`` without ``nnkit/reference``.

Students get data sets, plots, gradient checking and the check helpers their public tests call;
the answers never leave the instructor's side.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nnkit

STUDENT_VERSION = f"{nnkit.__version__}+student"
STUDENT_PYPROJECT = f"""\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "nnkit"
version = "{STUDENT_VERSION}"
description = "nnkit for students: data sets, plots, gradient checking, notebook checks"
requires-python = ">=3.11"
dependencies = ["numpy>=1.26", "matplotlib>=3.8", "scikit-learn>=1.3", "otter-grader==7.0.0"]

[tool.setuptools.packages.find]
include = ["nnkit*"]
exclude = ["nnkit.reference*"]
"""


def build_student_wheel(root: Path) -> Path:
    """Build ``build/student/nnkit-<version>+student-py3-none-any.whl`` and return its path."""
    out = root / "build" / "student"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as staging:
        source = Path(staging)
        shutil.copytree(root / "nnkit", source / "nnkit",
                        ignore=shutil.ignore_patterns("reference", "__pycache__", "*.pyc"))
        (source / "pyproject.toml").write_text(STUDENT_PYPROJECT, encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
             "--quiet", "--wheel-dir", str(out), str(source)],
            check=True,
        )
    wheels = sorted(out.glob("nnkit-*.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"expected one student wheel, found {len(wheels)}")
    return wheels[0]
