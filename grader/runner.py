"""The trusted side: runs the otter test files here, calling the student's code through proxies.

The tests, NumPy's comparisons and the reference answers all live in this process; the
submission's functions run in a sandboxed worker (:mod:`grader.sandbox`) and only plain data comes
back (:mod:`grader.wire`). A function that hangs or kills its worker fails the test that called it;
the worker is restarted for the next test, so one bad function costs only its own points.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

import numpy

from grader import sandbox, wire
from grader.assignment import Assignment
from grader.channel import Channel, WorkerGone
from grader.submission import Submission

DEFINITION_TIMEOUT = 10.0  # for all of a submission's definitions, per worker start
SUBMISSION_BUDGET = 300.0  # wall-clock seconds for all of one submission's tests


class StudentError(Exception):
    """The student's code raised, hung, died or returned something that is not plain data."""


class StudentTimeout(StudentError):
    """The student's code ran past the test's time limit."""


@dataclass
class Options:
    """How a submission is graded."""

    timeout: float = 10.0
    limits: sandbox.Limits = field(default_factory=sandbox.Limits)
    walls: sandbox.Walls | None = None


@dataclass
class CaseResult:
    question: str
    name: str
    points: float
    earned: float
    message: str


@dataclass
class Outcome:
    """Everything the gradebook needs about one graded submission."""

    cases: list[CaseResult]
    flags: list[str]
    notes: list[str]

    def question_scores(self, assignment: Assignment) -> dict[str, float]:
        scores = {q.name: 0.0 for q in assignment.questions}
        for case in self.cases:
            scores[case.question] += case.earned
        return scores


class Session:
    """A worker holding the submission's definitions; restarted after a hang or a crash."""

    def __init__(self, submission: Submission, options: Options) -> None:
        self.cells = submission.definition_cells()
        self.options = options
        self.walls = options.walls or sandbox.detect_walls()
        self.channel: Channel | None = None
        self.bad_cells: set[str] = set()
        self.notes: list[str] = []
        self.flags: set[str] = set()
        self.generation = 0
        # Functions that already ran out of time: later tests fail them at once instead of
        # waiting again, so a hang costs its own points and not the class's grading time.
        self.timed_out: dict[str, str] = {}

    def _start(self) -> Channel:
        channel = Channel(self.walls, self.options.limits)
        self.generation += 1
        # One budget for all definitions: a cell that runs just under a per-cell limit must not
        # make every restart slow. The cell running when it is spent is dropped.
        deadline = time.monotonic() + DEFINITION_TIMEOUT
        for label, source in self.cells:
            if label in self.bad_cells:
                continue
            try:
                reply = channel.request({"op": "exec", "source": source, "label": label},
                                        max(deadline - time.monotonic(), 0.05))
            except WorkerGone as gone:
                # Start again without the cell that hangs or kills the worker.
                self.bad_cells.add(label)
                self.notes.append(f"{label[6:-1]}: 정의 실행 중 {_gone_text(gone)} — 건너뜀")
                return self._start()
            self._collect_flags(reply)
            if not reply.get("ok"):
                error = reply.get("error", {})
                note = f"{label[6:-1]}: {error.get('type')}: {error.get('message', '')[:200]}"
                if note not in self.notes:
                    self.notes.append(note)
        return channel

    def request(self, message: dict, timeout: float) -> dict:
        if self.channel is None or not self.channel.alive:
            self.channel = self._start()
        try:
            reply = self.channel.request(message, timeout)
        except WorkerGone as gone:
            error_type = StudentTimeout if gone.timed_out else StudentError
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
    if gone.timed_out:
        limit = f" ({timeout:g}초)" if timeout else ""
        return f"시간 초과{limit}: 무한 루프나 너무 긴 계산이 있는지 확인하세요"
    return f"프로세스가 비정상 종료됨 ({gone}): 메모리 초과나 os._exit 등을 확인하세요"


class Caller:
    """Turns proxy calls into worker requests and decodes the answers."""

    def __init__(self, session: Session, deadline: float) -> None:
        self.session = session
        self.deadline = deadline

    def remaining(self) -> float:
        return max(self.deadline - time.monotonic(), 0.05)

    def ask(self, message: dict, label: str) -> dict:
        generation = self.session.generation
        reply = self.session.request(message, self.remaining())
        if "ref" in message and self.session.generation != generation:
            raise StudentError(f"{label}: 객체가 더 이상 존재하지 않습니다 (작업자 재시작)")
        if not reply.get("ok"):
            raise StudentError(_error_text(label, reply.get("error") or {}))
        return reply

    def value(self, reply: dict, label: str) -> Any:
        try:
            return wire.decode(reply.get("value"), self.resolve)
        except wire.WireError as error:
            raise StudentError(f"{label}: 반환값을 읽을 수 없습니다 ({error})") from None

    def resolve(self, ref_id: int, type_name: str) -> RemoteObject:
        return RemoteObject(self, ref_id, type_name)

    def encode_args(self, args: tuple, kwargs: dict) -> tuple[Any, Any]:
        return wire.encode(list(args)), wire.encode(dict(kwargs))


