"""Pure-Python wheels of ``nnkit``, written directly (PEP 427), with no build backend.

A wheel of pure Python is a zip of the package files plus three metadata files. Writing it here
means ``python -m grader build`` works in any environment that can run the grader — a fresh
venv with the interpreter's default setuptools (which cannot ``bdist_wheel``) included — and
is byte-for-byte reproducible. The dependency list is read from ``pyproject.toml``: one copy.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import tomllib
import zipfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from grader.files import write_atomically

# Zip entries carry a timestamp; a fixed one makes rebuilding give the same bytes.
FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
SKIPPED_PARTS = {"__pycache__", ".ipynb_checkpoints"}
SKIPPED_SUFFIXES = {".pyc", ".pyo"}


class WheelError(RuntimeError):
    """The project's metadata or files could not be turned into a wheel."""


@dataclass(frozen=True)
class WheelSpec:
    """What goes into one wheel."""

    name: str
    version: str
    summary: str
    requires_python: str
    requirements: tuple[str, ...]
    packages: tuple[str, ...]  # top-level package folders under the project root
    excluded: tuple[str, ...] = ()  # package-relative folders left out, e.g. "nnkit/reference"

    @property
    def filename(self) -> str:
        return f"{_escape(self.name)}-{_escape(self.version)}-py3-none-any.whl"

    @property
    def dist_info(self) -> str:
        return f"{_escape(self.name)}-{_escape(self.version)}.dist-info"


def _escape(part: str) -> str:
    # PEP 427: runs of characters other than letters, digits and dots become one underscore.
    return re.sub(r"[^\w\d.+]+", "_", part)


def project_metadata(root: Path) -> dict:
    """The ``[project]`` table of ``root/pyproject.toml``."""
    try:
        with open(root / "pyproject.toml", "rb") as stream:
            return tomllib.load(stream)["project"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as error:
        raise WheelError(f"cannot read [project] from {root / 'pyproject.toml'}: {error}") \
            from None


def trusted_spec(root: Path) -> WheelSpec:
    """``nnkit`` with its reference answers, and the grader: the trusted side of grading.

    The Gradescope zip installs it into a folder that only root can read; the student's code
    gets a copy of ``nnkit`` without ``reference`` (:func:`grader.isolation.walls.worker_bundle`).
    """
    project = project_metadata(root)
    return WheelSpec(
        name=project["name"], version=f"{project['version']}+trusted",
        summary="nnkit with its reference answers, and its grader (the trusted grading side)",
        requires_python=project["requires-python"],
        requirements=tuple(project["dependencies"]), packages=("nnkit", "grader"),
    )


def student_spec(root: Path) -> WheelSpec:
    """``nnkit`` without ``nnkit/reference``: what students install.

    Its requirements are the project's, without extras (``otter-grader[grading]`` brings a
    kernel for grading; ``grader.check`` in the student's own kernel needs plain otter).
    """
    project = project_metadata(root)
    return WheelSpec(
        name=project["name"], version=f"{project['version']}+student",
        summary="nnkit for students: data sets, plots, gradient checking, notebook checks",
        requires_python=project["requires-python"],
        requirements=tuple(re.sub(r"\[[^\]]*\]", "", r) for r in project["dependencies"]),
        packages=("nnkit",), excluded=("nnkit/reference",),
    )


def package_files(root: Path, spec: WheelSpec) -> list[tuple[str, Path]]:
    """``(archive name, file)`` for every file of the spec's packages, sorted."""
    files = []
    for package in spec.packages:
        for path in sorted((root / package).rglob("*")):
            relative = path.relative_to(root).as_posix()
            if (path.is_file() and not SKIPPED_PARTS.intersection(path.parts)
                    and path.suffix not in SKIPPED_SUFFIXES
                    and not any(relative == e or relative.startswith(e + "/")
                                for e in spec.excluded)):
                files.append((relative, path))
    if not files:
        raise WheelError(f"no files for {spec.packages} under {root}")
    return files


def write_wheel(root: Path, spec: WheelSpec, folder: Path) -> Path:
    """Write the wheel into ``folder`` (replacing one of the same name); return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / spec.filename
    entries = [(name, path.read_bytes()) for name, path in package_files(root, spec)]
    entries += [(f"{spec.dist_info}/METADATA", _metadata(spec).encode()),
                (f"{spec.dist_info}/WHEEL", _wheel_file().encode()),
                (f"{spec.dist_info}/top_level.txt", "".join(
                    f"{p}\n" for p in spec.packages).encode())]
    record_name = f"{spec.dist_info}/RECORD"
    record = "".join(f"{name},{_digest(data)},{len(data)}\n" for name, data in entries)
    entries.append((record_name, (record + f"{record_name},,\n").encode()))
    return write_reproducible_zip(target, entries)


def write_reproducible_zip(target: Path, entries: Iterable[tuple[str, bytes]],
                           executables: Collection[str] = ()) -> Path:
    """Write ``(name, data)`` entries with fixed timestamps and modes (the same bytes on every
    build), atomically: a reader never sees half a zip, and two builds writing the same wheel
    at once (``build/student/``) leave one whole one."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP)
            info.external_attr = (0o755 if name in executables else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    write_atomically(target, buffer.getvalue(), mode=0o644)
    return target


def _metadata(spec: WheelSpec) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {spec.name}", f"Version: {spec.version}",
             f"Summary: {spec.summary}", f"Requires-Python: {spec.requires_python}"]
    lines += [f"Requires-Dist: {requirement}" for requirement in spec.requirements]
    return "\n".join(lines) + "\n"


def _wheel_file() -> str:
    return ("Wheel-Version: 1.0\nGenerator: nnkit grader.authoring.wheel\nRoot-Is-Purelib: true\n"
            "Tag: py3-none-any\n")


def _digest(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={digest.decode('ascii')}"
