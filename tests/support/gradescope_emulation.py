"""Gradescope without Docker: a zip graded in an emulated container.

The container is a bubblewrap mount and PID namespace, as root (like Gradescope's): the system's
``/usr`` and ``/etc``, this interpreter's folders read-only (so that ``python3`` on PATH is this
interpreter, with its packages), a private ``/tmp`` and ``/root``, and a scratch folder bound at
``/autograder``. Nothing of the project is visible: the zip must carry all the grader needs.

:func:`install` does what ``setup.sh`` leaves behind that this machine can do offline (it runs
the zip's ``install_grader.sh``; the apt and PyPI steps are this interpreter's packages). Each
:func:`run_autograder` starts from a fresh copy of it, like a fresh container from the image.
With ``bubblewrap=False`` the container's ``bwrap`` fails the way it does in a container without
user namespaces, so the grader must fall back to an unprivileged user.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy

# What bwrap says in a container whose kernel refuses it user namespaces.
BROKEN_BWRAP = ("#!/bin/sh\necho 'bwrap: No permissions to creating new namespace, likely because "
                "the kernel does not allow non-privileged user namespaces.' >&2\nexit 1\n")


@dataclass(frozen=True)
class Image:
    """An unpacked zip after setup: the folder that becomes /autograder/source."""

    source: Path


@dataclass(frozen=True)
class Run:
    """One submission graded in a fresh container."""

    returncode: int
    output: str  # what Gradescope would keep as /autograder/results/stdout
    results: dict | None
    seconds: float
    root: Path  # the container's /autograder, left for inspection

    @property
    def scores(self) -> dict[str, float]:
        """Each graded function's score (the instructor's hidden entry has no max_score)."""
        return {t["name"]: t["score"] for t in self.results["tests"] if t.get("max_score")}

    def test(self, name: str) -> dict:
        return next(t for t in self.results["tests"] if t["name"] == name)


def install(zip_path: Path, folder: Path) -> Image:
    """Unpack the zip and install its trusted side, as setup.sh would (offline)."""
    source = folder / "source"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(source)
        for info in archive.infolist():  # zipfile does not restore modes; Gradescope's unzip does
            os.chmod(source / info.filename, (info.external_attr >> 16) or 0o644)
    os.chmod(source, 0o755)
    image = Image(source)
    completed = _in_container(folder, ["bash", "/autograder/source/install_grader.sh"],
                              timeout=300)
    if completed.returncode != 0:
        raise RuntimeError(f"install_grader.sh failed:\n{completed.stdout}{completed.stderr}")
    return image


def run_autograder(image: Image, scratch: Path, files: dict[str, bytes], *,
                   bubblewrap: bool = True, drop: Path | None = None,
                   config: dict | None = None, links: dict[str, str] | None = None,
                   timeout: float = 300) -> Run:
    """Grade ``files`` (name → content, the student's upload) as Gradescope would.

    ``drop``: a folder bound at /drop, writable by anyone, where a hostile submission may report
    what it managed to do. ``config``: entries of the zip's gradescope.json to change.
    ``links``: symbolic links in the upload (name → target, a path as the container sees it).
    """
    root = scratch / "autograder"
    root.mkdir(parents=True)
    os.chmod(root, 0o755)
    shutil.copytree(image.source, root / "source", symlinks=True)
    if config:
        settings = root / "source" / "gradescope.json"
        settings.write_text(json.dumps(json.loads(settings.read_text()) | config))
    shutil.copy2(root / "source" / "run_autograder", root / "run_autograder")
    (root / "submission").mkdir()
    for name, content in files.items():
        (root / "submission" / name).write_bytes(content)
    for name, target in (links or {}).items():
        (root / "submission" / name).symlink_to(target)
    (root / "results").mkdir()
    os.chmod(root / "results", 0o777)  # the grader must close it itself
    started = time.monotonic()
    completed = _in_container(root, ["/autograder/run_autograder"], bubblewrap=bubblewrap,
                              drop=drop, timeout=timeout)
    seconds = time.monotonic() - started
    results_file = root / "results" / "results.json"
    results = json.loads(results_file.read_text(encoding="utf-8")) if results_file.exists() \
        else None
    return Run(completed.returncode, completed.stdout + completed.stderr, results, seconds, root)


def _in_container(autograder: Path, command: list[str], *, bubblewrap: bool = True,
                  drop: Path | None = None, timeout: float) -> subprocess.CompletedProcess:
    """Run ``command`` as root in an emulated container whose /autograder is ``autograder``."""
    # /proc: this machine's, covered below by a fresh one of the container's PID namespace.
    # bubblewrap's own --proc adds read-only covers under /proc, after which the kernel refuses
    # the grader's nested bubblewrap a /proc of its own.
    args = ["bwrap", "--die-with-parent", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--dev-bind", "/proc", "/proc", "--dev", "/dev", "--ro-bind", "/usr", "/usr",
            "--ro-bind", "/etc", "/etc"]
    for folder in ("/bin", "/lib", "/lib64", "/lib32", "/sbin"):  # symlinks into /usr, or not
        args += ["--ro-bind-try", folder, folder]
    args += ["--tmpfs", "/tmp", "--tmpfs", "/root"]
    for root in _interpreter_folders():
        for parent in reversed(root.parents[:-2]):  # made by bubblewrap: open them like /usr
            args += ["--perms", "0755", "--dir", str(parent)]
        args += ["--ro-bind", str(root), str(root)]
    args += ["--bind", str(autograder), "/autograder"]
    if not bubblewrap:
        fake = autograder.parent / "bwrap-without-user-namespaces"
        fake.write_text(BROKEN_BWRAP, encoding="utf-8")
        fake.chmod(0o755)
        args += ["--ro-bind", str(fake), shutil.which("bwrap")]
    if drop is not None:
        args += ["--bind", str(drop), "/drop"]
    python_bin = str(Path(sys.executable).parent)
    args += ["--clearenv", "--setenv", "PATH", f"{python_bin}:/usr/local/bin:/usr/bin:/bin",
             "--setenv", "HOME", "/root", "--setenv", "LANG", "C.UTF-8",
             "--chdir", "/autograder",
             "sh", "-c", 'mount -t proc proc /proc && exec "$@"', "sh", *command]
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout)


def _interpreter_folders() -> list[Path]:
    """This interpreter's prefixes and package folders, outermost only."""
    candidates = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).parent,
                  Path(sys.executable).resolve().parents[1], Path(numpy.__file__).parents[1],
                  *map(Path, site.getsitepackages())}
    resolved = sorted({c.resolve() for c in candidates if c.exists()} - {Path("/")},
                      key=lambda p: len(p.parts))
    folders: list[Path] = []
    for path in resolved:
        if not any(path.is_relative_to(f) for f in folders) and \
                not path.is_relative_to("/usr") and not path.is_relative_to("/etc"):
            folders.append(path)
    return folders