def _error_text(label: str, error: dict) -> str:
    kind, message = str(error.get("type", "Error")), str(error.get("message", ""))
    if kind == "Missing":
        return (f"{label}이(가) 정의되지 않았습니다: "
                "해당 셀을 실행했는지, 이름을 바꾸지 않았는지 확인하세요")
    if kind == "UnsupportedReturn":
        return (f"{label}의 반환값이 지원되지 않는 타입입니다 ({message}): "
                "배열, 숫자, dict, list, tuple만 허용됩니다")
    where = f" ({error['where']})" if error.get("where") else ""
    text = f"{label} 실행 중 오류{where}: {kind}: {message}"
    if kind in ("NameError", "UnboundLocalError"):
        text += " — 아직 채우지 않은 `...` 부분이나 계산하지 않은 변수가 있는지 확인하세요"
    return text


class FunctionProxy:
    """Stands in for a graded function or class in the tests."""

    def __init__(self, caller: Caller, name: str) -> None:
        self._caller = caller
        self.__name__ = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        session = self._caller.session
        if self.__name__ in session.timed_out:
            raise StudentError(session.timed_out[self.__name__])
        encoded_args, encoded_kwargs = self._caller.encode_args(args, kwargs)
        message = {"op": "call", "name": self.__name__, "args": encoded_args,
                   "kwargs": encoded_kwargs}
        try:
            reply = self._caller.ask(message, self.__name__)
        except StudentTimeout as error:
            session.timed_out[self.__name__] = str(error)
            raise
        return self._caller.value(reply, self.__name__)

    def __repr__(self) -> str:
        return f"<graded {self.__name__}>"


class RemoteObject:
    """An instance of a student's class: attributes read as plain data, methods are proxies."""

    def __init__(self, caller: Caller, ref_id: int, type_name: str) -> None:
        object.__setattr__(self, "_caller", caller)
        object.__setattr__(self, "_ref", wire.RemoteRef(ref_id, type_name))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        label = f"{self._ref.type_name}.{name}"
        message = {"op": "getattr", "ref": self._ref.ref_id, "attr": name}
        reply = self._caller.ask(message, label)
        if reply.get("callable"):
            return _MethodProxy(self._caller, self._ref, name, label)
        return self._caller.value(reply, label)

    def __setattr__(self, name: str, value: Any) -> None:
        label = f"{self._ref.type_name}.{name}"
        message = {"op": "setattr", "ref": self._ref.ref_id, "attr": name,
                   "value": wire.encode(value)}
        self._caller.ask(message, label)

    def __repr__(self) -> str:
        return f"<{self._ref.type_name} 객체>"

    @property
    def student_description(self) -> str:
        """How :mod:`nnkit.checks` names this value in a message."""
        return f"학생 클래스 {self._ref.type_name}의 객체"


class _MethodProxy:
    def __init__(self, caller: Caller, ref: wire.RemoteRef, name: str, label: str) -> None:
        self._caller, self._ref, self._name, self._label = caller, ref, name, label

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        encoded_args, encoded_kwargs = self._caller.encode_args(args, kwargs)
        message = {"op": "call_method", "ref": self._ref.ref_id, "method": self._name,
                   "args": encoded_args, "kwargs": encoded_kwargs}
        reply = self._caller.ask(message, self._label)
        return self._caller.value(reply, self._label)


@contextlib.contextmanager
def seeding_submission(caller: Caller):
    """While a test runs, ``np.random.seed`` here also seeds the submission's global RNG.

    Tests (and ``nnkit.checks``) seed NumPy to compare RNG-dependent functions such as
    ``initialize_parameters`` with the reference; the student's draws happen in the worker.
    """
    original = numpy.random.seed

    def seed_both(seed=None):
        original(seed)
        caller.ask({"op": "seed", "seed": None if seed is None else int(seed)}, "np.random.seed")

    numpy.random.seed = seed_both
    try:
        yield
    finally:
        numpy.random.seed = original


def run_tests(assignment: Assignment, submission: Submission, options: Options) -> Outcome:
    """Run every test case of ``assignment`` against ``submission``."""
    session = Session(submission, options)
    results: list[CaseResult] = []
    budget_ends = time.monotonic() + SUBMISSION_BUDGET
    try:
        for question in assignment.questions:
            for case in assignment.test_cases(question.name):
                if time.monotonic() > budget_ends:
                    message = (f"{question}: 제출물 전체의 채점 시간 ({SUBMISSION_BUDGET:g}초)을 "
                               "넘어 이 테스트는 실행되지 않았습니다")
                    results.append(CaseResult(question, case.name, case.points, 0.0, message))
                    continue
                results.append(_run_case(session, assignment, question.name, case, options))
    finally:
        session.close()
    flags = sorted(set(submission.flags) | session.flags)
    return Outcome(cases=results, flags=flags, notes=session.notes)


def _run_case(session: Session, assignment: Assignment, question: str, case, options) -> CaseResult:
    caller = Caller(session, time.monotonic() + options.timeout)
    env: dict[str, Any] = {name: FunctionProxy(caller, name) for name in assignment.graded_names}
    env["np"] = numpy
    numpy.random.seed(0)
    try:
        with seeding_submission(caller):
            case.body.call_func(env)
    except StudentError as error:
        return CaseResult(question, case.name, case.points, 0.0, str(error))
    except AssertionError as error:
        message = str(error) or f"{question}: 테스트 {case.name} 실패"
        return CaseResult(question, case.name, case.points, 0.0, message)
    except Exception as error:  # the test tripped over a malformed answer
        text = f"{question}: 반환값을 검사하다 오류가 났습니다 ({type(error).__name__}: {error})"
        return CaseResult(question, case.name, case.points, 0.0, text[:500])
    return CaseResult(question, case.name, case.points, case.points, "")

