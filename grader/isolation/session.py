"""A sandboxed worker that holds one submission's definitions, restarted when it must be.

A hang or a crash while defining drops the offending cell and starts again without it; a hang or
a crash during a call fails that call, and the next request starts a fresh worker.
"""

from __future__ import annotations

import contextlib
import inspect
import time
from collections.abc import Mapping
from typing import Protocol

from grader import words
from grader.isolation.callbacks import HelperCalls, Recording
from grader.isolation.channel import Channel, WorkerGone
from grader.isolation.definitions import DefinitionCell, Definitions
from grader.isolation.walls import Limits, Walls

# Seconds for running a submission's definitions the first time, all cells together. Once a
# hanging cell has spent it, each later cell still gets a second of grace (definitions take
# milliseconds): one hang must not cost the functions defined after it. A cell that ran before
# runs again after a restart within twice its first time plus that second.
DEFINITION_BUDGET = 10.0
RERUN_ALLOWANCE = 1.0
# Each start follows a hang or a crash of the student's code; past this many, calls fail at once.
MAX_WORKER_STARTS = 25
class StudentError(Exception):
    """The student's code raised, hung, died or returned something that is not plain data."""

    kind = "error"  # how the report counts it (runner.CaseResult.kind)


class StudentTimeout(StudentError):
    """The student's code ran past the test's time limit."""

    kind = "timeout"


class StudentCrash(StudentError):
    """The worker died while running the student's code (a kill, ``os._exit``, memory)."""

    kind = "crash"


class Settings(Protocol):
    """What a session needs of the grading options (:class:`grader.options.Options` has it)."""

    timeout: float
    budget: float
    limits: Limits

    @property
    def walls_here(self) -> Walls: ...


