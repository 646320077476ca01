"""The Gradescope zip grades with our runner, in an emulated Gradescope container.

One planar_classification zip is built and installed per module
(tests/support/gradescope_emulation.py); each test grades an upload in a fresh container, as root,
and reads results.json. The grade it holds must equal what ``python -m grader grade`` gives the
same file (the same path: canary, sandbox, trusted tests), whatever the submission does — with
bubblewrap, and with bubblewrap failing inside the container the way it does without user
namespaces (the unprivileged-user fallback).
"""

from __future__ import annotations

import os
import random
import shutil
import textwrap
from pathlib import Path

import nbformat
import pytest

from grader.assignment import Assignment, Paths
from grader.authoring.build import build
from grader.gradescope.results import INSTRUCTOR_TEST
from grader.grading.submission_files import SubmissionFile
from grader.options import prepare_options
from grader.run.grade import grade_one
from grader.validation import corpus
from tests.support import ROOT
from tests.support import gradescope_emulation as emulation

NAME = "planar_classification"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.needs_wall(os.geteuid() != 0 or shutil.which("bwrap") is None,
                           reason="the emulated Gradescope container is bubblewrap run as root"),
]

FORGED_SCORE = 1000
# Replaces layer_sizes with a correct one that also tries to write results.json: at definition
# (a class body runs then), at exit, and from a detached process that outlives its worker. It
# also tries to read the answers where the zip installed them. Outcomes go to /drop when the
# container lends one.
FORGER = textwrap.dedent(f'''
    # GRADED FUNCTION: layer_sizes
    import atexit
    import os

    FORGED = '{{"score": {FORGED_SCORE}, "tests": [{{"name": "forged", "score": 1}}]}}'
    ANSWERS = "/autograder/source/lib/nnkit/reference/planar_classification.py"
    DETACHED = []


    def _report(where, outcome):
        try:
            with open(f"/drop/{{where}}", "a") as stream:
                stream.write(outcome + "\\n")
        except OSError:
            pass


    def _forge(where):
        try:
            with open("/autograder/results/results.json", "w") as stream:
                stream.write(FORGED)
            outcome = "wrote"
        except OSError as error:
            outcome = type(error).__name__
        _report(where, outcome)


    def _read_answers():
        try:
            with open(ANSWERS) as stream:
                stream.read()
            _report("answers", "read")
        except OSError as error:
            _report("answers", type(error).__name__)


    class _AtDefinition:
        _forge("definition")
        _read_answers()
        atexit.register(_forge, "exit")


    def _detach():
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                import time
                os.closerange(3, 1024)
                _report("detached-started", str(os.getpid()))
                for _ in range(600):
                    _forge("detached")
                    time.sleep(0.05)
            os._exit(0)
        os.wait()


    def layer_sizes(X, Y):
        if not DETACHED:
            DETACHED.append(True)
            _detach()
        return X.shape[0], 4, Y.shape[0]
''')
DIRECT_IMPORT = ("# GRADED FUNCTION: initialize_parameters\n"
                 "from nnkit.reference.planar_classification import initialize_parameters\n")


@pytest.fixture(scope="module")
def private_planar(tmp_path_factory) -> Paths:
    """planar_classification built in a root of its own: its zip is installed as Gradescope
    would, and building must not disturb build/ in the checkout."""
    root = tmp_path_factory.mktemp("gradescope-root")
    shutil.copytree(ROOT / "solutions", root / "solutions")
    paths = Paths(root, NAME)
    build(paths, run_tests=False, update_student=False)
    return paths


@pytest.fixture(scope="module")
def image(private_planar, tmp_path_factory) -> emulation.Image:
    return emulation.install(private_planar.build / f"{NAME}-autograder.zip",
                             tmp_path_factory.mktemp("image"))


@pytest.fixture(scope="module")
def cli_options():
    return prepare_options(timeout=10.0, memory_mb=None)


def notebook_bytes(private_planar: Paths, replacements: dict[str, str]) -> bytes:
    return nbformat.writes(corpus.notebook_with(private_planar, replacements)).encode()


def cli_scores(private_planar: Paths, content: bytes, folder: Path, options) -> dict[str, float]:
    """What ``python -m grader grade`` gives the same file, function by function."""
    path = folder / f"{NAME}.ipynb"
    path.write_bytes(content)
    return grade_one(Assignment(private_planar), SubmissionFile(NAME, path), options).questions


def grade(image, tmp_path, content: bytes, **options) -> emulation.Run:
    run = emulation.run_autograder(image, tmp_path, {f"{NAME}.ipynb": content}, **options)
    assert run.results is not None, run.output[-3000:]
    assert emulation.schema_problems(run.results) == []
    return run


def a_bug(seed: int) -> corpus.Entry:
    bugs = corpus.entries(Paths(ROOT, NAME), ("bugs",))
    return random.Random(seed).choice(bugs)


def walls(run: emulation.Run) -> dict[str, bool]:
    return {name: wall["holds"] for name, wall in run.results["extra_data"]["walls"].items()}


