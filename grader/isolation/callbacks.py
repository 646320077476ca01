"""The trusted side's answers to a worker's stand-in calls, from a recording made beforehand.

In blame reruns the graded helpers that a function's *reference* calls are stand-ins in the
worker (:meth:`grader.isolation.worker.Worker.callback_stub`). Before the student's code runs
again, :mod:`grader.grading.blame` records the reference's own calls to those helpers on the test's
inputs (a :class:`Recording`). A stand-in call is answered only when its arguments match the next
recorded call of that helper — within the checks' tolerance, and from the same global RNG state
for a helper that draws — and the answer is the recorded one. Nothing the student sends decides
what this side computes, how long it works or how large an answer is: a call that matches no
recorded call is refused, and so is every later call of that test (the student's own logic is
what failed). Only plain data crosses; the reference never enters the sandbox.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy

from grader.isolation import wire
from grader.isolation.worker import same_rng_state
from nnkit.checks import ATOL, RTOL

MAX_ERROR_CHARS = 300
# Past this many recorded calls of one test, later calls are not recorded (and so not
# answered): the recording's size is the test's, but it is bounded all the same.
MAX_RECORDED_CALLS = 20_000
RANDOM_NAMES = frozenset({"random", "default_rng", "RandomState", "Generator"})


@dataclass(frozen=True)
class RecordedCall:
    """One call the reference made to a helper: its arguments and its encoded answer."""

    arguments: dict[str, Any]  # parameter name → value, defaults applied (a private copy)
    encoded_arguments: dict[str, Any]  # the same, wire-encoded: the usual call matches these
    value: Any  # wire-encoded
    # The global RNG state the answer depends on: for a helper that draws from it (None when it
    # seeds itself, so that any state gives this answer).
    rng_before: dict | None = None
    rng_after: dict | None = None
    rng_after_encoded: Any = None


@dataclass
class Recording:
    """The reference's calls to its stand-in helpers during one test, helper by helper."""

    signatures: dict[str, inspect.Signature]
    drawing: frozenset[str]
    calls: dict[str, list[RecordedCall]] = field(default_factory=dict)

    def add(self, helper: str, call: RecordedCall) -> None:
        if sum(len(calls) for calls in self.calls.values()) < MAX_RECORDED_CALLS:
            self.calls.setdefault(helper, []).append(call)


class HelperCalls:
    """Answers one worker's stand-in calls from the recording of the test being run again.

    It keeps the last global RNG state the worker shared: the worker sends its state only when
    its own code drew numbers since, and gets one back only when a helper drew.
    """

    def __init__(self) -> None:
        self.worker_rng: dict | None = None
        self.recording: Recording | None = None
        self.cursors: dict[str, int] = {}
        self.refused = False

    def follow(self, recording: Recording | None) -> None:
        """Answer from ``recording`` from now on (one test's rerun), from its first call."""
        self.recording = recording
        self.cursors = {}
        self.refused = False

    def answer(self, message: dict) -> dict:
        """The reply to one stand-in call: a recorded answer or a refusal; never raises."""
        if self.refused or self.recording is None:
            return _refusal("Refused", "an earlier call of this test was refused")
        try:
            reply = self._answer(self.recording, message)
        except Exception as error:  # whatever the worker sent, a refusal and never a crash here
            reply = _refusal("Refused", type(error).__name__)
        if not reply["ok"]:
            self.refused = True
        return reply

    def _answer(self, recording: Recording, message: dict) -> dict:
        name = message.get("callback")
        if name not in recording.signatures:
            return _refusal("UnknownHelper", "not a stand-in of this test")
        try:
            args, kwargs = _top_level(message.get("args", []),
                                      message.get("kwargs", {"__dict__": []}))
            if "rng" in message:
                self.worker_rng = _rng_state(wire.decode(message["rng"]))
        except (wire.WireError, TypeError, KeyError) as error:
            return _refusal("WireError", str(error))
        try:
            arguments = canonical_arguments(recording.signatures[name], args, kwargs,
                                            default=wire.encode)
        except TypeError as error:
            return _refusal("TypeError", str(error))
        call = self._next_match(recording, name, _EncodedArguments(arguments))
        if call is None:
            return _refusal("NotRecorded", "the reference made no such call in this test")
        reply = {"ok": True, "value": call.value}
        if name in recording.drawing and not same_rng_state(call.rng_after, self.worker_rng):
            reply["rng"] = call.rng_after_encoded
            self.worker_rng = call.rng_after
        return reply

    def _next_match(self, recording: Recording, name: str,
                    arguments: _EncodedArguments) -> RecordedCall | None:
        """The recorded call that matches, looked for at the cursor (the next call), then at
        the last one answered (asked again, it is answered again), then onward; each match moves
        the cursor past it, so a test's calls cost at most about twice the recording's length
        in comparisons. A helper that draws must also start from the recorded RNG state."""
        calls = recording.calls.get(name, [])
        cursor = self.cursors.get(name, 0)
        for index in (cursor, cursor - 1, *range(cursor + 1, len(calls))):
            if not 0 <= index < len(calls):
                continue
            call = calls[index]
            if call.rng_before is not None and not same_rng_state(call.rng_before,
                                                                  self.worker_rng):
                continue
            if arguments.match(call):
                self.cursors[name] = max(cursor, index + 1)
                return call
        return None


