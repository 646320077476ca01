"""One student cannot stop, stall, starve or outlive a class's grading run (the mini assignment).

One test per finding of the security review (issue 9): each hostile or careless submission
ends as its own row, within its deadlines, holding no more than its limits, leaving nothing
running, while the honest rows beside it keep their grades. Hostile cells are harmless where a
wall is missing: they allocate bounded amounts and write only under the test's ``tmp_path``.
"""

from __future__ import annotations

import csv
import json
import resource
import time
import uuid
import zipfile
from pathlib import Path

import nbformat
import numpy as np
import pytest

from grader.assignment import Assignment, Paths
from grader.grading.gradebook import feedback_path, result_path, safe_name
from grader.grading.submission_files import SubmissionFile, find_submissions
from grader.isolation import cgroups, walls, wire
from grader.isolation.channel import Channel, WorkerGone
from grader.options import Options
from grader.run.grade import grade_all, grade_one
from tests.support import ROOT
from tests.support.grader_fixtures import submission
from tests.support.hostile_mini import (
    FULL,
    TIMEOUT,
    WALLS,
    cell,
    grade,
    needs_walls,
    processes_with,
    worker_processes,
)
from tests.support.hostile_submissions import BLAME_EXPLOITS, patched_zip, write_hostile_class

needs_cgroups = pytest.mark.needs_wall(cgroups.hierarchy() is None,
                                      reason="no writable cgroup hierarchy with memory and pids "
                                             "control here: the sandbox falls back to rlimits")

# Finds the worker's private protocol pipes, as a student's code could.
PIPES = """
def _protocol_pipes():
    import fcntl, os, stat
    inbox = outbox = None
    for fd in range(3, 64):
        try:
            mode = os.fstat(fd).st_mode
        except OSError:
            continue
        if stat.S_ISFIFO(mode):
            access = fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE
            if access == os.O_WRONLY:
                outbox = fd
            elif access == os.O_RDONLY:
                inbox = fd
    return inbox, outbox


def _send_raw(body):
    import os, struct
    os.write(_protocol_pipes()[1], struct.pack(">I", len(body)) + body)
"""


def piped_cell(function: str, body: str) -> str:
    """A graded cell whose code can reach the worker's protocol pipes (:data:`PIPES`)."""
    return cell(function, body, PIPES)


def with_extra_cells(mini: Paths, target: Path, sources: list[str]) -> Path:
    """The solution notebook with code cells appended."""
    notebook = nbformat.read(mini.solution_notebook, as_version=4)
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(notebook, target)
    return target


# --------------------------------------------------------------- pipes taken over or forged

# A class body that forges replies on the protocol pipes forever and never reads again.
TAKEOVER = """
import threading, time

def _forge_forever():
    while True:
        _send_raw(b'{"ok": true, "value": 0}')
        time.sleep(0.001)

class _TakeOver:
    threading.Thread(target=_forge_forever, daemon=True).start()
    time.sleep(1000)
"""
TAKEOVER_SOURCE = PIPES + TAKEOVER


@needs_walls
def test_a_worker_that_stops_reading_cannot_block_a_write():
    channel = Channel(WALLS, walls.Limits())
    try:
        # A live sandbox is found by its command line: without this, the `worker_processes() ==
        # []` checks after grading could pass because they look for the wrong thing.
        assert worker_processes(), "worker_processes() does not see a running sandbox"
        channel.request({"op": "exec", "source": TAKEOVER_SOURCE, "label": "<cell:x>"}, 5.0)
        big = {"op": "call", "name": "double",
               "args": wire.encode([np.zeros(3_000_000)])}  # far more than a pipe holds
        started = time.monotonic()
        with pytest.raises(WorkerGone) as gone:
            for _ in range(3):  # a forged reply may answer the first request
                channel.request(big, 2.0)
        assert gone.value.timed_out
        assert time.monotonic() - started < 10
    finally:
        channel.close()
    assert worker_processes() == []


