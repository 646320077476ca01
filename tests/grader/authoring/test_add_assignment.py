"""Adding an assignment touches no grader code: a master notebook in solutions/ is enough.

A temporary copy of the project (its grader, nnkit, pyproject.toml and the four masters) gains
the mini assignment's master (tests/fixtures/mini); the command line, run there as an instructor
runs it, then offers it, builds it and grades a class with it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.assignment import assignment_names
from tests.support import ROOT, grader_fixtures

MASTER = ROOT / "tests" / "fixtures" / "mini" / "solutions" / "mini.ipynb"


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    root = grader_fixtures.copy_project(tmp_path_factory.mktemp("course"))
    shutil.copytree(ROOT / "solutions", root / "solutions")
    shutil.copyfile(MASTER, root / "solutions" / "mini.ipynb")
    return root


def run_grader(course: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m grader`` in the copy, with the copy's own grader and nnkit."""
    return grader_fixtures.run_grader(*args, cwd=course,
                                      env=os.environ | {"PYTHONPATH": str(course)})


def test_the_copy_runs_its_own_grader_and_nnkit(course):
    env = os.environ | {"PYTHONPATH": str(course)}
    shown = subprocess.run([sys.executable, "-c", "import grader, nnkit; "
                            "print(grader.__file__); print(nnkit.__file__)"],
                           cwd=course, env=env, capture_output=True, text=True, check=True)
    assert all(Path(line).is_relative_to(course) for line in shown.stdout.split())


def test_the_assignments_are_the_masters_in_solutions(course):
    assert assignment_names(course) == tuple(sorted([*assignment_names(ROOT), "mini"]))
    assert "mini" not in assignment_names(ROOT)
    shown = run_grader(course, "grade", "--help")
    assert shown.returncode == 0, shown.stderr
    assert all(name in shown.stdout for name in assignment_names(course))


@pytest.mark.slow
def test_an_added_assignment_builds_and_grades_through_the_command_line(course, tmp_path):
    built = run_grader(course, "build", "mini")
    assert built.returncode == 0, built.stderr
    assert "wrote assignments/mini.ipynb and build/mini/mini-autograder.zip" in built.stdout
    assert (course / "build" / "mini" / "mini-autograder.zip").is_file()
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copyfile(course / "build" / "mini" / "dist" / "autograder" / "mini.ipynb",
                    folder / "alice.ipynb")
    shutil.copyfile(course / "assignments" / "mini.ipynb", folder / "bob.ipynb")
    out = tmp_path / "out"
    graded = run_grader(course, "grade", "mini", str(folder), "--out", str(out), "--jobs", "1")
    assert graded.returncode == 0, graded.stderr
    rows = grader_fixtures.read_grades(out)
    assert rows["alice"]["score"] == rows["alice"]["max_score"] == "7"
    assert rows["bob"]["score"] == "0"
    assert [rows["alice"][name] for name in ("double", "affine", "draw")] == ["3", "3", "1"]
