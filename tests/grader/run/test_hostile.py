"""Hostile and broken submissions cannot fake, crash or lose a grade (the mini assignment).

Every hostile cell here is harmless even if a wall were missing: it touches only files under the
test's own ``tmp_path``, allocates a bounded amount, and the test kills whatever it starts. What a
probe saw comes back in the text of an exception it raises (``PROBE{json}END``), which the
grader copies into the feedback.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import socket
import time
import uuid
import zipfile
from pathlib import Path

import pytest

import grader.run.grade
from grader.grading.gradebook import Result
from grader.isolation import cgroups, session, unprivileged, walls
from grader.options import Options
from grader.run.grade import grade_all
from grader.validation import corpus
from tests.conftest import missing_wall
from tests.support.grader_fixtures import read_grades, submission
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

DOUBLE = "# GRADED FUNCTION: double\ndef double(x):\n    return 2 * x\n"
AFFINE = "# GRADED FUNCTION: affine\ndef affine(X, W, b):\n    return X @ W + b\n"
DRAW = "# GRADED FUNCTION: draw\ndef draw(n):\n    return np.random.randn(n)\n"


@pytest.fixture()
def short_definitions(monkeypatch):
    """A hanging definition cell costs 2 s here instead of the default 10 s."""
    monkeypatch.setattr(session, "DEFINITION_BUDGET", 2.0)


def probes(result: Result) -> list:
    """What the hostile functions reported, in feedback order."""
    return [json.loads(text) for text in re.findall(r"PROBE(.*?)END", result.feedback)]


REPORT = """
def _report(seen):
    import json
    raise RuntimeError("PROBE" + json.dumps(seen) + "END")
"""


# --------------------------------------------------------------------- patching its own process

PATCH_NUMPY = cell("double", """
    import builtins
    import numpy.testing
    import nnkit.checks

    def _always(*args, **kwargs):
        return True

    def _quiet(*args, **kwargs):
        return None

    def double(x):
        np.allclose = np.isclose = np.array_equal = _always
        np.testing.assert_allclose = np.testing.assert_array_equal = _quiet
        nnkit.checks.check_close = nnkit.checks.check_shape = _quiet
        builtins.AssertionError = type("AssertionError", (Exception,), {})
        return 3 * x
""")

PATCH_DEFAULT_AND_CLASS = cell("affine", """
    import builtins
    import sys

    class _Sneaky:
        np.allclose = lambda *args, **kwargs: True
        np.all = lambda *args, **kwargs: True

    def affine(X, W, b, _patched=(setattr(builtins, "all", lambda *a: True),
                                 setattr(builtins, "abs", lambda x: 0),
                                 sys.modules.__setitem__("nnkit.checks", None))):
        return X @ W
""")

PATCH_DECORATOR = cell("draw", """
    def _patch_everything(function):
        np.isclose = lambda a, b, **k: np.ones(np.shape(a), dtype=bool)
        np.testing.assert_allclose = lambda *a, **k: None
        np.random.seed = lambda *a, **k: None
        return function

    @_patch_everything
    def draw(n):
        return np.zeros(n)
""")

PATCHED_SCORES = {"double": 0.0, "affine": 1.0, "draw": 0.0}  # affine's public test has b = 0


def test_patching_its_own_process_reaches_nothing(mini, tmp_path):
    result = grade(mini, tmp_path, "patcher", double=PATCH_NUMPY, affine=PATCH_DEFAULT_AND_CLASS,
                   draw=PATCH_DECORATOR)
    assert result.status == "ok"
    assert result.questions == PATCHED_SCORES
    assert "[double] 반환값: 값이 다릅니다" in result.feedback  # the trusted comparison ran
    assert "[affine] 반환값: 값이 다릅니다" in result.feedback


# ----------------------------------------------------------------------- subclasses and liars

LYING_SUBCLASS_WRONG = cell("double", """
    class Liar(np.ndarray):
        def __eq__(self, other):
            return np.ones(self.shape, dtype=bool).view(np.ndarray)

        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            return np.zeros(np.shape(inputs[0]))

        def __array_function__(self, func, types, args, kwargs):
            return True

    def double(x):
        return np.asarray(3 * x).view(Liar)
