"""Which test the class fails: per-test pass rates and suspect tests, in the report."""

from __future__ import annotations

from grader.assignment import Question
from grader.options import Options
from grader.reporting.report import rebuild_report
from grader.reporting.test_rates import rates, suspects
from grader.run.grade import grade_all
from tests.grader.course.test_changes import WRONG_DOUBLE, rebuilt_mini
from tests.support.grader_fixtures import submission

# double's hidden test made to expect 3x: a right double now fails it and passes the public one.
DOUBLE_WRONG_TEST = ("double(x.copy()), 2 * x)", "double(x.copy()), 3 * x)")


def ran(*tests: tuple[str, bool, bool]) -> list[dict]:
    return [{"name": n, "hidden": h, "passed": p, "message": "" if p else f"{n} 틀림"}
            for n, h, p in tests]


def test_rates_and_suspects_from_outcomes():
    public, hidden, other = ("t_public", False, True), ("t_hidden", True, False), \
        ("t_other", True, True)
    outcomes = {"a": {"f": ran(public, hidden, other)}, "b": {"f": ran(public, hidden, other)},
                "c": {"f": ran(("t_public", False, False), hidden, other)},
                "d": {"g": ran(("only", True, False))}}  # one test: nothing to compare with
    found = {(r.function, r.name): (r.passed, r.runs, r.hidden)
             for r in rates([Question("f", 3), Question("g", 1)], outcomes)}
    assert found[("f", "t_hidden")] == (0, 3, True) and found[("f", "t_public")] == (2, 3, False)
    [suspect] = suspects(outcomes)
    assert (suspect.function, suspect.name, suspect.students) == ("f", "t_hidden", ("a", "b"))
    assert suspect.message == "t_hidden 틀림"
    assert suspects({"a": outcomes["a"]}) == []  # a single submission is not a pattern


def test_a_wrong_hidden_test_is_flagged_in_the_report(tmp_path):
    paths = rebuilt_mini(tmp_path / "project", *DOUBLE_WRONG_TEST)
    folder, out = tmp_path / "class", tmp_path / "out"
    for name in ("ann", "bob", "cho"):
        submission(paths, folder / f"{name}.ipynb")
    submission(paths, folder / "dan.ipynb", double=WRONG_DOUBLE)  # fails the public test
    grade_all(paths, [folder], out, jobs=2, options=Options(timeout=5.0), progress=False)
    page = (out / "report.html").read_text(encoding="utf-8")
    section = page[page.index('id="tests"'):page.index('id="look"')]
    # otter names a question's tests "double - 1", "double - 2" in notebook order
    assert "<code>double - 2</code></td><td>숨김</td><td class=\"num\">25%</td>" \
        in section  # dan's 3x passes the wrong test
    assert "<code>double - 1</code></td><td>공개</td><td class=\"num\">75%</td>" in section
    suspects = section.split("의심")[1]
    assert "<code>double</code>의 <code>double - 2</code>: 3명이 이 테스트만 실패" in suspects
    assert "dan" not in suspects
    assert "double" in section and "반환값" in section  # the common message, shown
    rebuild_report(out)  # the saved results alone give the same page
    assert (out / "report.html").read_text(encoding="utf-8") == page
