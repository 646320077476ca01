"""The Gradescope autograder zip that ``build`` writes: what it carries, what setup.sh would
install (read here; run in Debian roots by tests/notebooks/test_gradescope_image.py), and the
results.json it writes.

Grading with the zip in an emulated Gradescope container:
tests/grader/gradescope/test_gradescope.py.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import zipfile
from importlib import metadata

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from grader.assignment import Assignment, Paths
from grader.authoring import pins
from grader.authoring.build import BuildError, build
from grader.authoring.wheel import project_metadata
from grader.errors import EXIT_GRADED, EXIT_REFUSED
from grader.gradescope.results import INSTRUCTOR_TEST, Environment, Verdict, results_json
from grader.gradescope.runtime import find_notebook
from grader.grading.gradebook import Result
from grader.grading.submission import SubmissionError
from tests.support import ROOT
from tests.support.gradescope_emulation import schema_problems

NAME = "xor_backprop"


@pytest.fixture(scope="module")
def xor(tmp_path_factory) -> Paths:
    # A private copy: building must not disturb build/ in the checkout.
    root = tmp_path_factory.mktemp("zip-root")
    shutil.copytree(ROOT / "solutions", root / "solutions")
    paths = Paths(root, NAME)
    build(paths, run_tests=False, update_student=False, visibility="after_published")
    return paths


@pytest.fixture(scope="module")
def archive(xor) -> dict[str, bytes]:
    with zipfile.ZipFile(xor.build / f"{NAME}-autograder.zip") as opened:
        return {info.filename: opened.read(info) for info in opened.infolist()}


def test_zip_root_has_gradescopes_scripts_executable(xor):
    with zipfile.ZipFile(xor.build / f"{NAME}-autograder.zip") as opened:
        modes = {info.filename: info.external_attr >> 16 for info in opened.infolist()}
    for script in ("setup.sh", "run_autograder", "install_grader.sh"):
        assert modes[script] & 0o111, script
    assert all(mode & 0o777 == 0o644 for name, mode in modes.items()
               if name not in ("setup.sh", "run_autograder", "install_grader.sh"))


def test_zip_carries_the_assignment_unchanged_and_the_canary(xor, archive):
    for path in [xor.manifest, xor.solution_notebook, *xor.tests.glob("*.py")]:
        assert archive[path.relative_to(xor.root).as_posix()] == path.read_bytes(), path
    tests = sorted(name for name in archive if name.startswith(f"build/{NAME}/tests/"))
    assert tests == sorted(f"build/{NAME}/tests/{q.name}.py"
                           for q in Assignment(xor).questions)
    assert json.loads(archive["gradescope.json"]) == {
        "assignment": NAME, "visibility": "after_published", "timeout": 10.0, "memory_mb": None}


def test_the_answers_travel_only_inside_the_trusted_wheel(archive):
    wheels = [name for name in archive if name.startswith("files/")]
    assert wheels == ["files/nnkit-0.1.0+trusted-py3-none-any.whl"]
    with zipfile.ZipFile(io.BytesIO(archive[wheels[0]])) as wheel:
        packages = {name.split("/")[0] for name in wheel.namelist()}
        inside = wheel.namelist()
    assert {"nnkit", "grader"} <= packages
    assert any(name.startswith("nnkit/reference/") for name in inside)
    assert not [name for name in archive if "reference" in name]


def test_setup_installs_pinned_packages_into_a_venv_without_miniforge_or_latex(archive):
    # Run for real in Debian roots: tests/notebooks/test_gradescope_image.py.
    setup = archive["setup.sh"].decode()
    for absent in ("miniforge", "mamba", "conda", "texlive", "pandoc", "wget", "curl",
                   "break_system_packages", "break-system-packages"):
        assert absent not in setup.lower(), absent
    assert 'python3 -m venv "$VENV"' in setup and "VENV=/opt/nnkit-grader" in setup
    assert '"$VENV/bin/python" -m pip install --no-cache-dir --no-deps' in setup
    assert "-r requirements.txt" in setup
    assert "apt-get install" in setup and "bubblewrap" in setup
    assert 'bash "$SOURCE/install_grader.sh"' in setup
    install = archive["install_grader.sh"].decode()
    assert "--no-deps --no-index" in install and "--target \"$SOURCE/lib\"" in install
    assert 'chmod 700 "$SOURCE"' in install
    run = archive["run_autograder"].decode()
    assert "PATH=/opt/nnkit-grader/bin:$PATH" in run
    assert "python3 -m grader.gradescope /autograder" in run


def needed(name: str, extra: str = "") -> list[Requirement]:
    """What the installed ``name`` requires (with ``extra``), read from its metadata."""
    found = [Requirement(text) for text in metadata.requires(name) or []]
    return [r for r in found if r.marker is None or r.marker.evaluate({"extra": extra})]


def test_requirements_pin_everything_at_what_this_interpreter_has(archive):
    lines = [Requirement(line) for line in archive["requirements.txt"].decode().splitlines()
             if not line.startswith("#")]
    # Each package pinned at this interpreter's version, for the Pythons that version supports.
    pinned = {canonicalize_name(r.name): str(r.specifier)[2:] for r in lines
              if str(r.specifier).startswith("==")}
    assert len(pinned) == len({canonicalize_name(r.name) for r in lines})
    assert all(version == metadata.version(name) for name, version in pinned.items())
    project = [Requirement(r) for r in project_metadata(ROOT)["dependencies"]]
    assert {canonicalize_name(r.name) for r in project} <= set(pinned)
    for name in pinned:  # --no-deps: what a pinned package requires is pinned too, extras too
        for child in needed(name):
            assert canonicalize_name(child.name) in pinned, (name, str(child))
            for extra in child.extras - {"webpdf"}:
                for grandchild in needed(child.name, extra):
                    assert canonicalize_name(grandchild.name) in pinned, (str(child), extra)
    # otter's own grading needs a kernel and nbconvert's PDF export a Chromium; ours neither.
    assert not {"ipykernel", "playwright"} & set(pinned)


def test_the_closure_follows_installed_metadata_and_refuses_what_is_missing():
    closure = dict(line.split("==") for line in pins.pinned_closure(["matplotlib>=1"]))
    assert closure["matplotlib"] == metadata.version("matplotlib")
    assert closure["numpy"] == metadata.version("numpy")  # matplotlib requires NumPy
    assert "otter-grader" not in closure
    with_extra = dict(line.split("==") for line in pins.pinned_closure(["nbconvert"]))
    assert "tinycss2" in with_extra  # nbconvert asks for bleach[css]
    with pytest.raises(pins.PinError):
        pins.pinned_closure(["surely-not-installed-package-nnkit"])


def test_a_pin_that_leaves_out_an_older_python_gives_way_there(monkeypatch):
    requires = {"soupsieve": ">=3.11.5", "numpy": ">=3.11", "fica": ">=3.9,<4.0"}
    monkeypatch.setattr(pins, "requires_python_of", lambda name: SpecifierSet(requires[name]))
    lines = pins.requirement_lines(["fica==0.4.1", "numpy==2.4.6", "soupsieve==4.1.4"],
                                   ">=3.11")
    assert lines == ["fica==0.4.1", "numpy==2.4.6",
                     'soupsieve==4.1.4 ; python_full_version >= "3.11.5"',
                     'soupsieve<4.1.4 ; python_full_version < "3.11.5"']
    chosen = {python: [str(r.specifier) for r in map(Requirement, lines[2:])
                       if r.marker.evaluate({"python_full_version": python})]
              for python in ("3.11.2", "3.11.5", "3.13.5")}
    assert chosen == {"3.11.2": ["<4.1.4"], "3.11.5": ["==4.1.4"], "3.13.5": ["==4.1.4"]}
    assert pins.oldest_python(">=3.11") == "3.11" and pins.oldest_python("") is None


def test_a_master_asking_for_pdf_export_is_refused(tmp_path):
    notebook = nbformat.read(ROOT / "solutions" / f"{NAME}.ipynb", as_version=4)
    config = next(c for c in notebook.cells if c.source.startswith("# ASSIGNMENT CONFIG"))
    config.source = config.source.replace("generate: true", "generate:\n  pdf: true")
    (tmp_path / "solutions").mkdir()
    nbformat.write(notebook, tmp_path / "solutions" / f"{NAME}.ipynb")
    with pytest.raises(BuildError, match="PDF"):
        build(Paths(tmp_path, NAME), run_tests=False, update_student=False)


def random_result(assignment: Assignment, rng: random.Random) -> Result:
    questions, messages = {}, {}
    for question in assignment.questions:
        earned = rng.choice([0.0, question.points, float(rng.randint(0, int(question.points)))])
        questions[question.name] = earned
        if earned < question.points:
            messages[question.name] = [f"{question.name}: 검사 {rng.randint(0, 999)} 실패"]
    return Result(submission=NAME, status="ok", score=sum(questions.values()),
                  max_score=assignment.max_score, questions=questions, messages=messages,
                  notes=["코드 셀 3: NameError: x"], feedback="(unused)")


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("visibility", ["visible", "after_due_date"])
def test_results_json_has_one_entry_per_function_and_one_for_the_instructor(xor, seed,
                                                                              visibility):
    assignment = Assignment(xor)
    result = random_result(assignment, random.Random(seed))
    report = results_json(Verdict(EXIT_GRADED, assignment, result), Environment(), visibility)
    assert schema_problems(report) == []
    functions, instructor = report["tests"][:-1], report["tests"][-1]
    assert [t["name"] for t in functions] == [q.name for q in assignment.questions]
    for test, question in zip(functions, assignment.questions, strict=True):
        earned = result.questions[question.name]
        assert (test["score"], test["max_score"]) == (earned, question.points)
        assert test["status"] == ("passed" if earned == question.points else "failed")
        for message in result.messages.get(question.name, []):
            assert message in test["output"]
        assert test["visibility"] == visibility
    assert report["score"] == sum(result.questions.values())
    assert "코드 셀 3: NameError: x" in report["output"]
    assert instructor["name"] == INSTRUCTOR_TEST and instructor["visibility"] == "hidden"
    assert instructor["max_score"] == 0 and report["extra_data"]["graded"]


def test_results_json_of_a_run_that_could_not_grade_is_no_grade(xor):
    assignment = Assignment(xor)
    report = results_json(Verdict(EXIT_REFUSED, assignment, reason="canary: 0/18"),
                          Environment(), "visible")
    assert schema_problems(report) == []
    assert report["score"] == 0 and [t["name"] for t in report["tests"]] == [INSTRUCTOR_TEST]
    assert "canary: 0/18" in report["tests"][0]["output"]
    assert report["extra_data"]["graded"] is False


def test_schema_check_catches_what_gradescope_rejects(xor):
    assignment = Assignment(xor)
    good = results_json(Verdict(EXIT_GRADED, assignment, random_result(assignment,
                                                                       random.Random(0))),
                        Environment(), "visible")
    broken = json.loads(json.dumps(good))
    del broken["score"]
    del broken["tests"][0]["score"]
    broken["tests"][1]["visibility"] = "public"
    broken["tests"][2]["score"] = "3"
    assert schema_problems(good) == []
    assert schema_problems(broken) == ["no score: neither at the top nor on every test",
                                       "tests[1].visibility: 'public'", "tests[2].score: '3'"]


def test_the_notebook_is_found_in_the_upload(tmp_path):
    upload = tmp_path / "upload"
    (upload / ".ipynb_checkpoints").mkdir(parents=True)
    (upload / ".ipynb_checkpoints" / f"{NAME}-checkpoint.ipynb").write_text("{}")
    (upload / "notes.txt").write_text("")
    with pytest.raises(SubmissionError, match="no notebook"):
        find_notebook(upload, NAME)
    (upload / "내 과제 (최종).ipynb").write_text("{}")
    assert find_notebook(upload, NAME).name == "내 과제 (최종).ipynb"
    (upload / "scratch.ipynb").write_text("{}")
    with pytest.raises(SubmissionError, match="2 notebooks"):
        find_notebook(upload, NAME)
    (upload / f"{NAME}.ipynb").write_text("{}")
    assert find_notebook(upload, NAME).name == f"{NAME}.ipynb"
