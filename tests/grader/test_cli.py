"""The command-line contract, run as a user runs it."""

from __future__ import annotations

import csv
import shutil

import pytest

from tests.support.grader_fixtures import read_grades, run_grader


def test_grade_writes_rows_and_exits_zero(planar, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copyfile(planar.solution_notebook, folder / "alice.ipynb")
    shutil.copyfile(planar.student, folder / "bob.ipynb")
    (folder / "carol.ipynb").write_bytes(b"\xff\xfe not utf-8")
    out = tmp_path / "out"
    completed = run_grader("grade", "planar_classification", str(folder), "--out", str(out),
                           "--jobs", "2", "--timeout", "5")
    assert completed.returncode == 0, completed.stderr
    rows = read_grades(out)
    assert set(rows) == {"alice", "bob", "carol"}
    assert rows["alice"]["score"] == rows["alice"]["max_score"]
    assert float(rows["bob"]["score"]) == 0
    assert rows["carol"]["status"] == "error: not UTF-8 text"
    header = next(csv.reader(open(out / "grades.csv", encoding="utf-8")))
    assert header[:4] == ["submission", "status", "score", "max_score"]
    assert "forward_propagation" in header and "backward_propagation" in header
    assert sorted(p.name for p in (out / "feedback").iterdir()) == \
        [f"{name}.{kind}" for name in ("alice", "bob", "carol") for kind in ("html", "md")]
    assert (out / "report.html").is_file()
    feedback = (out / "feedback" / "bob.md").read_text(encoding="utf-8")
    assert "`forward_propagation` 셀" in feedback and "아직 채우지 않은 `...`" in feedback
    assert "입력: X (" in feedback  # the inputs of the check on which the student's code raised
    # Students read the checks' messages, never the hidden tests' source or the answers.
    for secret in ("def test_", "nnkit.reference", "import ", "ref."):
        assert secret not in feedback


def test_grade_accepts_single_files(planar, tmp_path):
    out = tmp_path / "out"
    completed = run_grader("grade", "planar_classification", str(planar.student),
                           "--out", str(out))
    assert completed.returncode == 0, completed.stderr
    assert (out / "grades.csv").read_text(encoding="utf-8").count("\n") == 2


def test_grade_missing_file_is_a_usage_error(planar, tmp_path):
    completed = run_grader("grade", "planar_classification", str(tmp_path / "nope.ipynb"),
                           "--out", str(tmp_path / "out"))
    assert completed.returncode == 2
    assert "no such file" in completed.stderr


@pytest.mark.slow
def test_demo_grades_a_sample_class(planar, tmp_path):
    completed = run_grader("demo", "--out", str(tmp_path / "demo"))
    assert completed.returncode == 0, completed.stderr
    assert "correct" in completed.stdout and "unfinished" in completed.stdout
    rows = read_grades(tmp_path / "demo" / "graded")
    assert rows["correct"]["score"] == rows["correct"]["max_score"]
    assert float(rows["unfinished"]["score"]) == 0
    assert rows["not-a-notebook"]["status"].startswith("error:")
    buggy = [r for name, r in rows.items() if name.startswith(("buggy", "hostile"))]
    assert buggy and all(float(r["score"]) < float(r["max_score"]) for r in buggy)
