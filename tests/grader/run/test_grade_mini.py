"""The grade path end to end on the mini assignment: solution, stubs, wrong answers, rows."""

from __future__ import annotations

import pytest

from grader.assignment import Assignment
from grader.grading.submission_files import SubmissionFile
from grader.options import Options
from grader.run.grade import grade_all, grade_one
from tests.support.grader_fixtures import read_grades, submission


@pytest.fixture()
def options():
    return Options(timeout=5.0)


def test_solution_scores_full_marks(mini, options):
    solution = SubmissionFile("solution", mini.solution_notebook)
    result = grade_one(Assignment(mini), solution, options)
    assert result.status == "ok"
    assert result.score == result.max_score == 7


def test_released_stubs_score_zero(mini, options):
    result = grade_one(Assignment(mini), SubmissionFile("stubs", mini.student), options)
    assert result.status == "ok"
    assert result.score == 0


def test_wrong_function_loses_only_its_points(mini, options, tmp_path):
    path = submission(mini, tmp_path / "bug.ipynb",
                      double="# GRADED FUNCTION: double\ndef double(x):\n    return 3 * x")
    result = grade_one(Assignment(mini), SubmissionFile("bug", path), options)
    assert result.questions == {"double": 0, "affine": 3, "draw": 1}
    assert "double" in result.feedback and "반환값" in result.feedback


def test_seeding_reaches_the_submission(mini, options, tmp_path):
    path = submission(mini, tmp_path / "reseed.ipynb",
                      draw="# GRADED FUNCTION: draw\ndef draw(n):\n"
                           "    np.random.seed(0)\n    return np.random.randn(n)")
    result = grade_one(Assignment(mini), SubmissionFile("reseed", path), options)
    assert result.questions["draw"] == 0
    assert result.questions["double"] == 3


def test_grades_csv_has_one_row_per_submission(mini, options, tmp_path):
    folder = tmp_path / "class"
    submission(mini, folder / "alice.ipynb")
    submission(mini, folder / "bob.ipynb",
               affine="# GRADED FUNCTION: affine\ndef affine(X, W, b):\n    return X @ W")
    (folder / "carol.ipynb").write_text("{not json", encoding="utf-8")
    out = tmp_path / "out"
    grade_all(mini, [folder], out, jobs=2, options=options, progress=False)
    rows = read_grades(out)
    assert list(rows) == ["alice", "bob", "carol"]
    assert rows["alice"]["score"] == "7" and rows["alice"]["max_score"] == "7"
    assert rows["bob"]["affine"] == "1" and rows["bob"]["double"] == "3"
    assert rows["carol"]["status"].startswith("error: not a JSON notebook")
    for name in rows:
        assert (out / "feedback" / f"{name}.md").exists()


def test_regrading_is_identical_and_resumes(mini, options, tmp_path):
    folder = tmp_path / "class"
    for name in ("a", "b", "c"):
        submission(mini, folder / f"{name}.ipynb")
    out = tmp_path / "out"
    grade_all(mini, [folder], out, jobs=1, options=options, progress=False)
    first = (out / "grades.csv").read_text(encoding="utf-8")
    feedback = (out / "feedback" / "b.md").read_text(encoding="utf-8")
    (out / ".results" / "b.json").unlink()  # as if the grader had been killed before b finished
    (out / "grades.csv").unlink()
    grade_all(mini, [folder], out, jobs=1, options=options, progress=False)
    assert (out / "grades.csv").read_text(encoding="utf-8") == first
    assert (out / "feedback" / "b.md").read_text(encoding="utf-8") == feedback




def test_a_dying_grading_process_costs_only_its_own_row(mini, options, tmp_path, monkeypatch):
    import os

    from grader.run import grade

    real_load = grade.load_submission

    def load_or_die(path, name):
        if name == "killer":
            os._exit(3)  # a crash in native code on the trusted side, simulated
        return real_load(path, name)

    monkeypatch.setattr(grade, "load_submission", load_or_die)  # forked workers inherit it
    folder = tmp_path / "class"
    for name in ("a", "b", "killer", "c", "d"):
        submission(mini, folder / f"{name}.ipynb")
    out = tmp_path / "out"
    results = {r.submission: r for r in grade_all(mini, [folder], out, jobs=2, options=options,
                                                   progress=False)}
    assert results["killer"].status == "error: grader: the grading process died"
    assert results["killer"].score is None  # the grader's failure, never a student's zero
    assert all(results[n].score == 7 for n in ("a", "b", "c", "d"))


def test_a_submission_past_its_time_budget_gets_its_row(mini):
    options = Options(timeout=5.0, budget=0.0)
    result = grade_one(Assignment(mini), SubmissionFile("slow", mini.solution_notebook), options)
    assert result.status == "ok" and result.score == 0
    assert "채점 시간" in result.feedback and "`double`" in result.feedback