class _EncodedArguments:
    """A stand-in call's arguments as the worker encoded them, decoded only where a recorded
    call's encoding differs (the usual call passes back exactly what it was given)."""

    def __init__(self, encoded: dict[str, Any]) -> None:
        self.encoded = encoded
        self.decoded: dict[str, Any] = {}

    def match(self, call: RecordedCall) -> bool:
        if self.encoded.keys() != call.encoded_arguments.keys():
            return False
        return all(self.encoded[name] == recorded
                   or same_arguments(self.value(name), call.arguments[name])
                   for name, recorded in call.encoded_arguments.items())

    def value(self, name: str) -> Any:
        if name not in self.decoded:
            self.decoded[name] = wire.decode(self.encoded[name])
        return self.decoded[name]


def _top_level(args: Any, kwargs: Any) -> tuple[list, dict]:
    """A call's positional and keyword arguments, each still wire-encoded."""
    if type(args) is not list or type(kwargs) is not dict or type(kwargs.get("__dict__")) \
            is not list or len(kwargs) != 1:
        raise wire.WireError("malformed arguments")
    keywords = {}
    for pair in kwargs["__dict__"]:
        if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
            raise wire.WireError("malformed keyword argument")
        keywords[pair[0]] = pair[1]
    return args, keywords


def canonical_arguments(signature: inspect.Signature, args: list, kwargs: dict,
                        default: Callable[[Any], Any] = lambda value: value) -> dict:
    """``args`` and ``kwargs`` by parameter name, with the defaults (through ``default``: the
    wire's encoding, for encoded arguments) applied.

    A student's function written for an older template passes extra arguments
    (``compute_cost(A2, Y, parameters)``): the helper's own tests charge that deviation, so the
    arguments the reference does not take are left out rather than failing the caller.
    """
    try:
        bound = signature.bind(*args, **kwargs)
    except TypeError:
        positional = [p for p in signature.parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        bound = signature.bind(*args[:len(positional)],
                               **{k: v for k, v in kwargs.items() if k in signature.parameters})
    arguments = dict(bound.arguments)
    for name, parameter in signature.parameters.items():
        if name not in arguments and parameter.default is not parameter.empty:
            arguments[name] = default(parameter.default)
    return arguments


def same_arguments(got: Any, recorded: Any) -> bool:
    """Whether a stand-in's argument is the recorded one: same structure, strings and None
    equal, numbers and arrays of the same shape within the checks' tolerance."""
    if isinstance(recorded, dict):
        return (isinstance(got, dict) and got.keys() == recorded.keys()
                and all(same_arguments(got[key], recorded[key]) for key in recorded))
    if isinstance(recorded, list | tuple) and not isinstance(got, numpy.ndarray):
        return (isinstance(got, list | tuple) and len(got) == len(recorded)
                and all(same_arguments(g, r) for g, r in zip(got, recorded, strict=True)))
    if recorded is None or isinstance(recorded, str) or got is None or isinstance(got, str):
        return type(got) is type(recorded) and got == recorded
    return _same_numbers(got, recorded)


def _same_numbers(got: Any, recorded: Any) -> bool:
    """Same shape, numeric, and elementwise ``|got - recorded| <= ATOL + RTOL |recorded|``
    (NaN matching NaN, infinities equal): :func:`numpy.isclose`'s rule, written out because a
    stand-in call compares a handful of small arrays and numpy's general version costs ten
    times more per call. Identical bytes, the usual case, are checked first."""
    try:
        got, recorded = numpy.asarray(got), numpy.asarray(recorded)
    except (TypeError, ValueError):
        return False
    if got.shape != recorded.shape or got.dtype.kind not in wire.ALLOWED_DTYPE_KINDS or (
            recorded.dtype.kind not in wire.ALLOWED_DTYPE_KINDS):
        return False
    if got.dtype == recorded.dtype and got.tobytes() == recorded.tobytes():
        return True
    got, recorded = got.astype(numpy.float64), recorded.astype(numpy.float64)
    with numpy.errstate(invalid="ignore", over="ignore"):
        close = (numpy.abs(got - recorded) <= ATOL + RTOL * numpy.abs(recorded)) | (
            got == recorded)
    return bool(close.all() or (close | (numpy.isnan(got) & numpy.isnan(recorded))).all())


def _rng_state(state: Any) -> dict:
    """A worker's RNG state, checked to be one (it is compared, never set, on this side)."""
    if not isinstance(state, dict) or not isinstance(state.get("state"), dict):
        raise TypeError("malformed RNG state")
    return state


def draws_random_numbers(function: Callable) -> bool:
    """Whether a reference function, or a function of its module it calls, uses an RNG.

    Read from the compiled code's names (``np.random.randn`` names ``random``), so that only
    the helpers that draw pay for carrying the worker's RNG state.
    """
    return any(RANDOM_NAMES & code_names(current.__code__) for current in reachable(function))


def reachable(function: Callable) -> list[Callable]:
    """``function`` and the functions of its module that it calls, directly or not."""
    module = inspect.getmodule(function)
    seen, frontier = [function], [function]
    while frontier:
        for name in sorted(code_names(frontier.pop().__code__)):
            callee = getattr(module, name, None)
            if inspect.isfunction(callee) and callee not in seen:
                seen.append(callee)
                frontier.append(callee)
    return seen


def code_names(code) -> set[str]:
    """The global and attribute names a code object reads, nested code included."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if inspect.iscode(constant):  # comprehensions and nested functions
            names |= code_names(constant)
    return names


def _refusal(kind: str, message: str) -> dict:
    return {"ok": False, "error": {"type": kind[:100], "message": message[:MAX_ERROR_CHARS]}}
