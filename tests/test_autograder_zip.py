"""The Gradescope autograder zip that ``build`` writes is complete and otter's own runner
accepts it: ``otter run`` with the zip gives the solution full marks."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from grader.assignment import Assignment, Paths
from grader.build import build

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def xor(tmp_path_factory) -> Paths:
    # A private copy: building with the zip's install files must not disturb build/ in the checkout.
    root = tmp_path_factory.mktemp("zip-root")
    shutil.copytree(ROOT / "solutions", root / "solutions")
    paths = Paths(root, "xor_backprop")
    build(paths, run_tests=False, update_student=False)
    return paths


def test_zip_holds_all_tests_and_the_full_nnkit(xor):
    with zipfile.ZipFile(xor.build / "xor_backprop-autograder.zip") as archive:
        names = archive.namelist()
        environment = archive.read("environment.yml").decode()
    questions = [q.name for q in Assignment(xor).questions]
    assert sorted(n for n in names if n.startswith("tests/")) == \
        sorted(f"tests/{q}.py" for q in questions)
    wheels = [n for n in names if n.startswith("files/nnkit-") and n.endswith(".whl")]
    assert len(wheels) == 1 and "+student" not in wheels[0]
    assert f"/autograder/source/{wheels[0]}" in environment


@pytest.mark.slow
def test_otter_run_gives_the_solution_full_marks(xor, tmp_path):
    notebook = tmp_path / "xor_backprop.ipynb"
    shutil.copyfile(xor.solution_notebook, notebook)
    (tmp_path / "out").mkdir()
    completed = subprocess.run(
        ["otter", "run", "-a", str(xor.build / "xor_backprop-autograder.zip"),
         "-o", str(tmp_path / "out"), str(notebook)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr[-2000:]
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    scored = [t for t in results["tests"] if t.get("max_score")]
    assert scored and all(t["score"] == t["max_score"] for t in scored), scored
