"""Stand-ins for the student's functions and objects in the tests: calls become requests.

Arguments go to the worker as plain data (:mod:`grader.wire`) and answers come back as fresh plain
data; an instance of a student's class stays in the worker and is reached through a handle.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

from grader import wire
from grader.errors import GraderError
from grader.session import Session, StudentError, StudentTimeout
from nnkit import checks


class Caller:
    """Turns proxy calls into worker requests and decodes the answers."""

    def __init__(self, session: Session, deadline: float) -> None:
        self.session = session
        self.deadline = deadline

    def remaining(self) -> float:
        """Until the test's deadline, and never past the submission's."""
        left = min(self.deadline - time.monotonic(), self.session.seconds_left())
        return max(left, 0.05)

    def ask(self, message: dict, label: str) -> dict:
        generation = self.session.generation
        with _trusted_side_failures():
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

    def call(self, target: dict, label: str, args: tuple, kwargs: dict) -> Any:
        """Call a function or method (``target`` names it) with plain-data arguments."""
        with _trusted_side_failures():
            message = {**target, "args": wire.encode(list(args)),
                       "kwargs": wire.encode(dict(kwargs))}
        return self.value(self.ask(message, label), label)


@contextlib.contextmanager
def _trusted_side_failures():
    """Anything but the student's failure on the way to the worker is a bug of the trusted side
    (a test passing what the wire cannot carry, a broken channel): never the student's."""
    try:
        yield
    except (StudentError, GraderError):
        raise
    except Exception as error:
        raise GraderError(f"the call to the worker failed on the trusted side "
                          f"({type(error).__name__}: {error})") from error


def _error_text(label: str, error: dict) -> str:
    kind, message = str(error.get("type", "Error")), str(error.get("message", ""))
    if kind == "Missing":
        return (f"{label}이(가) 정의되지 않았습니다: "
                "해당 셀을 실행했는지, 이름을 바꾸지 않았는지 확인하세요")
    if kind == "TooLarge":
        return (f"{label}의 반환값이 너무 큽니다 ({wire.MAX_REPLY_BYTES // 2**20} MB 초과): "
                "반환하는 배열의 shape을 확인하세요 — 브로드캐스팅 (broadcasting)으로 배열이 "
                "의도보다 커졌을 수 있습니다")
    if kind == "UnsupportedReturn":
        return (f"{label}의 반환값이 지원되지 않는 타입입니다 ({message}): "
                "배열, 숫자, dict, list, tuple만 허용됩니다")
    where = f" ({error['where']})" if error.get("where") else ""
    text = f"{label} 실행 중 오류{where}: {kind}: {message}"
    explanation = checks.explain_error(kind, message)
    return f"{text}\n힌트: {explanation}" if explanation else text


class FunctionProxy:
    """Stands in for a graded function or class in the tests."""

    def __init__(self, caller: Caller, name: str) -> None:
        self._caller = caller
        self.__name__ = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        session = self._caller.session
        if self.__name__ in session.timed_out:
            raise StudentError(session.timed_out[self.__name__])
        target = {"op": "call", "name": self.__name__}
        try:
            return self._caller.call(target, self.__name__, args, kwargs)
        except StudentTimeout as error:
            session.timed_out[self.__name__] = str(error)
            raise

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
        with _trusted_side_failures():
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
        target = {"op": "call_method", "ref": self._ref.ref_id, "method": self._name}
        return self._caller.call(target, self._label, args, kwargs)
