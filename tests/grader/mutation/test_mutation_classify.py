"""Classifying mutants: equivalent judged in process, killed judged through the real runner
(:mod:`grader.mutation.classify`), and what ``validate`` makes of a survivor
(:mod:`grader.mutation.report`)."""

from __future__ import annotations

import pytest

from grader.assignment import Paths
from grader.authoring.build import ensure_built
from grader.mutation import equivalence, report
from grader.mutation.allow import Allowance, allowances
from grader.mutation.classify import Verdict, judge
from grader.mutation.mutants import Mutant, cell_for, graded_part, plain_source, support
from grader.mutation.score import Run
from tests.support import ROOT

NAME = "planar_classification"


def hand_mutant(function: str, old: str, new: str) -> Mutant:
    original = plain_source(NAME, function)
    assert old in original
    return Mutant(function, "hand", f"{old} → {new}", 0, original.replace(old, new), original)


@pytest.fixture(scope="module")
def paths() -> Paths:
    paths = Paths(ROOT, NAME)
    ensure_built(paths)
    return paths


def test_a_correct_rewrite_is_equivalent_and_keeps_its_points(paths):
    """``np.mean`` for ``np.sum / m``: the same cost on every case, m = 1 included."""
    mutant = hand_mutant("compute_cost", "-np.sum(log_likelihood) / m", "-np.mean(log_likelihood)")
    verdict = judge(paths, mutant)
    assert verdict.equivalent and verdict.cases > equivalence.SEEDS
    assert not verdict.hidden_killed and not verdict.public_killed and not verdict.survived
    assert not verdict.false_failure and not verdict.error


def test_a_mean_over_the_wrong_axis_is_killed_in_its_own_function_only(paths):
    mutant = hand_mutant("compute_cost", "Y.shape[1]", "Y.shape[0]")
    verdict = judge(paths, mutant)
    assert not verdict.equivalent and "compute_cost" in verdict.differs_on
    assert verdict.hidden_killed and verdict.public_killed and not verdict.survived
    assert verdict.collateral == {} and not verdict.error


def test_equivalence_sees_a_single_sample():
    """``m = 1`` is among the cases: a mutant that breaks only there is not equivalent."""
    cases = equivalence.cases_for(NAME, "forward_propagation")
    assert any(case["args"][0].shape[1] == 1 for case in cases)
    squeezed = plain_source(NAME, "forward_propagation").replace(
        "A2 = sigmoid(Z2)", "A2 = sigmoid(Z2) if X.shape[1] > 1 else sigmoid(Z2) * 0.5")
    judged = equivalence.judge(NAME, "forward_propagation", squeezed)
    assert not judged.equivalent


def test_equivalence_sees_a_changed_default():
    """Every case passes ``num_iterations``; 10001 iterations give the same weights within
    tolerance, but the documented signature is part of the answer."""
    changed = plain_source(NAME, "nn_model").replace("num_iterations=10000",
                                                     "num_iterations=10001")
    judged = equivalence.judge(NAME, "nn_model", changed)
    assert not judged.equivalent and "num_iterations': 10001" in judged.differs_on


def test_equivalence_runs_the_defaults_path():
    """A mistake reached only when a keyword argument is left out is seen."""
    original = plain_source(NAME, "nn_model")
    changed = original.replace("np.random.seed(3)",
                               "np.random.seed(3 if num_iterations != 10000 else 4)")
    assert changed != original
    judged = equivalence.judge(NAME, "nn_model", changed)
    assert not judged.equivalent and judged.differs_on.startswith("with default arguments")


def synthetic_run(**fields) -> Run:
    base = Verdict("compute_cost", "reference", "reference", "the reference itself", "", True, "",
                   cases=1)
    survivor = Verdict("compute_cost", "term_dropped@12345678", "term_dropped", "line 3", "diff",
                       False, "inputs: …", cases=20, **fields)
    return Run([survivor], [base], 0.0, 0)


def test_a_survivor_fails_validate_unless_listed_with_a_reason():
    run = synthetic_run()
    (problem,) = report.problems(run, {})
    assert "term_dropped@12345678" in problem and "survives the hidden tests" in problem
    allowed = {"term_dropped@12345678": Allowance("term_dropped@12345678", "compute_cost", "why")}
    assert report.problems(run, allowed) == []
    assert "1/1" not in report.table(run) and "0/1" in report.table(run)


def test_a_killed_mutant_passes_and_a_stale_allowance_does_not():
    run = synthetic_run(hidden_killed=True)
    assert report.problems(run, {}) == []
    stale = {"gone@00000000": Allowance("gone@00000000", "compute_cost", "why")}
    (problem,) = report.problems(run, stale)
    assert "no longer a mutant" in problem


def test_an_allowance_needs_a_reason(tmp_path):
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "x.mutants.toml").write_text(
        '[[allow]]\nid = "a@1"\nfunction = "f"\nreason = ""\n', encoding="utf-8")
    with pytest.raises(ValueError, match="without a reason"):
        allowances(Paths(tmp_path, "x"))


def test_a_helper_the_notebook_lacks_travels_with_the_mutant():
    """``propagate``'s reference calls ``_require_row_labels``, which the notebook does not
    define: the graded cell carries it; planar's ``sigmoid`` is the notebook's own."""
    logistic = Paths(ROOT, "logistic_regression")
    assert "def _require_row_labels(X, Y):" in support(logistic, "propagate")
    assert support(Paths(ROOT, NAME), "forward_propagation") == ""
    mutant = hand_mutant("compute_cost", "m = Y.shape[1]", "m = Y.shape[1]")
    assert cell_for(Paths(ROOT, NAME), mutant).startswith("# GRADED FUNCTION: compute_cost\n")


def test_a_class_is_compared_on_every_method_and_several_sizes():
    """``TwoLayerNet``: a mistake in ``loss`` (no public stage calls it) and one that shows only
    with two outputs (summing ``b2``'s gradient over every axis) are not equivalent."""
    original = plain_source("xor_backprop", "TwoLayerNet")
    in_loss = original.replace("np.mean((y - self.feed_forward(X)) ** 2)",
                               "np.sum((y - self.feed_forward(X)) ** 2)")
    in_b2 = original.replace("'b2': np.sum(o_delta, axis=0, keepdims=True)",
                             "'b2': np.sum(o_delta, keepdims=True)")
    assert in_loss != original and in_b2 != original
    assert equivalence.judge("xor_backprop", "TwoLayerNet", original).equivalent
    assert not equivalence.judge("xor_backprop", "TwoLayerNet", in_loss).equivalent
    assert not equivalence.judge("xor_backprop", "TwoLayerNet", in_b2).equivalent


def test_only_what_a_student_writes_is_mutated():
    """The notebook's ``TwoLayerNet`` has no ``loss``: the reference's own helper is not
    mutated; ``gradients``, which the reference's ``backward`` calls, is."""
    paths = Paths(ROOT, "xor_backprop")
    source = plain_source("xor_backprop", "TwoLayerNet")
    in_loss = Mutant("TwoLayerNet", "hand", "", source[:source.index("def loss")].count("\n") + 2,
                     source, source)
    in_gradients = Mutant("TwoLayerNet", "hand", "",
                          source[:source.index("def gradients")].count("\n") + 2, source, source)
    assert not graded_part(paths, in_loss)
    assert graded_part(paths, in_gradients)
    assert graded_part(Paths(ROOT, NAME), hand_mutant("compute_cost", "m =", "m ="))