""")

LYING_SUBCLASS_RIGHT = cell("affine", """
    class Liar(np.ndarray):
        def __eq__(self, other):
            return False

        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            return NotImplemented

    def affine(X, W, b):
        return np.asarray(X @ W + b).view(Liar)
""")

LYING_OBJECT = cell("draw", """
    class Anything:
        def __eq__(self, other):
            return True

        def __array_ufunc__(self, *args, **kwargs):
            return True

        def __array__(self, dtype=None, copy=None):
            return np.random.randn(5)

    def draw(n):
        return Anything()
""")

LYING_FLOAT = cell("draw", """
    class Close(float):
        def __eq__(self, other):
            return True

        def __sub__(self, other):
            return 0.0

    def draw(n):
        return Close(1.0)
""")


def test_only_plain_data_comes_back(mini, tmp_path):
    result = grade(mini, tmp_path, "liar", double=LYING_SUBCLASS_WRONG,
                   affine=LYING_SUBCLASS_RIGHT, draw=LYING_OBJECT)
    assert result.status == "ok"
    # The real buffer values are graded: 3x is wrong whatever __eq__ says, X @ W + b is right.
    assert result.questions == {"double": 0.0, "affine": 3.0, "draw": 0.0}
    assert "[double] 반환값: 값이 다릅니다" in result.feedback
    assert "draw의 반환값이 지원되지 않는 타입입니다" in result.feedback
    floats = grade(mini, tmp_path, "float-liar", draw=LYING_FLOAT)
    assert floats.questions == {**FULL, "draw": 0.0}
    assert "draw의 반환값이 지원되지 않는 타입입니다" in floats.feedback


# -------------------------------------------------------------------------- reference answers

def reference_probe(function: str, signature: str, how: str) -> str:
    import nnkit

    home = Path(nnkit.__file__).resolve().parent / "reference"
    return cell(function, f"""
    def {function}({signature}):
        import os
        import sys
        seen = {{}}
        try:
            {how}
            seen["imported"] = sorted(n for n in dir(ref) if not n.startswith("_"))[:5]
        except Exception as error:
            seen["import_error"] = type(error).__name__
        home = {str(home)!r}
        seen["host_files"] = sorted(os.listdir(home)) if os.path.isdir(home) else []
        seen["on_path"] = [p for p in sys.path
                           if os.path.isdir(os.path.join(p, "nnkit", "reference"))]
        _report(seen)
    """, REPORT)


def test_reference_answers_are_absent_and_attempts_are_flagged(mini, tmp_path):
    folder = tmp_path / "class"
    plain = reference_probe("double", "x",
                            "import nnkit.reference.planar_classification as ref")
    built = reference_probe(
        "affine", "X, W, b",
        'import importlib; ref = importlib.import_module("nnkit." + "refer" + "ence")')
    submission(mini, folder / "plain.ipynb", double=plain)
    submission(mini, folder / "built.ipynb", affine=built)
    submission(mini, folder / "honest.ipynb")
    out = tmp_path / "out"
    results = {r.submission: r for r in grade_all(mini, [folder], out, jobs=1,
                                                  options=Options(timeout=TIMEOUT),
                                                  progress=False)}
    rows = read_grades(out)
    assert rows["plain"]["flags"] == "reference-import"
    assert rows["built"]["flags"] == "reference-import"  # caught at run time, not in the source
    assert rows["honest"]["flags"] == "" and rows["honest"]["score"] == "7"
    if WALLS.bubblewrap is None:
        missing_wall("bubblewrap does not work here (detect_walls().bubblewrap is None): "
                     "the reference files stay readable; only the flags were checked")
    for name, function in (("plain", "double"), ("built", "affine")):
        (seen,) = probes(results[name])
        assert seen == {"import_error": "ModuleNotFoundError", "host_files": [], "on_path": []}
        assert results[name].questions[function] == 0


# ------------------------------------------------------------------------------ other files

FILE_PROBE = """
def _look(paths, writable):
    import os
    seen = {}
    for index, path in enumerate(paths):
        marks = []
        if os.path.exists(path):
            marks.append("exists")
        try:
            with open(path, "rb") as stream:
                stream.read(64)
            marks.append("read")
        except OSError:
            pass
        if writable[index]:
            try:
                with open(path, "ab") as stream:
                    stream.write(b"#hostile")
                marks.append("wrote")
            except OSError:
                pass
            try:
                os.unlink(path)
                marks.append("deleted")
            except OSError:
                pass
        if marks:
            seen[index] = marks
    return seen
