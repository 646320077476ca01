"""A worker holding one submission's definitions (grader/isolation/session.py), unit by unit.

The real worker, started without bubblewrap (``Walls(bubblewrap=None)``: the walls are not what
is tested here); cells are given directly, no notebook is read. What each failure says is the
text of :mod:`grader.words`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader import words
from grader.grading.submission import Submission
from grader.isolation import session
from grader.isolation.session import (
    Session,
    StudentCrash,
    StudentError,
    StudentTimeout,
)
from grader.isolation.walls import Walls
from grader.options import Options

HANG_WHILE_DEFINING = "import time\n\nclass Hang:\n    time.sleep(1000)\n"
DOUBLE = "def double(x):\n    return 2 * x\n"
DIES = "import os\n\ndef dies():\n    os._exit(3)\n"
SLEEPS = "import time\n\ndef sleeps():\n    time.sleep(1000)\n"


@pytest.fixture()
def open_session():
    """Sessions on the given cells, closed after the test."""
    opened: list[Session] = []

    def start(*cells: str, **options) -> Session:
        submission = Submission("unit", Path("unit.ipynb"), list(cells))
        options = Options(walls=Walls(bubblewrap=None), **options)
        opened.append(Session(submission.definitions(), options))
        return opened[-1]

    yield start
    for each in opened:
        each.close()


def call(worker: Session, name: str, *args, timeout: float = 5.0) -> dict:
    from grader.isolation import wire

    return worker.request({"op": "call", "name": name, "args": wire.encode(list(args))}, timeout)


def test_a_cell_that_hangs_while_defining_is_dropped_and_the_rest_defined(open_session,
                                                                          monkeypatch):
    monkeypatch.setattr(session, "DEFINITION_BUDGET", 1.0)
    worker = open_session(DOUBLE, HANG_WHILE_DEFINING, "def triple(x):\n    return 3 * x\n")
    assert call(worker, "triple", 2) == {"ok": True, "value": 6, "flags": []}
    assert call(worker, "double", 2)["value"] == 4
    assert worker.starts == 2  # the first worker hung on cell 2 and was killed
    assert worker.notes == [words.definition_skipped(words.code_cell(2), words.timed_out())]


def test_a_crash_during_a_call_fails_it_and_the_next_call_starts_afresh(open_session):
    worker = open_session(DIES, DOUBLE)
    with pytest.raises(StudentCrash) as crashed:
        call(worker, "dies")
    assert str(crashed.value) == words.worker_died("worker exited with status 3")
    assert worker.generation == 1
    assert call(worker, "double", 5)["value"] == 10
    assert worker.generation == 2  # a new worker, the definitions run again


def test_a_call_past_the_tests_limit_is_a_timeout(open_session):
    worker = open_session(SLEEPS, timeout=0.5)
    with pytest.raises(StudentTimeout) as late:
        call(worker, "sleeps", timeout=0.5)
    assert str(late.value) == words.timed_out(0.5)


def test_worker_starts_are_capped(open_session, monkeypatch):
    monkeypatch.setattr(session, "MAX_WORKER_STARTS", 2)
    worker = open_session(DIES)
    for _ in range(2):
        with pytest.raises(StudentCrash):
            call(worker, "dies")
    with pytest.raises(StudentError) as capped:
        call(worker, "dies")
    assert str(capped.value) == words.restarts_exhausted(2)
    assert worker.starts == 2


def test_a_spent_budget_runs_nothing(open_session):
    worker = open_session(DOUBLE, budget=0.0)
    with pytest.raises(StudentTimeout) as spent:
        call(worker, "double", 1)
    assert str(spent.value) == words.budget_spent_call_not_run(0.0)
    assert worker.starts == 0


def test_a_budget_spent_while_defining_skips_the_cells_left(open_session):
    worker = open_session(HANG_WHILE_DEFINING, DOUBLE, budget=1.0)
    reply = call(worker, "double", 1)
    assert reply["ok"] is False and reply["error"]["type"] == "Missing"
    assert worker.notes == [
        words.definition_skipped(words.code_cell(1), words.timed_out()),
        words.budget_spent_cells_skipped(1.0, words.code_cell(2), 1),
    ]


def test_a_definition_that_raises_is_noted_and_the_rest_defined(open_session):
    worker = open_session("raise ValueError('boom')\n", "x = undefined_name\n", DOUBLE)
    assert call(worker, "double", 2)["value"] == 4
    assert worker.notes == []  # neither cell defines anything: grading never runs them
    worker = open_session("class Broken:\n    raise ValueError('boom')\n", DOUBLE)
    assert call(worker, "double", 2)["value"] == 4
    assert worker.notes == [f"{words.code_cell(1)}: ValueError: boom"]


@pytest.mark.parametrize("module", ["numpy", "json", "grader.words", "nnkit.reference.mnist_mlp"])
def test_a_module_the_worker_cannot_import_is_the_students_failure(open_session, module):
    # The canary proved what the sandbox imports; a worker's word (here a forged exception)
    # never makes a row the grader's fault.
    forged = ("class Forged:\n"
              f"    raise ModuleNotFoundError(\"No module named '{module}'\", name={module!r})\n")
    worker = open_session(forged, DOUBLE)
    assert call(worker, "double", 2)["value"] == 4
    expected = f"{words.code_cell(1)}: ModuleNotFoundError: No module named '{module}'"
    assert worker.notes == [expected]