@pytest.mark.parametrize("bubblewrap", [True, False], ids=["bubblewrap", "fallback"])
def test_the_solution_gets_full_marks(private_planar, image, tmp_path, bubblewrap):
    run = grade(image, tmp_path, private_planar.solution_notebook.read_bytes(),
                bubblewrap=bubblewrap)
    assignment = Assignment(private_planar)
    assert run.returncode == 0, run.output[-3000:]
    assert run.results["score"] == assignment.max_score
    assert run.scores == {q.name: q.points for q in assignment.questions}
    assert {t["visibility"] for t in run.results["tests"] if t.get("max_score")} == {"visible"}
    assert run.test(INSTRUCTOR_TEST)["visibility"] == "hidden"
    extra = run.results["extra_data"]
    assert extra["graded"] and extra["status"] == "ok" and extra["flags"] == []
    if bubblewrap:
        assert extra["sandbox"].startswith("bubblewrap")
        held = walls(run)  # every wall named, each holding: not true of an empty dict
        assert {"filesystem", "network", "PID namespace", "unprivileged user"} <= held.keys()
        assert all(held.values()), extra["walls"]
    else:
        assert "unprivileged user uid" in extra["sandbox"]
        held = walls(run)
        assert held["filesystem"] and held["unprivileged user"] and held["write protection"]
        assert not held["network"] and not held["PID namespace"]  # what the fallback lacks


@pytest.mark.parametrize("bubblewrap", [True, False], ids=["bubblewrap", "fallback"])
def test_a_bug_loses_its_functions_points(private_planar, image, tmp_path, cli_options, bubblewrap):
    bug = a_bug(seed=1 if bubblewrap else 2)
    content = notebook_bytes(private_planar, {bug.function: bug.source})
    visibility = "visible" if bubblewrap else "after_due_date"
    run = grade(image, tmp_path, content, bubblewrap=bubblewrap,
                config={"visibility": visibility})
    points = {q.name: q.points for q in Assignment(private_planar).questions}
    assert run.scores == cli_scores(private_planar, content, tmp_path, cli_options)
    assert run.scores[bug.function] < points[bug.function], bug.label
    assert run.results["score"] == sum(run.scores.values()) < sum(points.values())
    failed = run.test(bug.function)
    assert failed["status"] == "failed" and bug.function in failed["output"], failed
    assert {t["visibility"] for t in run.results["tests"] if t.get("max_score")} == {visibility}


@pytest.mark.parametrize("bubblewrap", [True, False], ids=["bubblewrap", "fallback"])
def test_reference_imports_forgery_and_patched_numpy_gain_nothing(private_planar, image, tmp_path,
                                                                   cli_options, bubblewrap):
    hostile = {e.function: e.source for e in corpus.entries(Paths(ROOT, NAME), ("hostile",))
               if e.slug in ("imports_reference_by_built_string", "patches_allclose")}
    content = notebook_bytes(private_planar, hostile | {"layer_sizes": FORGER,
                                                "initialize_parameters": DIRECT_IMPORT})
    drop = tmp_path / "drop"
    drop.mkdir()
    drop.chmod(0o1777)
    run = grade(image, tmp_path, content, bubblewrap=bubblewrap, drop=drop)
    points = {q.name: q.points for q in Assignment(private_planar).questions}

    assert run.returncode == 0, run.output[-3000:]
    assert run.scores == cli_scores(private_planar, content, tmp_path, cli_options)
    assert run.results["score"] == sum(run.scores.values()) < FORGED_SCORE
    assert "forged" not in {t["name"] for t in run.results["tests"]}
    assert run.scores["layer_sizes"] == points["layer_sizes"]  # the forger's own answer is right
    for function in ("initialize_parameters", "forward_propagation", "compute_cost"):
        assert run.scores[function] < points[function], function
    assert "reference-import" in run.results["extra_data"]["flags"]

    reports = {path.name: path.read_text().split() for path in drop.iterdir()}
    if bubblewrap:
        assert reports == {}  # /drop, like /autograder, does not exist in the sandbox
        assert run.results["extra_data"]["swept_processes"] == 0
    else:
        assert set(reports["definition"]) == {"PermissionError"}
        # Once per worker that defines it: blame reruns starts workers of its own.
        assert reports["answers"] and set(reports["answers"]) == {"PermissionError"}
        assert reports["detached-started"] and set(reports["detached"]) == {"PermissionError"}
        assert "exit" not in reports  # the worker is killed, never left to exit
        assert run.results["extra_data"]["swept_processes"] >= 1  # the detached one


def test_a_machine_that_cannot_grade_gives_no_grade(private_planar, image, tmp_path):
    # 64 MB of address space cannot hold Python with NumPy: the canary fails.
    run = grade(image, tmp_path, private_planar.solution_notebook.read_bytes(),
                config={"memory_mb": 64})
    assert run.returncode == 3
    assert run.results["score"] == 0
    assert [t["name"] for t in run.results["tests"]] == [INSTRUCTOR_TEST]
    extra = run.results["extra_data"]
    assert not extra["graded"] and "refusing to grade" in extra["reason"]
    assert "채점하지 못했습니다" in run.results["output"]
    assert "성적이 아닙니다" in run.results["output"]


def test_an_upload_without_a_notebook_scores_zero_and_says_why(private_planar, image, tmp_path):
    run = emulation.run_autograder(image, tmp_path, {"answers.py": b"print('hello')\n"})
    assert run.returncode == 0
    assert run.results["score"] == 0 and set(run.scores.values()) == {0.0}
    assert run.results["extra_data"]["status"].startswith("error: the submission holds no")
    assert "제출 파일을 채점할 수 없습니다" in run.results["output"]