@needs_walls
def test_a_class_body_taking_over_the_pipes_costs_its_own_points_and_ends(mini, tmp_path):
    takeover = piped_cell("double", TAKEOVER + "\ndef double(x):\n    return 2 * x\n")
    started = time.monotonic()
    result = grade(mini, tmp_path, "takeover", double=takeover)
    # Its own worker answers nonsense from then on: this submission's functions lose their
    # points, and the run goes on within its deadlines.
    assert result.status == "ok" and result.score < 7
    assert time.monotonic() - started < Options().budget
    assert worker_processes() == []


@needs_walls
def test_a_forged_reply_of_the_wrong_shape_is_refused_and_its_worker_closed(mini, tmp_path):
    forger = piped_cell("double", """
        import time

        class _Forge:
            _send_raw(b'{"ok": false, "error": "not an object", "flags": 5}')
            time.sleep(1000)

        def double(x):
            return 2 * x
    """)
    result = grade(mini, tmp_path, "forger", double=forger)
    assert result.status == "ok"
    assert result.questions == {**FULL, "double": 0.0}
    # Refused by the reply's type check, not by a deadline (the class body sleeps 1000 s).
    assert "malformed reply: 'flags' is not a list" in result.feedback
    assert worker_processes() == []


# ------------------------------------------------------------------------------- time

@pytest.mark.slow  # about 20 s: a class of sleepers waits out its budget
@needs_walls
def test_many_sleeping_class_bodies_cost_the_definitions_budget_not_hours(mini, tmp_path):
    sleepers = [f"class Sleeper{index}:\n    import time\n    time.sleep(1000)\n"
                for index in range(12)]
    path = with_extra_cells(mini, tmp_path / "sleepy.ipynb", sleepers)
    started = time.monotonic()
    result = grade_one(Assignment(mini), SubmissionFile("sleepy", path), Options(timeout=TIMEOUT))
    elapsed = time.monotonic() - started
    # The graded cells come first and keep their points; the run stays within the budget.
    assert result.status == "ok" and result.questions == FULL
    assert elapsed < Options().budget
    assert "건너뜀" in result.feedback


@needs_walls
def test_the_submission_budget_holds_inside_a_test(mini, tmp_path):
    hang = piped_cell("affine", """
        import time

        def affine(X, W, b):
            time.sleep(1000)
    """)
    options = Options(timeout=30.0, budget=3.0)
    started = time.monotonic()
    result = grade(mini, tmp_path, "hang", options, affine=hang)
    assert time.monotonic() - started < 20  # one test's timeout (30 s) is never reached
    assert result.status == "ok" and result.questions["affine"] == 0
    assert "채점 시간" in result.feedback


@needs_walls
def test_restarts_are_capped(mini, tmp_path, monkeypatch):
    from grader.isolation import session

    monkeypatch.setattr(session, "MAX_WORKER_STARTS", 2)
    dying = piped_cell("double", """
        import os

        def double(x):
            os._exit(1)
    """)
    started = time.monotonic()
    result = grade(mini, tmp_path, "dying", double=dying)
    # Each of double's two tests kills the worker; the third start is refused at once.
    assert result.status == "ok" and result.questions["double"] == 0
    assert "2번 다시 시작" in result.feedback
    assert time.monotonic() - started < 30


# ------------------------------------------------------------------------- malformed files

