"""Regrades with an audit trail: receipts, history, changes.csv and adjustments."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.assignment import Paths
from grader.authoring.build import build
from grader.course.changes import CHANGE_COLUMNS, AdjustmentError, parse_adjustments
from grader.options import Options
from grader.run.grade import GRADER_VERSION, grade_all
from tests.support.grader_fixtures import FIXTURE, read_grades, submission

FUNCTIONS = ["double", "affine", "draw"]
WRONG_DOUBLE = "# GRADED FUNCTION: double\ndef double(x):\n    return 3 * x"


def changes(out: Path) -> list[dict[str, str]]:
    with open(out / "changes.csv", newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def grade(paths: Paths, folder: Path, out: Path) -> None:
    grade_all(paths, [folder], out, jobs=2, options=Options(timeout=5.0), progress=False)


DRAW_SEEDED = ("expected = np.random.randn(5)\\n\",\n    \"    np.random.seed(7)",
               "expected = np.random.randn(5)\\n\",\n    \"    np.random.seed(8)")


def rebuilt_mini(root: Path, old: str, new: str) -> Paths:
    """mini built with one piece of its master's JSON text replaced (a test changed)."""
    shutil.copytree(FIXTURE / "solutions", root / "solutions")
    master = root / "solutions" / "mini.ipynb"
    text = master.read_text(encoding="utf-8")
    assert text.count(old) == 1
    master.write_text(text.replace(old, new), encoding="utf-8")
    paths = Paths(root, "mini")
    build(paths, run_tests=False, update_student=True, with_zip=False)
    return paths


def test_every_rerun_says_what_changed_and_why_and_keeps_the_old_grade(mini, tmp_path):
    folder, out = tmp_path / "class", tmp_path / "out"
    submission(mini, folder / "ann.ipynb")
    bob = submission(mini, folder / "bob.ipynb", double=WRONG_DOUBLE)
    submission(mini, folder / "cho.ipynb")
    grade(mini, folder, out)
    rows = read_grades(out)
    bob_bytes = hashlib.sha256(bob.read_bytes()).hexdigest()
    assert rows["bob"]["file_sha256"] == bob_bytes
    assert rows["bob"]["grader_version"] == GRADER_VERSION
    manifest = json.loads(mini.manifest.read_text(encoding="utf-8"))
    assert rows["bob"]["tests_hash"] == manifest["source_hash"]
    assert not (out / "changes.csv").exists()  # a first run changes nothing

    grade(mini, folder, out)  # nothing changed: nothing written
    assert not (out / "changes.csv").exists()

    submission(mini, folder / "bob.ipynb")  # bob resubmits, fixed
    grade(mini, folder, out)
    assert changes(out) == [
        {"run": "3", "submission": "bob", "student_id": "", "function": "double", "old": "0",
         "new": "3", "reason": "submission changed"},
        {"run": "3", "submission": "bob", "student_id": "", "function": "total", "old": "4",
         "new": "7", "reason": "submission changed"}]
    kept = [json.loads(p.read_text(encoding="utf-8"))
            for p in (out / ".results" / "history" / "bob").glob("*.json")]
    assert {k["score"] for k in kept} == {4.0}  # the replaced grade, retrievable
    assert kept[0]["receipt"]["file_sha256"] == bob_bytes

    (out / "adjustments.csv").write_text(
        "student,function,points,reason\ncho,total,-1,copied a cell (board decision 12/3)\n"
        "ann,draw,0.5,\"prose unclear, see forum\"\n", encoding="utf-8")
    grade(mini, folder, out)
    rows = read_grades(out)
    assert rows["cho"]["score"] == "7" and rows["cho"]["adjusted_score"] == "6"
    assert rows["cho"]["adjustments"] == "total -1: copied a cell (board decision 12/3)"
    assert rows["ann"]["draw"] == "1" and rows["ann"]["adjusted_score"] == "7.5"
    assert rows["bob"]["adjustment"] == "" and rows["bob"]["adjusted_score"] == "7"
    latest = [c for c in changes(out) if c["run"] == "4"]
    assert [(c["submission"], c["function"], c["old"], c["new"], c["reason"]) for c in latest] \
        == [("ann", "total", "7", "7.5", "adjustment changed"),
            ("cho", "total", "7", "6", "adjustment changed")]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "copied a cell (board decision 12/3)" in report

    changed = rebuilt_mini(tmp_path / "changed", *DRAW_SEEDED)  # everyone now fails draw
    grade(changed, folder, out)
    latest = [c for c in changes(out) if c["run"] == "5"]
    assert {(c["submission"], c["function"], c["reason"]) for c in latest} == {
        (name, function, "tests changed") for name in ("ann", "bob", "cho")
        for function in ("draw", "total")}
    assert len(changes(out)) == 2 + 2 + 6  # the earlier runs' lines kept


