"""A class graded as N shards and merged is byte for byte the class graded at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from grader.course.shards import Shard, ShardError, parse_shard, select, slice_of
from grader.grading.gradebook import result_from_json
from grader.options import Options
from grader.run.grade import grade_all
from grader.run.merge import merge
from tests.support.grader_fixtures import run_grader, submission

BUGS = {
    "double": "# GRADED FUNCTION: double\ndef double(x):\n    return 3 * x",
    "affine": "# GRADED FUNCTION: affine\ndef affine(X, W, b):\n    return X @ W",
    "draw": "# GRADED FUNCTION: draw\ndef draw(n):\n    np.random.seed(0)\n"
            "    return np.random.randn(n)",
}


def make_class(mini, folder: Path, size: int = 12) -> Path:
    """``size`` submissions: correct ones, each function's bug, one unreadable file, a nested
    folder and a Korean name (so that sorting by path and by name could differ)."""
    bugs = list(BUGS.items())
    for i in range(size - 2):
        cells = dict([bugs[i % 4]]) if i % 4 < 3 else {}
        submission(mini, folder / f"s{i:02d}-학생.ipynb", **cells)
    submission(mini, folder / "late" / "s03.ipynb", **dict([bugs[0]]))
    (folder / "broken.ipynb").write_text("{not json", encoding="utf-8")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_four_shards_merged_equal_one_run_byte_for_byte(mini, tmp_path):
    options = Options(timeout=5.0)
    folder = make_class(mini, tmp_path / "class")
    whole = tmp_path / "whole"
    grade_all(mini, [folder], whole, jobs=2, options=options, progress=False)
    shards = []
    for k in range(1, 5):
        shards.append(tmp_path / f"shard{k}")
        grade_all(mini, [folder], shards[-1], jobs=2, options=options, progress=False,
                  shard=Shard(k, 4))
    sizes = [len(list((s / ".results").glob("*.json"))) for s in shards]
    assert sum(sizes) == 12 and max(sizes) < 12  # every row graded once, the work shared
    merged = tmp_path / "merged"
    merge(shards, merged)
    assert tree(merged) == tree(whole)


def test_merge_on_the_command_line_refuses_overlapping_shards(mini, tmp_path):
    folder = tmp_path / "class"
    for name in ("a", "b", "c"):
        submission(mini, folder / f"{name}.ipynb")
    out = tmp_path / "one"
    grade_all(mini, [folder], out, jobs=1, options=Options(timeout=5.0), progress=False)
    done = run_grader("merge", str(out), str(out), "--out", str(tmp_path / "m"))
    assert done.returncode == 2 and "two shards" in done.stderr
    done = run_grader("merge", str(out), "--out", str(tmp_path / "m"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "m" / "grades.csv").read_bytes() == (out / "grades.csv").read_bytes()
    done = run_grader("merge", str(tmp_path / "class"), "--out", str(tmp_path / "m2"))
    assert done.returncode == 2 and "not a graded folder" in done.stderr


@pytest.mark.parametrize("text", ["0/4", "5/4", "1", "a/b", "2/0", "-1/3", ""])
def test_bad_shards_are_refused(text):
    with pytest.raises(ShardError):
        parse_shard(text)


def test_slices_partition_the_class_and_do_not_move():
    names = [f"student{i}" for i in range(200)]
    slices = [select(names, Shard(k, 4), name=str) for k in range(1, 5)]
    assert sorted(n for s in slices for n in s) == sorted(names)
    assert all(30 < len(s) < 70 for s in slices)  # a hash spreads them
    assert parse_shard(" 3/4 ") == Shard(3, 4)
    # the slice is the name's alone (sha256): fixed across machines, runs and class sizes
    assert [slice_of(n, 4) for n in ("kim", "이지은", "x/y")] == [1, 4, 2]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
                    max_leaves=20)
RESULT_KEYS = ["submission", "status", "score", "max_score", "questions", "flags", "feedback",
               "input_hash", "messages", "remarks", "incidents", "fingerprints", "notes"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(RESULT_KEYS) | st.text(max_size=5), JSON) | JSON)
def test_any_saved_result_is_read_or_refused_with_a_type_error(data):
    try:
        result = result_from_json(data)
    except (TypeError, ValueError):
        return
    assert isinstance(result.submission, str) and isinstance(result.questions, dict)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow,
                                                  HealthCheck.function_scoped_fixture])
@given(report=JSON | st.fixed_dictionaries(
    {"assignment": st.text(), "questions": JSON, "submissions": st.lists(st.text(), max_size=3)}),
    saved=JSON)
# Found by this test: a question named by a list reached merge, which hashes names.
@example(report={"assignment": "", "questions": [[[], False]], "submissions": []}, saved=None)
def test_a_foreign_shard_folder_is_merged_or_refused(tmp_path_factory, report, saved):
    folder = tmp_path_factory.mktemp("shard")
    (folder / ".report.json").write_text(json.dumps(report), encoding="utf-8")
    (folder / ".results").mkdir()
    for name in (report.get("submissions", []) if isinstance(report, dict) else []):
        from grader.grading.gradebook import result_path

        result_path(folder, name).write_text(json.dumps(saved), encoding="utf-8")
    try:
        merge([folder], tmp_path_factory.mktemp("out"))
    except ShardError:
        pass
