"""``python -m grader new NAME``: an assignment that every verb takes at once.

In a temporary copy of the project (its grader, nnkit, pyproject.toml and the masters), the
command line writes a new assignment; ``build``, ``validate``, ``mutate`` and ``grade`` then
work on it as an instructor runs them. A hidden test weakened to a shape check makes
``validate`` fail, naming the mutants that now survive. Mutation verdicts go to the test's own
folder (``NNKIT_MUTATION_CACHE``), never to the checkout's ``build/``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from grader.assignment import assignment_names
from grader.authoring.new_assignment import NewAssignmentError, create
from tests.support import ROOT, grader_fixtures

NAME = "layer_intro"
# The template's hidden values test, and a weak one in its place: it checks the shape alone, so
# a forgotten or subtracted bias keeps full marks.
VALUES_TEST = "def test_affine_forward_values(affine_forward, np):"
WEAK_TEST = f'''\
""" # BEGIN TEST CONFIG
points: 1
hidden: true
""" # END TEST CONFIG
def test_affine_forward_values(affine_forward, np):
    from nnkit import checks
    from nnkit.reference.cases import {NAME} as cases

    for seed in range(1, 7):
        X, W, b = cases.random_layer(seed)
        checks.check_shape("affine_forward", "Z", affine_forward(X, W, b),
                           (W.shape[0], X.shape[1]))'''
SURVIVOR = re.compile(r"mutant (\w+@[0-9a-f]{8}) \(line \d+: [^\n]*\) survives the hidden tests")


@pytest.fixture
def course(tmp_path) -> Path:
    root = grader_fixtures.copy_project(tmp_path / "course")
    shutil.copytree(ROOT / "solutions", root / "solutions",
                    ignore=shutil.ignore_patterns("*.mutants.toml"))
    return root


def run_grader(course: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m grader ARGS`` with the copy's own grader and nnkit, verdicts cached beside
    the copy."""
    env = os.environ | {"PYTHONPATH": str(course),
                        "NNKIT_MUTATION_CACHE": str(course.parent / "mutation-cache")}
    return grader_fixtures.run_grader(*args, cwd=cwd or course, env=env)


def files_under(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if "__pycache__" not in path.parts}


def test_a_name_that_is_not_a_new_assignment_is_refused_and_nothing_is_written(course):
    before = files_under(course)
    refused = {
        "Layer_intro": "lower case",
        "2layers": "lower case",
        "_private": "lower case",
        "class": "lower case",
        "planar_classification": "exists already",
        "cases": "taken in nnkit/reference",
        "loader": "taken in nnkit/reference",
    }
    for name, why in refused.items():
        with pytest.raises(NewAssignmentError, match=why):
            create(course, name)
    shown = run_grader(course, "new", "Layer-Intro")
    assert shown.returncode == 2, shown.stderr
    assert "'Layer-Intro' is not an assignment name" in shown.stderr
    assert files_under(course) == before


def test_a_file_in_the_way_stops_the_whole_assignment(course):
    (course / "tests" / "corpus" / NAME / "bugs").mkdir(parents=True)
    in_the_way = course / "tests" / "corpus" / NAME / "bugs" / "affine_forward__no_bias.py"
    in_the_way.write_text("# an instructor's own file\n", encoding="utf-8")
    before = files_under(course)
    with pytest.raises(NewAssignmentError, match="affine_forward__no_bias.py"):
        create(course, NAME)
    assert files_under(course) == before
    assert in_the_way.read_text(encoding="utf-8") == "# an instructor's own file\n"


@pytest.mark.slow
def test_a_new_assignment_builds_validates_mutates_and_grades_and_a_weak_test_fails(course,
                                                                                   tmp_path):
    made = run_grader(course, "new", NAME, "--root", str(course), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    written = re.findall(r"^  wrote (\S+)$", made.stdout, re.MULTILINE)
    assert {f"solutions/{NAME}.ipynb", f"nnkit/reference/{NAME}.py",
            f"nnkit/reference/cases/{NAME}.py", f"nnkit/reference/mistakes/{NAME}.py"} \
        <= set(written)
    assert any(path.startswith(f"tests/corpus/{NAME}/bugs/affine_forward__") for path in written)
    assert any(path.startswith(f"tests/corpus/{NAME}/variants/affine_forward__")
               for path in written)
    assert all((course / path).is_file() for path in written)
    for verb in ("build", "validate", "mutate"):
        assert f"python -m grader {verb} {NAME}\n" in made.stdout
    assert NAME in assignment_names(course)

    built = run_grader(course, "build", NAME)
    assert built.returncode == 0, built.stderr
    validated = run_grader(course, "validate", NAME)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "solution: 3/3" in validated.stdout and "released stubs: 0/3" in validated.stdout
    assert re.search(r"\d+ entries, 0 misgraded", validated.stdout), validated.stdout

    mutated = run_grader(course, "mutate", NAME)
    assert mutated.returncode == 0, mutated.stdout + mutated.stderr
    row = re.search(r"^affine_forward\s+(\d+)\s+(\d+)\s+(\d+)/(\d+)\s+(\d+)/(\d+)\s+(\d+)$",
                    mutated.stdout, re.MULTILINE)
    assert row, mutated.stdout
    mutants, _, killed, differing, _, _, surviving = map(int, row.groups())
    assert mutants > 0 and killed == differing > 0 and surviving == 0

    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copyfile(course / "build" / NAME / "dist" / "autograder" / f"{NAME}.ipynb",
                    folder / "alice.ipynb")
    shutil.copyfile(course / "assignments" / f"{NAME}.ipynb", folder / "bob.ipynb")
    out = tmp_path / "out"
    graded = run_grader(course, "grade", NAME, str(folder), "--out", str(out), "--jobs", "1")
    assert graded.returncode == 0, graded.stderr
    rows = grader_fixtures.read_grades(out)
    assert rows["alice"]["score"] == rows["alice"]["max_score"] == "3"
    assert rows["bob"]["score"] == "0"

    master = course / "solutions" / f"{NAME}.ipynb"
    notebook = nbformat.read(master, as_version=4)
    (values,) = [cell for cell in notebook.cells if VALUES_TEST in cell.source]
    values.source = WEAK_TEST
    nbformat.write(notebook, master)
    weak = run_grader(course, "validate", NAME)
    assert weak.returncode == 1, weak.stdout + weak.stderr
    failures = re.findall(r"^  FAIL (.*)$", weak.stdout, re.MULTILINE)
    assert failures and all(f.startswith("mutation: affine_forward: mutant ") for f in failures), \
        weak.stdout
    survivors = SURVIVOR.findall(weak.stdout)
    # `+ b` → `- b` and `+ b` dropped: the two mistakes only a values test sees.
    assert {mutant.split("@")[0] for mutant in survivors} >= {"arithmetic_swapped",
                                                              "term_dropped"}, weak.stdout
    report = (course / "build" / NAME / "mutation.md").read_text(encoding="utf-8")
    assert all(f"`{mutant}`" in report for mutant in survivors), report