"""


@needs_walls
def test_files_of_the_grader_and_other_students_are_out_of_reach(mini, tmp_path):
    folder, out = tmp_path / "class", tmp_path / "out"
    other = submission(mini, folder / "a_other.ipynb")
    secret = tmp_path / "tests" / "test_double.py"
    secret.parent.mkdir()
    secret.write_text("def test_double_hidden(double, np): ...\n", encoding="utf-8")
    (out / ".results").mkdir(parents=True)
    stale = out / "grades.csv"
    stale.write_text("submission,status\nsomeone,ok\n", encoding="utf-8")
    victim = tmp_path / "delete_me.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    own_tests = sorted(str(p) for p in mini.tests.rglob("*.py"))
    # Files of this test may be written to (they live in tmp_path); the shared build only read.
    targets = [str(other), str(out / ".results" / "a_other.json"), str(stale), str(secret),
               str(victim), str(tmp_path), *own_tests]
    writable = [True, True, True, True, True, False] + [False] * len(own_tests)
    hostile = cell("double", f"""
    def double(x):
        _report(_look({targets!r}, {writable!r}))
    """, REPORT, FILE_PROBE)
    submission(mini, folder / "b_hostile.ipynb", double=hostile)
    before = {p: p.read_bytes() for p in (other, secret, victim)}
    results = {r.submission: r for r in grade_all(mini, [folder], out, jobs=1,
                                                  options=Options(timeout=TIMEOUT),
                                                  progress=False)}
    assert own_tests and probes(results["b_hostile"]) == [{}]  # it saw nothing at all
    assert results["b_hostile"].questions == {**FULL, "double": 0.0}
    assert results["a_other"].score == 7
    assert {p: p.read_bytes() for p in before} == before
    saved = json.loads((out / ".results" / "a_other.json").read_text(encoding="utf-8"))
    assert saved["score"] == 7


# ------------------------------------------------------------------------------------ hangs

HANG_IN_CLASS_BODY = cell("double", """
    class Config:
        while True:
            pass

    def double(x):
        return 2 * x
""")

HANG_IN_BODY = cell("affine", """
    def affine(X, W, b):
        while True:
            pass
""")

HANG_IN_DEFAULT = cell("draw", """
    import time

    def draw(n, _delay=[time.sleep(0.01) for _ in iter(int, 1)]):
        return np.random.randn(n)
""")


def test_a_hang_costs_only_its_function(mini, tmp_path, short_definitions):
    folder = tmp_path / "class"
    submission(mini, folder / "hang_top.ipynb", double=HANG_IN_CLASS_BODY, affine=HANG_IN_BODY)
    submission(mini, folder / "hang_default.ipynb", draw=HANG_IN_DEFAULT)
    submission(mini, folder / "honest.ipynb")
    started = time.monotonic()
    results = {r.submission: r for r in grade_all(mini, [folder], tmp_path / "out", jobs=1,
                                                  options=Options(timeout=TIMEOUT),
                                                  progress=False)}
    assert results["hang_top"].questions == {"double": 0.0, "affine": 0.0, "draw": 1.0}
    assert results["hang_default"].questions == {**FULL, "draw": 0.0}
    assert results["honest"].score == 7
    assert "시간 초과" in results["hang_top"].feedback
    assert time.monotonic() - started < 30


# ---------------------------------------------------------------------------------- suicide

EXIT = cell("double", """
    import os

    def double(x):
        os._exit(0)
""")

SIGKILL = cell("affine", """
    import os
    import signal

    def affine(X, W, b):
        os.kill(os.getpid(), signal.SIGKILL)
