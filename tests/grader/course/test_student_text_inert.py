"""Text a student controls — a file's name, a name in the roster — reaches the report's
재채점과 조정 내역 (changes) section and the LMS exports as the characters it is, through
:mod:`grader.literal_text` alone: escaped HTML that links to the row's own feedback page, and CSV
cells a spreadsheet cannot run as a formula. The reasons staff read are Korean."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path

from grader import words
from grader.assignment import Question
from grader.course.changes import CHANGES_FILE, Change, write_changes
from grader.course.export import export
from grader.files import write_atomically
from grader.grading.gradebook import INPUT_FILE, ReportInput, Result, feedback_path, save_result
from grader.literal_text import csv_cell
from grader.reporting.report import _link, rebuild_report

QUESTIONS = [Question("double", 3.0), Question("affine", 3.0), Question("draw", 1.0)]
FILE_NAMES = ['=HYPERLINK("http://x","y")', "<img src=x onerror=alert(1)>", "ㄱ\u202eexe.bdpi"]
ROSTER_NAMES = ["<script>alert(1)</script>", "-2+3", "**굵게** `코드`"]
FORMULA_STARTS = ("=", "+", "-", "@")


class Links(HTMLParser):
    """The changes section's tags and text."""

    def __init__(self) -> None:
        super().__init__()
        self.inside, self.tags, self.hrefs, self.text = False, set(), [], []

    def handle_starttag(self, tag, attrs):
        if tag == "section" and dict(attrs).get("id") == "changes":
            self.inside = True
        if self.inside:
            self.tags.add(tag)
            if tag == "a":
                self.hrefs.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag == "section":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.text.append(data)


def hostile_class(folder: Path) -> list[Result]:
    """Three files that matched no roster student and three roster students, every one of them
    regraded once (changes.csv) with a reason."""
    results = []
    for name in FILE_NAMES:
        results.append(Result(submission=name, status="ok", score=7.0, max_score=7.0,
                              questions={q.name: q.points for q in QUESTIONS},
                              flags=["unmatched"], feedback=f"# {name}\n"))
    for number, name in enumerate(ROSTER_NAMES, start=1):
        sid = f"202600{number}"
        results.append(Result(submission=sid, status="ok", score=7.0, max_score=7.0,
                              questions={q.name: q.points for q in QUESTIONS},
                              feedback=f"# {sid}\n", student={
                                  "id": sid, "name": name, "email": f"{name}@x",
                                  "section": name, "lms_id": str(500 + number),
                                  "roster_format": "canvas"}))
    for result in results:
        save_result(folder, result)
    write_atomically(folder / INPUT_FILE, ReportInput(
        "mini", QUESTIONS, [r.submission for r in results]).to_json())
    changes = [Change(2, r.submission, r.student.get("id", ""), "double", 0.0, 3.0,
                      "submission changed; tests changed").cells() for r in results]
    write_changes(folder / CHANGES_FILE, changes)
    return results


def test_the_changes_section_shows_and_links_each_row_as_itself(tmp_path):
    results = hostile_class(tmp_path)
    page, missing = rebuild_report(tmp_path)
    assert missing == []
    found = Links()
    found.feed(page.read_text(encoding="utf-8"))
    assert found.tags <= {"section", "h2", "p", "div", "table", "thead", "tbody", "tr", "th",
                          "td", "a", "code"}, found.tags  # nothing a name brought in
    # Each row links to its own feedback page (that exists), not to its spreadsheet-safe cell.
    pages = {_link(tmp_path, r.submission, ".html") for r in results}
    assert set(found.hrefs) == pages
    assert all(feedback_path(tmp_path, r.submission, ".html").is_file() for r in results)
    shown = "".join(found.text)
    assert FILE_NAMES[0] in shown and FILE_NAMES[1] in shown
    assert "ㄱ\\u202eexe.bdpi" in shown and "\u202e" not in shown  # a bidi override shown, not run
    reasons = "; ".join(map(words.change_reason, ("submission changed", "tests changed")))
    assert shown.count(reasons) == len(results)  # the reasons in Korean, each of them


def test_exports_keep_student_text_inert(tmp_path):
    hostile_class(tmp_path)
    for to in ("canvas", "csv"):
        written, _ = export(tmp_path, to, column="Homework 1 (4821)")
        rows = list(csv.reader(io.StringIO(written.read_text(encoding="utf-8"))))
        cells = [cell for row in rows[1:] for cell in row]
        assert not [c for c in cells if c.startswith(FORMULA_STARTS)], to
        assert not [c for c in cells if "\u202e" in c], to
        for name in ROSTER_NAMES:
            assert csv_cell(name) in cells, (to, name)
    plain = list(csv.DictReader(io.StringIO(
        (tmp_path / "grades-by-function.csv").read_text(encoding="utf-8"))))
    assert {r["submission"] for r in plain if not r["student_id"]} == set(map(csv_cell,
                                                                             FILE_NAMES))
    changes = (tmp_path / CHANGES_FILE).read_text(encoding="utf-8")
    assert all(not cell.startswith(FORMULA_STARTS)
               for row in csv.reader(io.StringIO(changes)) for cell in row)
