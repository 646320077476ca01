"""Judging an assignment's mutants: every verdict cached, the score per function
(:mod:`grader.mutation.score`, :mod:`grader.mutation.report`)."""

from __future__ import annotations

import pytest

from grader.assignment import Paths
from grader.authoring.build import ensure_built
from grader.mutation import report, score
from grader.mutation.mutants import mutants_of
from tests.support import ROOT


@pytest.mark.slow  # cold, it grades 7 mutants through the sandbox
def test_a_second_run_judges_nothing_and_says_the_same():
    paths = Paths(ROOT, "planar_classification")
    ensure_built(paths)
    first = score.run(paths, jobs=2, only=["layer_sizes"])
    again = score.run(paths, jobs=2, only=["layer_sizes"])
    assert again.graded == 0
    assert [v.to_json() for v in again.verdicts] == [v.to_json() for v in first.verdicts]
    assert len(first.verdicts) == len(mutants_of("planar_classification", "layer_sizes"))
    (reference,) = first.baselines
    assert reference.equivalent and not reference.hidden_killed and not reference.public_killed
    rows = {row.function: row for row in report.scores(first)}
    assert rows["layer_sizes"].hidden_killed == rows["layer_sizes"].non_equivalent > 0
    assert "layer_sizes" in report.table(first)