""")

SEGFAULT = cell("draw", """
    import ctypes

    def draw(n):
        return ctypes.string_at(0)
""")


def test_a_worker_that_kills_itself_costs_only_its_function(mini, tmp_path):
    first = grade(mini, tmp_path, "exits", double=EXIT, affine=SIGKILL)
    assert first.questions == {"double": 0.0, "affine": 0.0, "draw": 1.0}
    assert "비정상 종료" in first.feedback
    second = grade(mini, tmp_path, "segfault", draw=SEGFAULT)
    assert second.questions == {**FULL, "draw": 0.0}


# ----------------------------------------------------------------------------------- memory

GREEDY = cell("double", """
    def double(x):
        held = []
        for _ in range(48):  # 64 MiB at a time, 3 GiB at most: harmless even without a limit
            held.append(np.zeros(8 * 1024 * 1024))
        return 2 * x
""")


def test_memory_stops_at_the_limit(mini, tmp_path):
    limits = walls.Limits(memory_bytes=1024**3)
    result = grade(mini, tmp_path, "greedy", Options(timeout=TIMEOUT, limits=limits),
                   double=GREEDY)
    assert result.questions == {**FULL, "double": 0.0}
    assert "MemoryError" in result.feedback or "비정상 종료" in result.feedback


# -------------------------------------------------------------------------------- processes

@needs_walls
def test_no_process_outlives_grading(mini, tmp_path):
    token = f"1000.{uuid.uuid4().int % 10**15:015d}"  # a unique, valid `sleep` interval
    spawner = cell("double", f"""
    import os
    import subprocess
    import sys
    import time

    def double(x):
        children = [
            subprocess.Popen(["sleep", "{token}"], start_new_session=True),
            subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1000)", "{token}"]),
        ]
        if os.fork() == 0:
            try:
                os.setsid()
                if os.fork() == 0:
                    os.execvp("sleep", ["sleep", "{token}"])
            finally:
                os._exit(0)
        os.system("nohup setsid sleep {token} >/dev/null 2>&1 &")
        time.sleep(0.3)
        if any(child.poll() is not None for child in children):
            raise RuntimeError("a child did not start")
        return 2 * x
    """)
    try:
        result = grade(mini, tmp_path, "spawner", double=spawner)
        assert result.questions == FULL
        deadline = time.monotonic() + 1.0  # the kernel reaps a dead PID namespace asynchronously
        while processes_with(token) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert processes_with(token) == [] and worker_processes() == []
        if cgroups.hierarchy() is None:
            missing_wall("no writable cgroup hierarchy here: only the processes were checked, "
                         "not that no control group of ours is left behind")
        ours = f"{cgroups.GROUP_PREFIX}{os.getpid()}-*"
        assert not [g for base in set(cgroups.hierarchy().bases.values())
                    for g in base.glob(ours)]
    finally:
        for pid in processes_with(token):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


# ---------------------------------------------------------------------------------- network

@needs_walls
def test_no_network_not_even_loopback(mini, tmp_path):
    name = f"nnkit-hostile-{uuid.uuid4().hex}"
    with socket.socket() as server, socket.socket(socket.AF_UNIX) as abstract:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        abstract.bind("\0" + name)
        abstract.listen()
        port = server.getsockname()[1]
        dialer = cell("double", f"""
        def double(x):
            import socket
            seen = {{}}
            for label, family, address in (("tcp", socket.AF_INET, ("127.0.0.1", {port})),
                                           ("unix", socket.AF_UNIX, "\\0{name}")):
                try:
                    with socket.socket(family) as s:
                        s.settimeout(1)
                        s.connect(address)
                    seen[label] = "connected"
                except OSError as error:
                    seen[label] = type(error).__name__
            _report(seen)
        """, REPORT)
        result = grade(mini, tmp_path, "dialer", double=dialer)
        (seen,) = probes(result)
        assert "connected" not in seen.values(), seen
        with pytest.raises(BlockingIOError):
            server.accept()


# ----------------------------------------------------------------------------- output, disk

def test_output_and_disk_are_bounded(mini, tmp_path):
    scratch = tmp_path / "scratch"
    writer = cell("double", f"""
    def double(x):
        import os
        import sys
        for _ in range(8):  # 8 MB of prints, to every stream there is
            print("x" * 1_000_000)
            sys.__stdout__.write("y" * 1_000_000)
            os.write(1, b"z" * 100_000)
            os.write(2, b"w" * 100_000)
        os.makedirs({str(scratch)!r}, exist_ok=True)
        sizes = []
        for index in range(6):  # at most 6 files of 64 MiB, all inside this test's tmp_path
            written = 0
            try:
                with open(os.path.join({str(scratch)!r}, f"huge{{index}}"), "wb") as stream:
                    for _ in range(64):
                        stream.write(b"\\0" * (1 << 20))
                        written += 1 << 20
            except OSError as error:
                sizes.append([written, type(error).__name__])
                continue
            sizes.append([written, "ok"])
        _report(sizes)
    """, REPORT)
    shouter = cell("affine", """
    def affine(X, W, b):
        raise ValueError("!" * 5_000_000)
    """)
    talker = cell("draw", """
    def draw(n):
        return "말" * 3_000_000
    """)
    result = grade(mini, tmp_path, "writer", double=writer, affine=shouter, draw=talker)
    assert result.questions == {"double": 0.0, "affine": 0.0, "draw": 0.0}
    assert len(result.feedback) < 10_000
    (sizes,) = probes(result)
    limit = walls.Limits().file_bytes
    assert all(written <= limit for written, _ in sizes)
    assert sizes[0] == [limit, "OSError"]  # the file size limit, not the disk, stopped it
    if WALLS.bubblewrap is None:
        missing_wall("bubblewrap does not work here (detect_walls().bubblewrap is None): the "
                     "file size limit was checked, not the sandbox's private, bounded /tmp")
    assert sum(written for written, _ in sizes) <= walls.SANDBOX_TMP_BYTES
    assert not scratch.exists()  # it wrote into its own private /tmp, gone with it


# ------------------------------------------------------------------------ unreadable inputs

def _notebook_json(mini, **changes) -> dict:
    notebook = json.loads(mini.solution_notebook.read_text(encoding="utf-8"))
    notebook.update(changes)
    return notebook


def test_broken_files_get_a_clear_status_and_export_zips_are_graded(mini, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    solution = mini.solution_notebook.read_bytes()
    (folder / "not_json.ipynb").write_text("{not json", encoding="utf-8")
    (folder / "empty.ipynb").write_bytes(b"")
    (folder / "no_cells.ipynb").write_text(json.dumps(_notebook_json(mini, cells=[])))
    (folder / "nbformat3.ipynb").write_text(json.dumps(
        {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": []}]}))
    kernel = {"kernelspec": {"name": "ir", "language": "R", "display_name": "R"}}
    (folder / "r_kernel.ipynb").write_text(json.dumps(_notebook_json(mini, metadata=kernel)))
    (folder / "latin1.ipynb").write_bytes(
        solution.replace(b"\xeb\xb0\x98", b"\xff", 1))  # breaks the UTF-8 of a Korean syllable
    with zipfile.ZipFile(folder / "export.zip", "w") as archive:  # what otter export makes
        archive.writestr("mini.ipynb", solution)
        archive.writestr("mini.pdf", b"%PDF-1.4\n")
        archive.writestr(".OTTER_LOG", b"\x80binary")
        archive.writestr("__zip_filename__", "export.zip")
    with zipfile.ZipFile(folder / "two.zip", "w") as archive:
        archive.writestr("a.ipynb", solution)
        archive.writestr("b.ipynb", solution)
    (folder / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    out = tmp_path / "out"
    grade_all(mini, [folder], out, jobs=1, options=Options(timeout=TIMEOUT), progress=False)
    with open(out / "grades.csv", newline="", encoding="utf-8") as stream:
        status = {row["submission"]: (row["status"], row["score"])
                  for row in csv.DictReader(stream)}
    expected = {
        "not_json": "error: not a JSON notebook", "empty": "error: empty file",
        "no_cells": "error: notebook has no cells", "nbformat3": "error: nbformat 3",
        "r_kernel": "error: kernel 'ir' is not Python", "latin1": "error: not UTF-8",
        "two": "error: zip holds 2 notebooks", "broken": "error: not a valid zip",
    }
    for name, prefix in expected.items():
        assert status[name][0].startswith(prefix), (name, status[name])
        assert status[name][1] == "0"
        assert (out / "feedback" / f"{name}.md").exists()
    assert status["export"] == ("ok", "7")


# --------------------------------------------------------------------- the grader's own bugs

def test_a_grader_crash_on_one_submission_is_its_status(mini, tmp_path, monkeypatch):
    folder = tmp_path / "class"
    for name in ("alice", "bob", "victim"):
        submission(mini, folder / f"{name}.ipynb")
    original = grader.run.grade.run_tests

    def crash_for_victim(assignment, submission, options):
        if submission.name == "victim":
            raise KeyError("grader bug")
        return original(assignment, submission, options)

    monkeypatch.setattr(grader.run.grade, "run_tests", crash_for_victim)
    out = tmp_path / "out"
    results = grade_all(mini, [folder], out, jobs=1, options=Options(timeout=TIMEOUT),
                        progress=False)
    rows = {r.submission: r for r in results}
    assert rows["victim"].status.startswith("error: grader: crashed (KeyError")
    assert rows["victim"].score is None
    assert rows["alice"].score == rows["bob"].score == 7
    grades = (out / "grades.csv").read_text(encoding="utf-8")
    assert grades.count("\n") == 4
    assert "victim,error: grader: crashed" in grades and ",,," in grades  # no score written


# ----------------------------------------------------------------------- without bubblewrap

@pytest.fixture()
def no_sandbox(monkeypatch):
    monkeypatch.setenv("NNKIT_SANDBOX", "none")
    walls.detect_walls.cache_clear()
    yield walls.detect_walls()
    monkeypatch.delenv("NNKIT_SANDBOX")
    walls.detect_walls.cache_clear()


def test_without_bubblewrap_grades_stay_right_and_missing_walls_are_said(
        mini, tmp_path, no_sandbox, capsys, short_definitions):
    assert no_sandbox.bubblewrap is None
    walls.warn_missing_walls(no_sandbox)
    warned = capsys.readouterr().err
    for wall in ("filesystem namespace", "network namespace", "PID namespace"):
        assert wall in warned
    # As root, the worker drops to nobody when nobody can run this interpreter.
    assert ("no unprivileged user" in warned) != unprivileged.drops_privileges()
    options = Options(timeout=TIMEOUT, walls=no_sandbox)
    patched = grade(mini, tmp_path, "patcher", options, double=PATCH_NUMPY,
                    affine=PATCH_DEFAULT_AND_CLASS, draw=PATCH_DECORATOR)
    assert patched.questions == PATCHED_SCORES
    liar = grade(mini, tmp_path, "liar", options, double=LYING_SUBCLASS_WRONG,
                 affine=LYING_SUBCLASS_RIGHT, draw=LYING_OBJECT)
    assert liar.questions == {"double": 0.0, "affine": 3.0, "draw": 0.0}
    hang = grade(mini, tmp_path, "hang", options, double=HANG_IN_CLASS_BODY, affine=HANG_IN_BODY)
    assert hang.questions == {"double": 0.0, "affine": 0.0, "draw": 1.0}
    exits = grade(mini, tmp_path, "exits", options, double=EXIT, draw=SEGFAULT)
    assert exits.questions == {"double": 0.0, "affine": 3.0, "draw": 0.0}


# ------------------------------------------------------------------ the planar hostile corpus

@pytest.mark.slow  # grades planar's whole hostile corpus
def test_planar_hostile_corpus_loses_its_points(planar, tmp_path):
    verdicts = corpus.run(planar, Options(timeout=TIMEOUT), tmp_path, kinds=("hostile",))
    assert len(verdicts) >= 4
    assert [v.entry.label for v in verdicts if not v.ok] == []
    flags = {v.entry.slug: v.result.flags for v in verdicts}
    assert flags["imports_reference_by_built_string"] == ["reference-import"]