def test_malformed_inputs_each_become_a_row(mini, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    good = mini.solution_notebook.read_bytes()
    notebook = json.loads(good)
    (folder / "kernelspec_string.ipynb").write_text(json.dumps(
        {**notebook, "metadata": {"kernelspec": "python3"}}), encoding="utf-8")
    (folder / "metadata_list.ipynb").write_text(json.dumps({**notebook, "metadata": [1, 2]}),
                                                encoding="utf-8")
    (folder / "nested.ipynb").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    patched_zip(folder / "deflate64.zip", good, method=9)
    patched_zip(folder / "encrypted.zip", good, flags=0x1)
    patched_zip(folder / "corrupt.zip", good, corrupt=True)
    submission(mini, folder / "honest.ipynb")
    out = tmp_path / "out"
    for _ in range(2):  # and again on a rerun
        rows = {r.submission: r for r in grade_all(mini, [folder], out, jobs=2,
                                                   options=Options(timeout=TIMEOUT),
                                                   progress=False)}
        assert len(rows) == 7 and (out / "grades.csv").exists()
        # Malformed metadata does not make a notebook ungradeable: the code decides.
        assert rows["kernelspec_string"].score == rows["metadata_list"].score == 7
        assert rows["nested"].status == "error: not a notebook (JSON nested too deeply)"
        assert rows["deflate64"].status == \
            "error: zip entry uses an unsupported compression method"
        assert rows["encrypted"].status == "error: zip entry is encrypted"
        assert rows["corrupt"].status.startswith("error: not a valid zip file")
        assert rows["honest"].score == 7


def test_a_huge_file_is_refused_without_being_read(mini, tmp_path):
    huge = tmp_path / "huge.ipynb"
    with open(huge, "wb") as stream:  # sparse: 2 GB on paper, nothing on disk
        stream.truncate(2 * 1024**3)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    result = grade_one(Assignment(mini), SubmissionFile("huge", huge), Options(timeout=TIMEOUT))
    assert result.status == "error: notebook larger than 20 MB"
    assert time.monotonic() - started < 5
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 100 * 1024


# ---------------------------------------------------------------------------------- names

def test_long_korean_names_in_a_folder_are_graded(mini, tmp_path):
    name = "가" * 83  # 249 bytes: a legal file name, too long once a suffix is added
    folder = tmp_path / "class" / "김민수"
    submission(mini, folder / f"{name}.ipynb")
    out = tmp_path / "out"
    rows = grade_all(mini, [tmp_path / "class"], out, jobs=1, options=Options(timeout=TIMEOUT),
                     progress=False)
    assert [r.submission for r in rows] == [f"김민수/{name}"]
    assert rows[0].score == 7
    assert feedback_path(out, rows[0].submission).exists()
    assert len(safe_name(rows[0].submission).encode()) <= 120


def test_names_that_look_alike_keep_their_own_rows_and_files(mini, tmp_path):
    folder = tmp_path / "class"
    wrong = "# GRADED FUNCTION: double\ndef double(x):\n    return 3 * x\n"
    submission(mini, folder / "kim minsu.ipynb")
    submission(mini, folder / "kim_minsu.ipynb", double=wrong)
    submission(mini, folder / "lee.ipynb")
    (folder / "lee.zip").write_bytes(_export_zip(mini, tmp_path, double=wrong))
    submission(mini, folder / "lee~2.ipynb", double=wrong)
    names = [file.name for file in find_submissions([folder])]
    assert len(set(names)) == 5 and "lee~2" in names
    out = tmp_path / "out"
    expected = None
    for _ in range(2):  # the rerun resumes every row, none dropped or swapped
        rows = {r.submission: r.score for r in grade_all(mini, [folder], out, jobs=2,
                                                         options=Options(timeout=TIMEOUT),
                                                         progress=False)}
        assert len(rows) == 5
        assert rows["kim minsu"] == 7 and rows["kim_minsu"] == 4
        expected = expected or rows
        assert rows == expected
    files = {feedback_path(out, name) for name in names} | {result_path(out, n) for n in names}
    assert len(files) == 10 and all(path.exists() for path in files)


def _export_zip(mini: Paths, tmp_path: Path, **cells: str) -> bytes:
    notebook = submission(mini, tmp_path / f"export-{uuid.uuid4().hex}.ipynb", **cells)
    target = tmp_path / f"export-{uuid.uuid4().hex}.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.write(notebook, "hw.ipynb")
    return target.read_bytes()


def test_a_name_that_looks_like_a_formula_is_inert_in_the_csv(mini, tmp_path):
    folder = tmp_path / "class"
    submission(mini, folder / '=HYPERLINK("x.invalid", "click").ipynb')
    submission(mini, folder / "+plus.ipynb")
    out = tmp_path / "out"
    grade_all(mini, [folder], out, jobs=1, options=Options(timeout=TIMEOUT), progress=False)
    with open(out / "grades.csv", newline="", encoding="utf-8") as stream:
        cells = [row["submission"] for row in csv.DictReader(stream)]
    assert sorted(cells) == ["'+plus", '\'=HYPERLINK("x.invalid", "click")']


# ------------------------------------------------------------------------ memory and /dev

@needs_walls
@needs_cgroups
def test_memory_is_bounded_for_the_whole_sandbox_not_per_process(mini, tmp_path):
    forker = piped_cell("double", """
        import os, time

        def double(x):
            children = []
            for _ in range(3):
                read, write = os.pipe()
                pid = os.fork()
                if pid == 0:
                    block = bytearray(400 * 1024 * 1024)  # touched: really resident
                    for i in range(0, len(block), 4096):
                        block[i] = 1
                    os.write(write, b"1")
                    time.sleep(30)
                    os._exit(0)
                os.close(write)
                os.read(read, 1)  # allocated (or killed on the way)
                children.append(pid)
            time.sleep(1.0)
            alive = sum(os.waitpid(pid, os.WNOHANG) == (0, 0) for pid in children)
            raise RuntimeError(f"PROBE{alive}END")
    """)
    options = Options(timeout=20.0, limits=walls.Limits(memory_bytes=1024 * 1024**2))
    result = grade(mini, tmp_path, "forker", options, double=forker)
    held = [int(n) for n in __import__("re").findall(r"PROBE(\d+)END", result.feedback)]
    # Each child alone fits in its own 1 GiB address space; three together do not fit in the
    # sandbox's 1 GiB: the kernel kills one of them. The OOM killer takes the largest process,
    # a child, not the small worker, so a probe comes back; without one nothing shows the cap.
    assert held, result.feedback
    assert all(alive < 3 for alive in held), held
    assert result.questions["double"] == 0
    assert result.questions["affine"] == FULL["affine"]
    assert worker_processes() == []


@needs_walls
@needs_cgroups
def test_processes_per_sandbox_are_capped(mini, tmp_path):
    bomb = piped_cell("double", """
        import os, time

        def double(x):
            started = 0
            for _ in range(500):
                try:
                    if os.fork() == 0:
                        time.sleep(30)
                        os._exit(0)
                    started += 1
                except OSError:
                    break
            raise RuntimeError(f"PROBE{started}END")
    """)
    result = grade(mini, tmp_path, "bomb", Options(timeout=10.0), double=bomb)
    started = [int(n) for n in __import__("re").findall(r"PROBE(\d+)END", result.feedback)]
    assert started and max(started) < cgroups.PROCESSES_PER_SANDBOX
    assert worker_processes() == []


@needs_walls
def test_dev_shm_is_small_and_dev_is_read_only(mini, tmp_path):
    writer = piped_cell("double", """
        import os

        def double(x):
            written = 0
            try:
                with open("/dev/shm/fill", "wb") as stream:
                    for _ in range(64):
                        stream.write(b"x" * 1024 * 1024)
                        stream.flush()
                        written += 1
            except OSError:
                pass
            try:
                open("/dev/new-file", "w").close()
                dev = "writable"
            except OSError:
                dev = "read-only"
            raise RuntimeError(f"PROBE{written}:{dev}END")
    """)
    result = grade(mini, tmp_path, "shm", double=writer)
    seen = set(__import__("re").findall(r"PROBE(\d+:[a-z-]+)END", result.feedback))
    assert seen == {"0:read-only"} or seen == {"1:read-only"}, seen


# --------------------------------------------------------------------- replies and the trusted side

@needs_walls
def test_a_reply_of_millions_of_items_is_refused_before_it_is_built(mini, tmp_path):
    flood = piped_cell("double", """
        import time

        def double(x):
            count = 1_300_000  # under 4 MB of JSON, 1.3 million lists once parsed
            _send_raw(b'{"ok": true, "value": [' + b"[]," * (count - 1) + b"[]]}")
            time.sleep(1000)
    """)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = grade(mini, tmp_path, "flood", double=flood)
    assert result.questions["double"] == 0
    assert "message has too many items" in result.feedback  # counted, not parsed
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024
    assert worker_processes() == []


@needs_walls
def test_a_reply_larger_than_an_answer_is_refused_unread(mini, tmp_path):
    oversized = piped_cell("double", """
        import os, struct, time

        def double(x):
            os.write(_protocol_pipes()[1], struct.pack(">I", 500 * 1024 * 1024))
            time.sleep(1000)
    """)
    result = grade(mini, tmp_path, "oversized", double=oversized)
    assert result.questions["double"] == 0 and result.questions["affine"] == FULL["affine"]
    assert "reply larger than 4 MB" in result.feedback  # refused from its length, not a timeout


def test_an_honest_answer_too_large_to_carry_is_told_in_korean(mini, tmp_path):
    huge = "# GRADED FUNCTION: double\ndef double(x):\n    return np.zeros((1000, 1000))\n"
    result = grade(mini, tmp_path, "huge", double=huge)
    assert result.questions["double"] == 0
    assert "반환값이 너무 큽니다 (4 MB 초과)" in result.feedback


def test_grading_processes_have_an_address_space_limit(mini, tmp_path):
    import subprocess
    import sys

    probe = ("import resource\n"
             "from grader.run.grade import limit_trusted_memory\n"
             "limit_trusted_memory()\n"
             "print(resource.getrlimit(resource.RLIMIT_AS)[0])\n"
             "try:\n"
             "    bytearray(4 * 1024**3)\n"
             "    print('allocated')\n"
             "except MemoryError:\n"
             "    print('refused')\n")
    lines = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True, cwd=ROOT).stdout.split()
    assert int(lines[0]) != resource.RLIM_INFINITY and lines[1] == "refused"


