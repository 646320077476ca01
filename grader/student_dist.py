"""The student install: a wheel of ``nnkit`` without ``nnkit/reference``.

Students get data sets, plots, gradient checking and the check helpers their public tests call;
the answers never leave the instructor's side.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from grader.wheel import student_spec, write_wheel


def build_student_wheel(root: Path) -> Path:
    """Build ``build/student/nnkit-<version>+student-py3-none-any.whl`` and return its path."""
    out = root / "build" / "student"
    shutil.rmtree(out, ignore_errors=True)
    return write_wheel(root, student_spec(root), out)