VISIBILITIES = {"visible", "hidden", "after_due_date", "after_published"}
OUTPUT_FORMATS = {"text", "html", "simple_format", "md", "ansi"}


def schema_problems(report: dict) -> list[str]:
    """Where ``report`` departs from Gradescope's results.json specification."""
    problems = []
    tests = report.get("tests")
    if not isinstance(tests, list):
        return ["tests is not a list"]
    scored = all(isinstance(t.get("score"), int | float) for t in tests)
    if not isinstance(report.get("score"), int | float) and not scored:
        problems.append("no score: neither at the top nor on every test")
    for key, allowed in (("visibility", VISIBILITIES), ("stdout_visibility", VISIBILITIES),
                         ("output_format", OUTPUT_FORMATS)):
        if key in report and report[key] not in allowed:
            problems.append(f"{key}: {report[key]!r}")
    if not isinstance(report.get("output", ""), str):
        problems.append("output is not text")
    if not isinstance(report.get("extra_data", {}), dict):
        problems.append("extra_data is not an object")
    for index, test in enumerate(tests):
        if not isinstance(test.get("name"), str) or not test["name"]:
            problems.append(f"tests[{index}]: no name")
        for key in ("score", "max_score"):
            if key in test and not isinstance(test[key], int | float):
                problems.append(f"tests[{index}].{key}: {test[key]!r}")
        if test.get("visibility", "visible") not in VISIBILITIES:
            problems.append(f"tests[{index}].visibility: {test['visibility']!r}")
        if test.get("status", "passed") not in ("passed", "failed"):
            problems.append(f"tests[{index}].status: {test['status']!r}")
        if not isinstance(test.get("output", ""), str):
            problems.append(f"tests[{index}].output is not text")
    return problems