# --------------------------------------------------------------------------- outliving grading

@needs_walls
def test_ptrace_is_refused_inside_the_sandbox(mini, tmp_path):
    tracer = piped_cell("double", """
        import ctypes, os

        def double(x):
            libc = ctypes.CDLL(None, use_errno=True)
            # PTRACE_SEIZE on the sandbox's init: the first step of clearing its death signal.
            outcome = libc.ptrace(0x4206, 1, 0, 0)
            raise RuntimeError(f"PROBE{outcome}:{ctypes.get_errno()}END")
    """)
    result = grade(mini, tmp_path, "tracer", double=tracer)
    outcomes = set(__import__("re").findall(r"PROBE(-?\d+:\d+)END", result.feedback))
    assert outcomes == {f"-1:{__import__('errno').EPERM}"}, outcomes


# ------------------------------------------------------------------------------- a whole class

@pytest.mark.slow
@needs_walls
def test_a_class_with_every_finding_ends_with_a_full_gradebook(planar, tmp_path):
    from grader.options import prepare_options

    token = f"1000.{uuid.uuid4().int % 10**15:015d}"
    folder = tmp_path / "class"
    write_hostile_class(planar, folder, token)
    for index in range(10):
        submission(planar, folder / f"honest{index:02d}.ipynb")
    files = find_submissions([folder])
    out = tmp_path / "out"
    rows = grade_all(planar, [folder], out, jobs=2, options=prepare_options(5.0, None),
                     progress=False)
    with open(out / "grades.csv", newline="", encoding="utf-8") as stream:
        assert len(list(csv.DictReader(stream))) == len(files) == len(rows)
    by_name = {row.submission: row for row in rows}
    assert all(by_name[f"honest{index:02d}"].score == 27 for index in range(10))
    assert all(row.status == "ok" or row.status.startswith("error: ") for row in rows)
    assert not [row for row in rows if row.status.startswith("error: grader")]
    # Blame reruns's exploits earn nothing they did not write (issue 19).
    for name, cells in BLAME_EXPLOITS.items():
        (function,) = cells
        assert by_name[name].status == "ok" and by_name[name].questions[function] == 0, name
    linked = by_name["linked_to_the_solution"]
    assert linked.status.startswith("error: ") and linked.score == 0, linked.status
    time.sleep(0.5)
    assert processes_with(token) == [] and worker_processes() == []
