"""What staff and students read about a course's rows (``grade --roster --course``): a roster
student without a file is 미제출, a kind of its own in the report (not a file error, nothing to
open), and a late submission's feedback says the raw score, the late penalty and the final
score — and says nothing of a penalty when there is none."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from grader import words
from grader.assignment import Question
from grader.course.class_rows import not_submitted
from grader.grading.gradebook import ReportInput, Result, feedback_path, write_gradebook
from grader.reporting import feedback
from grader.reporting.feedback_html import feedback_page
from grader.reporting.report import write_pages
from grader.reporting.report_model import (
    NOT_SUBMITTED,
    STUDENT_ERROR,
    class_report,
    concern,
    status_kind,
)
from tests.support.grader_fixtures import read_grades

QUESTIONS = [Question("double", 3.0), Question("affine", 3.0), Question("draw", 1.0)]


def mini_assignment() -> SimpleNamespace:
    """Just what the feedback and the gradebook read of an assignment: name, questions, points."""
    return SimpleNamespace(name="mini", questions=QUESTIONS, max_score=7.0)


def graded(name: str, score: float, **extra) -> Result:
    questions = {"double": 3.0, "affine": score - 4.0, "draw": 1.0}
    return Result(submission=name, status="ok", score=score, max_score=7.0, questions=questions,
                  **extra)


# --------------------------------------------------------------------------- 미제출


def test_a_student_without_a_file_is_its_own_kind_in_the_report_and_the_gradebook(tmp_path):
    missing = not_submitted(mini_assignment(), "2026008")
    results = [graded("2026001", 7.0), graded("2026002", 5.0), missing,
               Result(submission="2026003", status="error: not a JSON notebook", score=0.0,
                      max_score=7.0, questions={q.name: 0.0 for q in QUESTIONS})]
    assert status_kind(missing.status) == NOT_SUBMITTED
    assert status_kind("error: not a JSON notebook") == STUDENT_ERROR

    model = class_report("mini", QUESTIONS, results)
    summary = model.summary
    assert (summary.submissions, summary.graded, summary.student_errors,
            summary.grader_errors, summary.not_submitted) == (3, 2, 1, 0, 1)
    assert summary.mean == pytest.approx((7 + 5 + 0 + 0) / 4)  # 0 counts, as in the gradebook
    assert concern(missing).reasons == ()  # nothing to open, no "file error"
    assert {c.student for c in model.concerns} == {"2026003"}

    page = write_pages(tmp_path, ReportInput("mini", QUESTIONS, []), results).read_text("utf-8")
    assert f"<b>1</b><span>{words.summary_cards('7')[4]}</span>" in page
    assert words.file_error_row(missing.status) not in page
    row = page[page.index(">2026008</a>"):]
    row = row[:row.index("</tr>")]
    assert "<td>0</td>" in row and f"<td>{words.NOT_SUBMITTED_STATUS}</td>" in row

    write_gradebook(tmp_path, mini_assignment(), results)
    written = read_grades(tmp_path)["2026008"]
    assert (written["status"], written["score"]) == (words.NOT_SUBMITTED_STATUS, "0")
    assert {written[q.name] for q in QUESTIONS} == {"0"}
    said = feedback_path(tmp_path, "2026008").read_text(encoding="utf-8")
    assert words.NOT_SUBMITTED_FEEDBACK in said


# --------------------------------------------------------------------------- late penalty


def test_late_feedback_says_raw_score_penalty_and_final_score():
    late = graded("2026010", 7.0, penalty=0.7, minutes_late=481)
    text = feedback.render(mini_assignment(), late)
    raw, penalty, final = words.late_penalty_lines("7", "0.7", "6.3", "7", 481)
    assert "(late penalty)" in penalty and "481" in penalty
    lines = text.splitlines()
    at = lines.index(f"- {raw}")
    assert lines[at:at + 3] == [f"- {raw}", f"- {penalty}", f"- {final}"]
    assert f"**{words.total('6.3', '7')}**" in lines[:at]  # the total is the final score
    assert feedback.summary(mini_assignment(), late).count(penalty) == 1  # Gradescope's summary too
    page = feedback_page("mini", text)
    assert all(line in page for line in (raw, penalty, final))


@pytest.mark.parametrize("penalty", [None, 0.0])
def test_feedback_says_nothing_of_a_penalty_when_there_is_none(penalty):
    text = feedback.render(mini_assignment(), graded("2026001", 5.0, penalty=penalty))
    raw, said, final = words.late_penalty_lines("5", "0", "5", "7", None)
    assert raw not in text and said.split(":")[0] not in text and final not in text
    assert f"**{words.total('5', '7')}**" in text


def test_a_late_time_the_lms_did_not_give_is_not_made_up():
    """Canvas's LATE marker without a time: the penalty, and no minutes."""
    text = feedback.render(mini_assignment(), graded("2026004", 7.0, penalty=0.7))
    assert words.late_penalty_lines("7", "0.7", "6.3", "7", None)[1] in text
    assert "분 늦게" not in text


def test_grading_writes_the_feedback_again_once_the_penalty_is_known(tmp_path: Path):
    """``ClassPlan.finish`` renders a graded row's feedback after its penalty is set."""
    from grader.course.class_rows import ClassPlan, Planned
    from grader.course.deadlines import load_course
    from grader.course.layouts import Candidate, Found
    from grader.course.roster import load_roster

    roster = tmp_path / "roster.csv"
    roster.write_text("id,name,email,section\n2026010,한지우,,1\n", encoding="utf-8")
    course = tmp_path / "course.toml"
    course.write_text('due = 2026-12-14T23:59:00\ntimezone = "Asia/Seoul"\n[late]\n'
                      'policy = "per_day"\nrate = 10\n[submitted_at]\n'
                      '"2026010" = 2026-12-15T08:00:00\n', encoding="utf-8")
    students = load_roster(roster)
    found = Found(tmp_path / "2026010.ipynb", "2026010.ipynb")
    student = students.students[0]
    plan = ClassPlan(students, load_course(course),
                     [Planned("2026010", student, Candidate(found, student))])
    before = graded("2026010", 7.0)
    before.feedback = feedback.render(mini_assignment(), before)
    [after] = plan.finish(mini_assignment(), [before], tmp_path, render=feedback.render)
    assert after.penalty == pytest.approx(0.7)
    assert words.late_penalty_lines("7", "0.7", "6.3", "7", after.minutes_late)[1] \
        in after.feedback
