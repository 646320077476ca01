"""Proxies: the student's functions and objects as the tests see them; calls become requests.

Arguments go to the worker as plain data (:mod:`grader.isolation.wire`) and answers come back as
fresh plain data; an instance of a student's class stays in the worker and is reached through a
handle.
"""

from __future__ import annotations

import contextlib
import inspect
import re
import time
from collections.abc import Callable
from typing import Any

from grader import words
from grader.errors import GraderError
from grader.isolation import wire
from grader.isolation.session import Session, StudentError, StudentTimeout
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
            raise StudentError(words.object_gone(label))
        if not reply.get("ok"):
            error = reply.get("error") or {}
            raise StudentError(_diagnosis(self.session, label, error) or _error_text(label, error))
        return reply

    def value(self, reply: dict, label: str) -> Any:
        try:
            return wire.decode(reply.get("value"), self.resolve)
        except wire.WireError as error:
            raise StudentError(words.return_unreadable(label, str(error))) from None

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


NOT_DEFINED = re.compile(r"name '(\w+)' is not defined")
SIGNATURE_MISMATCH = ("positional argument", "keyword argument")


def _diagnosis(session: Session, label: str, error: dict) -> str | None:
    """A precise Korean diagnosis of what real students' code gets wrong, where one fits."""
    kind, message = str(error.get("type", "")), str(error.get("message", ""))
    documented = session.documented.get(label)
    if (kind == "TypeError" and documented is not None and message.startswith(f"{label}()")
            and any(fragment in message for fragment in SIGNATURE_MISMATCH)):
        return words.execution_error(label, kind, message,
                                     hint=checks.signature_message(label, str(documented)))
    missing = NOT_DEFINED.search(message) if kind == "NameError" else None
    if missing and missing[1] in session.notebook_globals:
        return words.execution_error(label, kind, message, str(error.get("where") or ""),
                                     checks.notebook_global_message(label, missing[1]))
    return None


# What the worker says instead of an exception of the student's code (label, message → text).
WORKER_REFUSALS: dict[str, Callable[[str, str], str]] = {
    "Missing": lambda label, message: words.not_defined(label),
    "TooLarge": lambda label, message: words.return_too_large(label,
                                                              wire.MAX_REPLY_BYTES // 2**20),
    "UnsupportedReturn": words.return_not_plain_data,
}


def _error_text(label: str, error: dict) -> str:
    kind, message = str(error.get("type", "Error")), str(error.get("message", ""))
    if kind in WORKER_REFUSALS:
        return WORKER_REFUSALS[kind](label, message)
    return words.execution_error(label, kind, message, str(error.get("where") or ""),
                                 checks.explain_error(kind, message))


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
        kwargs = self._with_documented_defaults(args, kwargs)
        try:
            return self._caller.call(target, self.__name__, args, kwargs)
        except StudentTimeout as error:
            session.timed_out[self.__name__] = str(error)
            raise

    def _with_documented_defaults(self, args: tuple, kwargs: dict) -> dict:
        """``kwargs`` plus the documented defaults of the parameters the call leaves out.

        A function defined without the notebook's defaults (or with other values) then meets
        them in every test, and only the test that checks its defaults
        (:func:`nnkit.checks.check_defaults`) charges the deviation: once. Only parameters the
        student's function has are filled in.
        """
        documented = self._caller.session.documented.get(self.__name__)
        if documented is None:
            return kwargs
        try:
            given = documented.bind_partial(*args, **kwargs).arguments
        except TypeError:  # a call the documented signature does not take: leave it as it is
            return kwargs
        accepted = self._student_parameters()
        missing = {name: parameter.default for name, parameter in documented.parameters.items()
                   if parameter.default is not inspect.Parameter.empty and name not in given
                   and (accepted is None or name in accepted)}
        return {**kwargs, **missing}

    def _student_parameters(self) -> set[str] | None:
        """The student's parameter names (None: it takes any keyword), asked once a session."""
        known = self._caller.session.parameter_names
        if self.__name__ not in known:
            try:
                parameters = self.__signature__.parameters.values()
            except StudentError:
                return set()
            known[self.__name__] = (None if any(p.kind == p.VAR_KEYWORD for p in parameters)
                                    else {p.name for p in parameters})
        return known[self.__name__]

    @property
    def __signature__(self) -> inspect.Signature:
        """The student's parameters and their defaults, so ``inspect.signature`` works here as
        on the function itself (tests check the documented defaults with it)."""
        reply = self._caller.ask({"op": "signature", "name": self.__name__}, self.__name__)
        parameters = []
        try:
            for name, kind, has_default, default, plain in wire.decode(reply.get("value")):
                value = inspect.Parameter.empty
                if has_default:
                    value = wire.decode(default) if plain else OpaqueDefault()
                parameters.append(inspect.Parameter(name, inspect.Parameter.__dict__[kind],
                                                    default=value))
            return inspect.Signature(parameters)
        except (wire.WireError, TypeError, ValueError, KeyError) as error:
            raise StudentError(words.parameters_unreadable(self.__name__, str(error))) from None

    def __repr__(self) -> str:
        return f"<graded {self.__name__}>"


class OpaqueDefault:
    """A default value that is not plain data (an object of the student's)."""

    def __repr__(self) -> str:
        return words.OPAQUE_DEFAULT


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
        return words.remote_object(self._ref.type_name)

    @property
    def student_description(self) -> str:
        """How :mod:`nnkit.checks` names this value in a message."""
        return words.student_object(self._ref.type_name)


class _MethodProxy:
    def __init__(self, caller: Caller, ref: wire.RemoteRef, name: str, label: str) -> None:
        self._caller, self._ref, self._name, self._label = caller, ref, name, label

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        target = {"op": "call_method", "ref": self._ref.ref_id, "method": self._name}
        return self._caller.call(target, self._label, args, kwargs)
