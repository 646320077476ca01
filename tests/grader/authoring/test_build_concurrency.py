"""Two commands at once in one checkout (grader/authoring/staging.py): builds write aside, publish
``build/NAME`` in one rename and take turns under a lock; readers never meet half a build.

The race itself runs the command line as CI matrices and two terminals do: two ``build``s and a
``grade`` of the mini assignment (tests/fixtures/mini) started together in a copy of the
project, round after round. The first round starts with no build at all, so that the grade
builds what it needs while both builds run. The others check the parts one by one, without
otter.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from grader.assignment import Paths
from grader.authoring.build import is_current
from grader.authoring.staging import STAGE_MARK, build_lock, staged
from tests.support import ROOT
from tests.support.grader_fixtures import copy_project, read_grades

MASTER = ROOT / "tests" / "fixtures" / "mini" / "solutions" / "mini.ipynb"
ROUNDS = 3


@pytest.fixture()
def course(tmp_path) -> Path:
    """A project of its own (its grader, nnkit, pyproject.toml) whose one master is mini."""
    root = copy_project(tmp_path / "course")
    (root / "solutions").mkdir()
    shutil.copyfile(MASTER, root / "solutions" / "mini.ipynb")
    return root


def start(course: Path, *args: str) -> subprocess.Popen:
    """``python -m grader ARGS`` in the copy, with the copy's own grader, not waited for."""
    return subprocess.Popen([sys.executable, "-m", "grader", *args], cwd=course,
                            env=os.environ | {"PYTHONPATH": str(course)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_builds_and_a_grade_at_once_round_after_round(course, tmp_path):
    # The master grades as a full-marks submission (its graded cells hold the solution), so the
    # class exists before anything is built.
    submissions = tmp_path / "class"
    submissions.mkdir()
    shutil.copyfile(MASTER, submissions / "alice.ipynb")
    for round_ in range(ROUNDS):
        out = tmp_path / f"graded-{round_}"
        commands = [("build", "mini"), ("build", "mini"),
                    ("grade", "mini", str(submissions), "--out", str(out), "--jobs", "1")]
        processes = [start(course, *command) for command in commands]
        for command, process in zip(commands, processes, strict=True):
            stdout, stderr = process.communicate(timeout=300)
            assert process.returncode == 0, f"round {round_}, {command[0]}:\n{stdout}{stderr}"
        rows = read_grades(out)
        assert [row["status"] for row in rows.values()] == ["ok"], rows
        assert rows["alice"]["score"] == rows["alice"]["max_score"] == "7", rows
    paths = Paths(course, "mini")
    assert paths.build.is_symlink() and is_current(paths)
    assert (paths.build / "mini-autograder.zip").is_file()
    # The published build and the one before it; nothing else is left behind.
    assert len(list(paths.build.parent.glob(f".mini{STAGE_MARK}*"))) == 2


def publish(paths: Paths, text: str) -> None:
    """A stand-in build: one file, published through a stage."""
    with build_lock(paths), staged(paths) as stage:
        stage.build.mkdir()
        (stage.build / "manifest.json").write_text(text, encoding="utf-8")


def test_a_reader_that_resolved_the_build_before_a_publish_still_reads_it(tmp_path):
    paths = Paths(tmp_path, "mini")
    publish(paths, "first")
    resolved = paths.build.resolve()
    publish(paths, "second")
    assert paths.manifest.read_text(encoding="utf-8") == "second"
    assert (resolved / "manifest.json").read_text(encoding="utf-8") == "first"
    publish(paths, "third")  # two publishes later, it is gone
    assert not resolved.exists()


def test_a_failed_build_leaves_the_published_one_and_no_stage(tmp_path):
    paths = Paths(tmp_path, "mini")
    publish(paths, "whole")
    with pytest.raises(RuntimeError), build_lock(paths), staged(paths) as stage:
        stage.build.mkdir()
        (stage.build / "manifest.json").write_text("half", encoding="utf-8")
        raise RuntimeError("otter assign failed")
    assert paths.manifest.read_text(encoding="utf-8") == "whole"
    assert len(list(tmp_path.joinpath("build").glob(f".mini{STAGE_MARK}*"))) == 1


def test_a_build_folder_from_before_stages_is_replaced(tmp_path):
    paths = Paths(tmp_path, "mini")
    paths.build.mkdir(parents=True)
    paths.manifest.write_text("old layout", encoding="utf-8")
    with build_lock(paths), staged(paths, copy_current=True) as stage:
        (stage.build / "student").mkdir()
    assert paths.build.is_symlink()
    assert paths.manifest.read_text(encoding="utf-8") == "old layout"
    assert (paths.build / "student").is_dir()


def test_builds_of_one_assignment_take_turns(tmp_path):
    paths = Paths(tmp_path, "mini")
    spans: list[tuple[float, float]] = []

    def hold() -> None:
        # flock locks belong to an open file, so two threads conflict as two processes do.
        with build_lock(paths):
            began = time.monotonic()
            time.sleep(0.2)
            spans.append((began, time.monotonic()))

    threads = [threading.Thread(target=hold) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    (_, first_end), (second_start, _) = sorted(spans)
    assert second_start >= first_end
