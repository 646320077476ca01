"""The student install: a wheel of ``nnkit`` without ``nnkit/reference``.

Students get data sets, plots, gradient checking and the check helpers their public tests call;
the answers never leave the instructor's side.
"""

from __future__ import annotations

from pathlib import Path

from grader.authoring.wheel import student_spec, write_wheel


def build_student_wheel(root: Path) -> Path:
    """Build ``build/student/nnkit-<version>+student-py3-none-any.whl`` and return its path.

    Every build command writes it, also two at once: the wheel is replaced in one rename (the
    same bytes each time), and only wheels of other versions are removed — never the folder.
    """
    wheel = write_wheel(root, student_spec(root), root / "build" / "student")
    for other in wheel.parent.glob("*.whl"):
        if other != wheel:
            other.unlink(missing_ok=True)
    return wheel