def test_a_broken_adjustments_file_stops_the_run_before_grading(mini, tmp_path):
    folder, out = tmp_path / "class", tmp_path / "out"
    submission(mini, folder / "ann.ipynb")
    out.mkdir()
    (out / "adjustments.csv").write_text("student,function,points,reason\nann,nope,1,x\n",
                                         encoding="utf-8")
    with pytest.raises(AdjustmentError, match="line 2"):
        grade(mini, folder, out)
    assert not (out / ".results" / "ann.json").exists()


def test_adjustments_parse():
    parsed = parse_adjustments("Student,Function,Points,Reason\n 2026001 ,total,+2,regrade\n",
                               FUNCTIONS)
    assert [(a.student, a.function, a.points, a.reason) for a in parsed] == \
        [("2026001", "total", 2.0, "regrade")]
    for bad in ("student,function,points\n,total,1\n", "student,function,points\na,total,x\n",
                "student,function,points\na,total,nan\n"):
        with pytest.raises(AdjustmentError):
            parse_adjustments(bad, FUNCTIONS)
    assert CHANGE_COLUMNS[:4] == ("run", "submission", "student_id", "function")


@settings(max_examples=400)
@given(st.text(max_size=300) | st.lists(
    st.lists(st.sampled_from(["student", "function", "points", "reason", "total", "double", "1",
                              "-0.5", "inf", "", "a,b", "\"", "\n", "=1+1", "김"]),
             max_size=5), max_size=6).map(
    lambda rows: "\n".join(",".join(r) for r in rows)))
def test_any_adjustments_file_is_applied_or_refused_by_line(text):
    try:
        parsed = parse_adjustments(text, FUNCTIONS)
    except AdjustmentError as error:
        assert str(error).startswith("adjustments.csv")
        return
    for adjustment in parsed:
        assert adjustment.function in [*FUNCTIONS, "total"] and adjustment.student
        assert abs(adjustment.points) < float("inf")


def test_changes_csv_cells_are_inert():
    from grader.course.changes import Change

    cells = Change(1, "=cmd|' /C calc'!A0", "@id", "total", 1.0, 2.0, "regraded").cells()
    rows = list(csv.reader(io.StringIO(",".join(f'"{c}"' for c in cells))))
    assert rows[0][1].startswith("'=") and rows[0][2].startswith("'@")


def course_file(path: Path, due: str, extension: str = "") -> Path:
    path.write_text(f'due = {due}\ntimezone = "Asia/Seoul"\n\n[late]\npolicy = "per_day"\n'
                    f'rate = 10\nbasis = "max_score"\n\n[extensions]\n{extension}\n'
                    '[submitted_at]\n"2026001" = 2026-12-16T10:00:00\n'
                    '"2026002" = 2026-12-16T10:00:00\n"2026003" = 2026-12-10T10:00:00\n',
                    encoding="utf-8")
    return path


def test_due_date_extension_test_and_submission_changes_say_exactly_what(mini, tmp_path):
    from grader.course.class_rows import course_from_files

    folder, out = tmp_path / "class", tmp_path / "out"
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name\n2026001,김민준\n2026002,이서연\n2026003,박지훈\n", encoding="utf-8")
    for sid in ("2026001", "2026002", "2026003"):
        submission(mini, folder / f"{sid}.ipynb")
    course = tmp_path / "course.toml"

    def run(paths: Paths = mini) -> list[dict[str, str]]:
        grade_all(paths, [folder], out, jobs=2, options=Options(timeout=5.0), progress=False,
                  course=course_from_files(roster, course, "plain"))
        last = max(int(c["run"]) for c in changes(out))
        return [{k: c[k] for k in ("submission", "function", "old", "new", "reason")}
                for c in changes(out) if int(c["run"]) == last]

    course_file(course, "2026-12-14T23:59:00")  # two late by 2 days: -1.4 each
    grade_all(mini, [folder], out, jobs=2, options=Options(timeout=5.0), progress=False,
              course=course_from_files(roster, course, "plain"))
    course_file(course, "2026-12-15T23:59:00")  # the due date moves a day: -0.7 each
    assert run() == [
        {"submission": s, "function": "total", "old": "5.6", "new": "6.3",
         "reason": "policy changed"} for s in ("2026001", "2026002")]
    course_file(course, "2026-12-15T23:59:00", '"2026002" = { days = 2 }')
    assert run() == [{"submission": "2026002", "function": "total", "old": "6.3", "new": "7",
                      "reason": "policy changed"}]
    changed = rebuilt_mini(tmp_path / "changed", *DRAW_SEEDED)
    assert {(c["submission"], c["function"], c["reason"]) for c in run(changed)} == {
        (s, f, "tests changed") for s in ("2026001", "2026002", "2026003")
        for f in ("draw", "total")}
    submission(changed, folder / "2026003.ipynb", double=WRONG_DOUBLE)
    assert run(changed) == [
        {"submission": "2026003", "function": "double", "old": "3", "new": "0",
         "reason": "submission changed"},
        {"submission": "2026003", "function": "total", "old": "6", "new": "3",
         "reason": "submission changed"}]
