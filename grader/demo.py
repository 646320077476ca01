"""``python -m grader demo``: build, grade a small sample class, print the gradebook. Offline."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import nbformat

from grader.assignment import Assignment, Paths
from grader.authoring.build import ensure_built
from grader.grading.gradebook import format_table
from grader.options import default_jobs, prepare_options
from grader.run.grading_run import grade_class
from grader.validation import corpus

DEMO_ASSIGNMENT = "planar_classification"
SAMPLE_BUGS = 3
SAMPLE_HOSTILE = 3


def write_sample_class(paths: Paths, folder: Path) -> list[str]:
    """Correct, buggy, hostile, unfinished and broken submissions; returns their descriptions."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    described = []
    shutil.copyfile(paths.solution_notebook, folder / "correct.ipynb")
    described.append("correct: the reference solution")
    shutil.copyfile(paths.student, folder / "unfinished.ipynb")
    described.append("unfinished: the released notebook, stubs untouched")
    bugs = corpus.entries(paths, ("bugs",))
    for entry in bugs[:: max(1, len(bugs) // SAMPLE_BUGS)][:SAMPLE_BUGS]:
        _write(paths, folder / f"buggy-{entry.function}-{entry.slug}.ipynb", entry)
        described.append(f"buggy-{entry.function}-{entry.slug}: {_first_comment(entry.source)}")
    for entry in corpus.entries(paths, ("hostile",))[:SAMPLE_HOSTILE]:
        _write(paths, folder / f"hostile-{entry.slug}.ipynb", entry)
        described.append(f"hostile-{entry.slug}: {_first_comment(entry.source)}")
    (folder / "not-a-notebook.ipynb").write_text("this is not JSON", encoding="utf-8")
    described.append("not-a-notebook: a text file renamed to .ipynb")
    return described


def _write(paths: Paths, target: Path, entry: corpus.Entry) -> None:
    nbformat.write(corpus.notebook_with(paths, {entry.function: entry.source}), target)


def _first_comment(source: str) -> str:
    for line in source.splitlines():
        if line.startswith("# ") and not line.startswith("# GRADED"):
            return line[2:].strip()
    return ""


def run_demo(root: Path, out: Path) -> int:
    paths = Paths(root, DEMO_ASSIGNMENT)
    print(f"building {DEMO_ASSIGNMENT} (otter assign) …", flush=True)
    ensure_built(paths)
    folder = out / "submissions"
    descriptions = write_sample_class(paths, folder)
    print(f"sample class in {folder}:")
    for line in descriptions:
        print(f"  {line}")
    shutil.rmtree(out / "graded", ignore_errors=True)  # a demo always grades from scratch
    options = prepare_options(timeout=5.0, memory_mb=None)
    started = time.monotonic()
    run = grade_class(paths, [folder], out / "graded", default_jobs(), options)
    elapsed = time.monotonic() - started
    if not run.results:
        return run.exit_status
    print()
    print(format_table(Assignment(paths), run.results))
    print(f"\n{len(run.results)} submissions graded in {elapsed:.1f} s, the solution first as "
          f"a check of this machine ({run.canary.seconds:.1f} s) "
          f"→ {out / 'graded' / 'grades.csv'}, {out / 'graded' / 'feedback'}/ and "
          f"{out / 'graded' / 'report.html'}")
    return run.exit_status
