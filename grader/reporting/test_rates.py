"""Which test the class fails: each test's outcome kept with the result, its pass rate across the
class, and *suspect tests*.

A hidden test is suspect when submissions fail it while passing every other test of the same
function: their function is right by every other measure, so the test (or the prose it checks)
is the first place to look. The report lists such a test with how many submissions it caught
that way and the message most of them got. Results saved before per-test outcomes existed have
none: they count in no rate (the report says over how many submissions each rate is).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from grader.assignment import Assignment, Question

MIN_SUSPECTS = 2  # one submission failing one hidden test alone is a student, not a test


def outcomes(assignment: Assignment, cases: list) -> dict[str, list[dict]]:
    """Per function, each test in order: its name, whether it is hidden, whether it passed, and
    the message of a failure (``cases``: the runner's ``CaseResult`` list)."""
    hidden = {(q.name, t.name): bool(t.hidden) for q in assignment.questions
              for t in assignment.test_cases(q.name)}
    kept: dict[str, list[dict]] = {}
    for case in cases:
        passed = case.earned >= case.points
        kept.setdefault(case.question, []).append({
            "name": case.name, "hidden": hidden.get((case.question, case.name), True),
            "passed": passed, "message": "" if passed else case.message})
    return kept


@dataclass(frozen=True)
class TestRate:
    function: str
    name: str
    hidden: bool
    passed: int
    runs: int  # submissions with this test's outcome

    @property
    def rate(self) -> float | None:
        return self.passed / self.runs if self.runs else None


@dataclass(frozen=True)
class Suspect:
    function: str
    name: str
    students: tuple[str, ...]  # failed only this test of the function
    message: str  # the most common message among them


def rates(questions: list[Question], tests_by_result: dict[str, dict[str, list[dict]]]
          ) -> list[TestRate]:
    """Each test's pass rate, functions in notebook order, tests in their order."""
    counts: dict[tuple[str, str], list[int]] = {}
    hidden: dict[tuple[str, str], bool] = {}
    for tests in tests_by_result.values():
        for question in questions:
            for test in tests.get(question.name, []):
                key = (question.name, test["name"])
                hidden.setdefault(key, test["hidden"])
                tally = counts.setdefault(key, [0, 0])
                tally[0] += bool(test["passed"])
                tally[1] += 1
    return [TestRate(f, n, hidden[(f, n)], passed, runs)
            for (f, n), (passed, runs) in counts.items()]


def suspects(tests_by_result: dict[str, dict[str, list[dict]]]) -> list[Suspect]:
    """Hidden tests failed by at least :data:`MIN_SUSPECTS` submissions that pass every other
    test of that function (functions with one test have no other to compare with)."""
    caught: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for submission, tests in sorted(tests_by_result.items()):
        for function, ran in tests.items():
            failed = [t for t in ran if not t["passed"]]
            if len(ran) > 1 and len(failed) == 1 and failed[0]["hidden"]:
                key = (function, failed[0]["name"])
                caught.setdefault(key, []).append((submission, failed[0]["message"]))
    found = []
    for (function, name), rows in caught.items():
        if len(rows) >= MIN_SUSPECTS:
            message = Counter(m for _, m in rows).most_common(1)[0][0]
            found.append(Suspect(function, name, tuple(s for s, _ in rows), message))
    return sorted(found, key=lambda s: (-len(s.students), s.function, s.name))
