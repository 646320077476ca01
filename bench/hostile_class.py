"""One student cannot stall a class: the same class graded with and without the review's
hostile submissions, in one run.

    python bench/hostile_class.py                  # a class of 200, --jobs 2, default timeouts
    python bench/hostile_class.py --class-size 60

Class A is the realistic class of ``grading_vs_otter.py`` (correct, buggy, hanging and hostile
corpus entries). Class B is class A plus one file (or a few) per finding of the security review
(``tests/support/hostile_submissions.py``: pipes taken over, forged and flooding replies, sleeping
class bodies, forks holding memory, /dev/shm, ptrace, malformed and huge files, awkward names). Both
are graded with ``python -m grader grade`` as an instructor runs it. Printed: each class's
wall time and rows, the ratio B/A, and whether any process the submissions started is still
running afterwards. Then the worst case one submission can cost: every graded function hangs
and twelve class bodies sleep, graded alone. Not a test: nothing here asserts timings.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grading_vs_otter import NAME, write_class  # noqa: E402

from grader.assignment import Paths  # noqa: E402
from grader.authoring.build import ensure_built  # noqa: E402
from tests.support.hostile_submissions import write_hostile_class  # noqa: E402


def grade(folder: Path, out: Path, jobs: int, scratch: Path) -> tuple[float, int, int]:
    """Seconds, rows and exit status of one `grade` run (its temporary files under scratch)."""
    environment = dict(os.environ, TMPDIR=str(scratch))
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "grader", "grade", NAME, str(folder), "--out", str(out),
         "--jobs", str(jobs)], cwd=ROOT, capture_output=True, text=True, env=environment)
    seconds = time.perf_counter() - started
    with open(out / "grades.csv", newline="", encoding="utf-8") as stream:
        rows = sum(1 for _ in csv.DictReader(stream))
    return seconds, rows, completed.returncode


def survivors(*markers: str) -> list[str]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/cmdline", "rb") as stream:
                    line = stream.read().replace(b"\0", b" ").decode("utf-8", "replace")
            except OSError:
                continue
            if any(marker in line for marker in markers):
                found.append(f"{entry.name}: {line[:120]}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--class-size", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    paths = Paths(ROOT, NAME)
    ensure_built(paths)
    token = f"1000.{uuid.uuid4().int % 10**15:015d}"
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        plain, hostile = scratch / "class-a", scratch / "class-b"
        plain.mkdir()
        counts = write_class(paths, plain, args.class_size, seed=0)
        shutil.copytree(plain, hostile)
        described = write_hostile_class(paths, hostile, token)
        runs = {}
        for label, folder in (("A", plain), ("B", hostile)):
            temporary = scratch / f"tmp-{label}"
            temporary.mkdir()
            runs[label] = grade(folder, scratch / f"out-{label}", args.jobs, temporary)
        time.sleep(1.0)
        left = survivors(token, str(scratch / "tmp-A"), str(scratch / "tmp-B"))
        print(f"class A: {args.class_size} submissions {counts}")
        print(f"class B: class A plus the review's findings ({len(described)} groups):")
        for line in described:
            print(f"  {line}")
        for label, (seconds, rows, status) in runs.items():
            print(f"class {label}: {seconds:6.1f} s, {rows} rows in grades.csv, exit {status}")
        print(f"ratio B/A: {runs['B'][0] / runs['A'][0]:.2f}")
        print(f"processes left running afterwards: {len(left)}")
        for line in left:
            print(f"  {line}")
        seconds, status = worst_case(paths, scratch)
        print(f"worst case, one submission (every function hangs, 12 sleeping class bodies): "
              f"{seconds:.1f} s ({status})")


def worst_case(paths: Paths, scratch: Path) -> tuple[float, str]:
    import nbformat

    from grader.assignment import graded_cells, load_assignment, with_graded_cells
    from grader.grading.submission_files import SubmissionFile
    from grader.options import prepare_options
    from grader.run.grade import grade_one

    notebook = nbformat.read(paths.solution_notebook, as_version=4)
    hanging = {name: f"# GRADED FUNCTION: {name}\ndef {name}(*args, **kwargs):\n"
                     "    while True:\n        pass\n" for name in graded_cells(notebook)}
    notebook = with_graded_cells(notebook, hanging)
    notebook.cells += [nbformat.v4.new_code_cell(f"class Sleeper{i}:\n    import time\n"
                                                 "    time.sleep(1000)\n") for i in range(12)]
    target = scratch / "worst.ipynb"
    nbformat.write(notebook, target)
    started = time.perf_counter()
    result = grade_one(load_assignment(paths), SubmissionFile("worst", target),
                       prepare_options(timeout=10.0, memory_mb=None))
    return time.perf_counter() - started, f"{result.status}, {result.score:g}/{result.max_score:g}"


if __name__ == "__main__":
    main()
