"""README's "One term, step by step", run as written: every command of its blocks, in order, in a
checkout that holds the mini assignment, the repository's examples/ and a class of ten.

The commands are read from README.md (between its ``term walkthrough`` markers), so the README
cannot drift from what the grader does: a renamed option, a missing example file or a step that
no longer says what happens fails here. Only the assignment's name is replaced (the mini
assignment grades in a fraction of a second); the files the walkthrough takes from the LMS
(``submissions/``, ``resubmissions.zip``) are made here, as the LMS would make them.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from grader import words
from tests.support import ROOT
from tests.support.grader_fixtures import read_grades, submission

README = ROOT / "README.md"
START, END = "<!-- term walkthrough: start -->", "<!-- term walkthrough: end -->"
BLOCK = re.compile(r"^ *```(sh|toml)\n(.*?)^ *```$", re.DOTALL | re.MULTILINE)
ASSIGNMENT = "planar_classification"  # the README's; the mini assignment stands in for it
BUG = "# GRADED FUNCTION: double\ndef double(x):\n    return 3 * x"


def walkthrough() -> list[tuple[str, list[str]]]:
    """The walkthrough's blocks in order: (language, its lines without indentation)."""
    text = README.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1
    section = text[text.index(START):text.index(END)]
    return [(language, [line.strip() for line in body.splitlines() if line.strip()])
            for language, body in BLOCK.findall(section)]


def test_the_walkthrough_has_every_step_of_a_term():
    commands = [line for language, lines in walkthrough() if language == "sh" for line in lines]
    verbs = [line.split()[3] for line in commands if line.startswith("python -m grader")]
    assert verbs == ["grade", "report", "export", "export", "grade", "grade", "export"]
    grade = next(line for line in commands if " grade " in line)
    assert "--roster examples/roster.csv" in grade and "--course course.toml" in grade
    assert (ROOT / "examples" / "roster.csv").is_file()
    assert (ROOT / "examples" / "course.toml").is_file()


def _checkout(mini, tmp_path: Path) -> Path:
    """A checkout where ``python -m grader grade mini`` finds its build, with examples/."""
    work = tmp_path / "term"
    shutil.copytree(mini.root / "solutions", work / "solutions")
    shutil.copytree(mini.root / "build", work / "build", symlinks=True)
    shutil.copytree(ROOT / "examples", work / "examples")
    return work


def _class(mini, work: Path) -> None:
    """Ten roster students: 2026008 did not submit, 2026005 has a bug (fixed in a
    resubmission), and one file names no one."""
    folder = work / "submissions"
    for number in range(1, 11):
        sid = f"20260{number:02d}"
        if sid == "2026008":
            continue
        cells = {"double": BUG} if sid == "2026005" else {}
        submission(mini, folder / f"{sid}.ipynb", **cells)
    submission(mini, folder / "9999999.ipynb")
    fixed = submission(mini, work / "later" / "2026005_v2.ipynb")
    with zipfile.ZipFile(work / "resubmissions.zip", "w") as archive:
        archive.write(fixed, fixed.name)


def _edit_course(work: Path, snippet: list[str]) -> None:
    """The README's TOML block, added under ``[extensions]`` as it says."""
    course = work / "course.toml"
    lines = course.read_text(encoding="utf-8").splitlines()
    at = lines.index(next(line for line in lines if line.startswith("[extensions]"))) + 1
    course.write_text("\n".join(lines[:at] + snippet + lines[at:]) + "\n", encoding="utf-8")


def _changes(work: Path) -> list[dict[str, str]]:
    path = work / "hw1" / "changes.csv"
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.slow  # the README's term, every command as a subprocess
def test_the_readme_term_runs_as_written(mini, tmp_path):
    work = _checkout(mini, tmp_path)
    _class(mini, work)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    after_grade = []  # grades.csv, changes.csv and two feedback files after each grade command
    for language, lines in walkthrough():
        if language == "toml":
            _edit_course(work, lines)
            continue
        for line in lines:
            command = line.replace(ASSIGNMENT, "mini")
            done = subprocess.run(command, shell=True, cwd=work, env=env, capture_output=True,
                                  text=True, timeout=300)
            assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
            if " grade " in command:
                feedback = work / "hw1" / "feedback"
                after_grade.append((read_grades(work / "hw1"), _changes_or_none(work),
                                    (feedback / "2026010.md").read_text(encoding="utf-8"),
                                    (feedback / "2026010.html").read_text(encoding="utf-8")))
    first, extended, resubmitted = after_grade

    # Step 2: one row per roster student, the file naming no one, 미제출 with 0, the penalty.
    rows = first[0]
    assert set(rows) == {f"20260{n:02d}" for n in range(1, 11)} | {"9999999"}
    assert (rows["2026008"]["status"], rows["2026008"]["score"],
            rows["2026008"]["final_score"]) == (words.NOT_SUBMITTED_STATUS, "0", "0")
    assert rows["9999999"]["flags"] == "unmatched"
    late = rows["2026010"]
    assert (late["score"], late["penalty"], late["final_score"]) == ("7", "0.7", "6.3")
    assert rows["2026005"]["score"] == "4"
    assert first[1] is None  # a first run changes nothing
    # Step 3: the student reads raw score, penalty and final score; an on-time one reads none.
    raw, penalty, final = words.late_penalty_lines("7", "0.7", "6.3", "7", None)
    assert all(line in first[2] for line in (raw, penalty, final))
    assert penalty in first[3]  # the HTML page beside it
    on_time = (work / "hw1" / "feedback" / "2026001.md").read_text(encoding="utf-8")
    assert penalty.split(":")[0] not in on_time
    # Step 4: the exports, as named.
    canvas = list(csv.reader(io.StringIO(
        (work / "hw1" / "canvas-import.csv").read_text(encoding="utf-8"))))
    assert canvas[0][-1] == "Homework 1 (4821)"
    assert (work / "hw1" / "grades-by-function.csv").is_file()

    # Step 5: the extension changes 2026010's penalty, and only that, for the reason said.
    assert extended[0]["2026010"]["final_score"] == "7"
    assert [(c["submission"], c["function"], c["reason"]) for c in extended[1]] == [
        ("2026010", "total", "policy changed")]
    assert penalty.split(":")[0] not in extended[2]  # the feedback no longer says it
    # Step 6: the resubmission is graded; changes.csv says what changed for 2026005 and why.
    assert resubmitted[0]["2026005"]["score"] == "7"
    assert resubmitted[0]["2026005"]["superseded"] == "2026005.ipynb"
    new = resubmitted[1][len(extended[1]):]
    assert {c["submission"] for c in new} == {"2026005"}
    assert {c["reason"] for c in new} == {"submission changed"}
    assert [c["function"] for c in new] == ["double", "total"]
    exported = {r[2]: r[-1] for r in csv.reader(io.StringIO(
        (work / "hw1" / "canvas-import.csv").read_text(encoding="utf-8")))}
    assert exported["2026005"] == "7" and exported["2026008"] == "0"


def _changes_or_none(work: Path) -> list[dict[str, str]] | None:
    return _changes(work) if (work / "hw1" / "changes.csv").exists() else None
