"""Blame reruns asks nothing of the trusted side at the student's request (issue 19).

Each test is one way a submission tried to make the trusted side work for it during the isolated
rerun — a stand-in called with arguments of its choosing, a function handing its work to its own
caller, a tiny call whose answer would be huge, a forged import failure — graded end to end, with
bubblewrap and with the unprivileged fallback. Each row ends graded (never ``error: grader``), the
function gets no points it did not write, and the reference never ran on the student's arguments.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import textwrap

import nbformat
import pytest

from grader.assignment import Assignment, Paths
from grader.authoring.build import ensure_built
from grader.grading.gradebook import Result
from grader.grading.submission_files import SubmissionFile
from grader.isolation.walls import Walls, detect_walls
from grader.options import prepare_options
from grader.run.grade import grade_one
from grader.validation import corpus
from nnkit.reference import logistic_regression as logistic_ref
from nnkit.reference import planar_classification as planar_ref
from tests.grader.validation.test_validate import ROOT
from tests.support.hostile_mini import needs_walls

WALLS = [pytest.param("bubblewrap", marks=needs_walls), "fallback"]


@pytest.fixture(scope="module")
def logistic() -> Paths:
    paths = Paths(ROOT, "logistic_regression")
    ensure_built(paths)
    return paths


def grade(paths: Paths, tmp_path, walls: str, **cells: str) -> Result:
    """The solution with ``cells`` (function → graded cell) in place of its own."""
    target = tmp_path / "submission.ipynb"
    sources = {name: textwrap.dedent(source) for name, source in cells.items()}
    nbformat.write(corpus.notebook_with(paths, sources), target)
    options = prepare_options(10.0, None)
    if walls == "fallback":
        options = dataclasses.replace(options, walls=Walls(bubblewrap=None))
    else:
        assert detect_walls().bubblewrap is not None
    return grade_one(Assignment(paths), SubmissionFile("submission", target), options)


def spied(monkeypatch, module, name: str) -> list[dict]:
    """The calls the trusted side makes to ``module.name`` from now on (arguments by name)."""
    calls: list[dict] = []
    real = getattr(module, name)

    @functools.wraps(real)
    def spy(*args, **kwargs):
        calls.append(dict(inspect.signature(real).bind(*args, **kwargs).arguments))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


def assert_graded(result: Result) -> None:
    assert result.status == "ok", result.status
    assert result.score is not None


def points(paths: Paths) -> dict[str, float]:
    return {q.name: q.points for q in Assignment(paths).questions}


def assert_full_marks_but(result: Result, paths: Paths, function: str) -> None:
    """Every function but ``function`` keeps its points: the attempt cost nobody else."""
    assert {name: earned for name, earned in result.questions.items() if name != function} == {
        name: full for name, full in points(paths).items() if name != function}


@pytest.mark.slow  # waits out a test's deadline, once per wall
@pytest.mark.parametrize("walls", WALLS)
def test_a_stand_in_called_with_the_students_own_arguments_runs_nothing_here(
        logistic, tmp_path, walls, monkeypatch):
    optimize_calls = spied(monkeypatch, logistic_ref, "optimize")
    result = grade(logistic, tmp_path, walls, model='''
        # GRADED FUNCTION: model
        def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
                  print_cost=False):
            w, b = initialize_with_zeros(X_train.shape[0])
            params, grads, costs = optimize(w, b, X_train, Y_train, 10**9, learning_rate)
            w, b = params["w"], params["b"]
            return {"costs": costs, "Y_prediction_test": predict(w, b, X_test),
                    "Y_prediction_train": predict(w, b, X_train), "w": w, "b": b,
                    "learning_rate": learning_rate, "num_iterations": num_iterations}
        ''')
    assert_graded(result)
    assert result.questions["model"] < points(logistic)["model"]
    assert not result.remarks.get("model")
    assert optimize_calls, "the spy saw the reference's own calls"
    assert all(call.get("num_iterations", 100) < 10**6 for call in optimize_calls)
    # Every other function keeps its points: the stalled helper cost nobody else.
    assert_full_marks_but(result, logistic, "model")


@pytest.mark.parametrize("walls", WALLS)
def test_a_function_that_calls_its_own_caller_gets_no_points_it_did_not_write(
        logistic, tmp_path, walls):
    result = grade(logistic, tmp_path, walls, propagate='''
        # GRADED FUNCTION: propagate
        def propagate(w, b, X, Y):
            params, grads, costs = optimize(w, b, X, Y, num_iterations=1, learning_rate=0.0)
            return grads, costs[0]
        ''')
    assert_graded(result)
    assert result.questions["propagate"] == 0
    assert not result.remarks.get("propagate")
    assert "`propagate` 자체는 맞습니다" not in result.feedback


@pytest.mark.parametrize("walls", WALLS)
def test_a_tiny_call_whose_answer_would_be_huge_is_refused_not_computed(
        planar, tmp_path, walls, monkeypatch):
    initialize_calls = spied(monkeypatch, planar_ref, "initialize_parameters")
    result = grade(planar, tmp_path, walls, nn_model='''
        # GRADED FUNCTION: nn_model
        import numpy as np

        def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
            np.random.seed(3)
            huge = initialize_parameters(40000, 40000, 1)
            parameters = initialize_parameters(X.shape[0], n_h, Y.shape[0])
            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads)
            return parameters
        ''')
    assert_graded(result)
    assert result.questions["nn_model"] == 0
    assert initialize_calls, "the spy saw the reference's own calls"
    assert all(call["n_x"] < 40000 for call in initialize_calls)
    assert_full_marks_but(result, planar, "nn_model")


@pytest.mark.parametrize("walls", WALLS)
def test_a_forged_import_failure_is_the_students_not_the_graders(planar, tmp_path, walls):
    result = grade(planar, tmp_path, walls, compute_cost='''
        # GRADED FUNCTION: compute_cost
        class Forged:
            raise ModuleNotFoundError("No module named 'numpy'", name="numpy")

        def compute_cost(A2, Y):
            return 0.5
        ''')
    assert_graded(result)
    assert result.questions["compute_cost"] == 0
    assert_full_marks_but(result, planar, "compute_cost")