class Session:
    """A worker holding the submission's definitions; restarted after a hang or a crash."""

    def __init__(self, definitions: Definitions, options: Settings,
                 deadline: float | None = None,
                 documented: Mapping[str, inspect.Signature] | None = None) -> None:
        """``deadline``: when the submission's budget ends (default: ``options.budget`` from
        now). ``documented``: the signatures the notebook documents, by name."""
        self.cells = list(definitions.cells)
        self.notebook_globals = set(definitions.notebook_globals)
        # The signatures the notebook documents, by name: to name a mismatch and to give every
        # call the documented defaults (see proxies.FunctionProxy).
        self.documented = dict(documented or {})
        self.parameter_names: dict[str, set[str] | None] = {}  # the student's, asked once
        # Blame reruns: the graded helpers that are stand-ins now, and their answers.
        self.stand_in_names: list[str] = []
        self.helper_calls = HelperCalls()
        self.options = options
        self.walls = options.walls_here
        self.channel: Channel | None = None
        self.bad_cells: set[DefinitionCell] = set()
        self.notes: list[str] = []
        self.flags: set[str] = set()
        self.generation = 0
        self.starts = 0
        self.deadline = deadline if deadline is not None else time.monotonic() + options.budget
        self.definition_seconds = DEFINITION_BUDGET
        self.first_times: dict[DefinitionCell, float] = {}
        # Functions that already ran out of time: later tests fail them at once instead of
        # waiting again, so a hang costs its own points and not the class's grading time.
        self.timed_out: dict[str, str] = {}

    def seconds_left(self) -> float:
        """Of the submission's whole budget."""
        return self.deadline - time.monotonic()

    def _start(self) -> Channel:
        """A worker holding every definition that does not hang or kill it.

        A cell that hangs or kills the worker is dropped and the worker started again without
        it. A worker that does not start at all raises :class:`WorkerStartError` (the grader's
        failure); whatever goes wrong, no started worker is left running.
        """
        while True:
            if self.starts >= MAX_WORKER_STARTS:
                raise StudentError(words.restarts_exhausted(MAX_WORKER_STARTS))
            self.starts += 1
            channel = Channel(self.walls, self.options.limits)
            self.generation += 1
            try:
                failed = self._define(channel)
            except BaseException:
                channel.close()
                raise
            if failed is None:
                return self._with_stand_ins(channel)
            self.bad_cells.add(failed)

    def _with_stand_ins(self, channel: Channel) -> Channel:
        if self.stand_in_names:
            try:
                channel.request({"op": "substitute", "names": self.stand_in_names},
                                max(self.seconds_left(), 0.05))
            except WorkerGone as gone:
                raise StudentError(_gone_text(gone)) from None
        return channel

    def use_stand_ins(self, names: list[str]) -> None:
        """From now on the named graded helpers are stand-ins answered from the recording
        :meth:`follow` names (blame reruns); ``[]``: the student's own again.

        The worker keeps the student's definitions aside and puts them back; a worker that
        dies meanwhile is started again by the next request, stand-ins included.
        """
        self.stand_in_names = list(names)
        if self.channel is None or not self.channel.alive:
            return
        message = ({"op": "substitute", "names": self.stand_in_names} if names
                   else {"op": "restore"})
        with contextlib.suppress(WorkerGone):
            self.channel.request(message, max(min(self.seconds_left(), 5.0), 0.05))

    def follow(self, recording: Recording | None) -> None:
        """Stand-ins answer from ``recording`` (one test's) from its first call on."""
        self.helper_calls.follow(recording)

    def _define(self, channel: Channel) -> DefinitionCell | None:
        """Run the definitions; return the cell that hung or killed the worker, if one did."""
        for cell in self.cells:
            if cell in self.bad_cells:
                continue
            allowed = min(self._allowance(cell), self.seconds_left())
            if allowed <= 0:
                self._drop_the_rest(cell)  # the submission's whole budget is spent
                return None
            started = time.monotonic()
            try:
                reply = channel.request(
                    {"op": "exec", "source": cell.source, "label": cell.filename}, allowed)
            except WorkerGone as gone:
                self._charge(cell, time.monotonic() - started)
                self.notes.append(words.definition_skipped(cell.name, _gone_text(gone)))
                return cell
            self._charge(cell, time.monotonic() - started)
            self._collect_flags(reply)
            if not reply.get("ok"):
                self._note_failed_definition(cell, reply.get("error") or {})
        return None

    def _allowance(self, cell: DefinitionCell) -> float:
        if cell in self.first_times:
            return 2 * self.first_times[cell] + RERUN_ALLOWANCE
        return max(self.definition_seconds, RERUN_ALLOWANCE)

    def _charge(self, cell: DefinitionCell, seconds: float) -> None:
        if cell not in self.first_times:
            self.first_times[cell] = seconds
            self.definition_seconds -= seconds

    def _drop_the_rest(self, first: DefinitionCell) -> None:
        rest = self.cells[self.cells.index(first):]
        dropped = [cell for cell in rest if cell not in self.bad_cells]
        self.bad_cells.update(dropped)
        self.notes.append(words.budget_spent_cells_skipped(self.options.budget, first.name,
                                                           len(dropped)))

    def _note_failed_definition(self, cell: DefinitionCell, error: dict) -> None:
        # Whatever the worker reports (a module it could not import included) is the student's
        # definition failing: the canary already proved what the sandbox can import, and a
        # worker's word never makes a row the grader's fault.
        kind, message = str(error.get("type"))[:100], str(error.get("message", ""))[:200]
        note = f"{cell.name}: {kind}: {message}"
        if note not in self.notes:
            self.notes.append(note)

    def request(self, message: dict, timeout: float) -> dict:
        if self.seconds_left() <= 0:
            raise StudentTimeout(words.budget_spent_call_not_run(self.options.budget))
        if self.channel is None or not self.channel.alive:
            self.channel = self._start()
        on_callback = self.helper_calls.answer if self.stand_in_names else None
        try:
            reply = self.channel.request(message, timeout, on_callback)
        except WorkerGone as gone:
            error_type = StudentTimeout if gone.timed_out else StudentCrash
            raise error_type(_gone_text(gone, self.options.timeout)) from None
        self._collect_flags(reply)
        return reply

    def _collect_flags(self, reply: dict) -> None:
        if reply.get("flags"):
            self.flags.add("reference-import")

    def close(self) -> None:
        if self.channel is not None:
            self.channel.close()


def _gone_text(gone: WorkerGone, timeout: float | None = None) -> str:
    return words.timed_out(timeout) if gone.timed_out else words.worker_died(str(gone))
