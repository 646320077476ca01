"""The trusted side's answers to a worker's callbacks: graded helpers run by the reference.

In a worker made for blame isolation, the graded helpers a function calls are stubs
(:meth:`grader.isolation.worker.Worker.callback_stub`) that send a callback asking this side to
run the reference answer (:mod:`grader.blame` picks which). :class:`HelperCalls` answers them
with plain data only, carrying the worker's global RNG state for the helpers that draw, so that
the reference never enters the sandbox.
"""

from __future__ import annotations

import contextlib
import inspect
import io
from collections.abc import Callable, Mapping

import numpy

from grader.isolation import wire
from grader.isolation.worker import same_rng_state

MAX_ERROR_CHARS = 300
# While a test runs, the runner makes np.random.seed also seed the worker; a helper answering a
# callback seeds only the RNG state it borrowed (the worker is waiting for the answer).
_SEED_HERE_ONLY = numpy.random.seed


class HelperCalls:
    """Answers one isolated worker's calls to the reference helpers.

    It keeps the last RNG state the worker shared: the worker sends its state only when its own
    code drew numbers since, and gets one back only when a helper drew.
    """

    def __init__(self, helpers: Mapping[str, Callable]) -> None:
        self.helpers = dict(helpers)
        self.drawing = {name for name, function in self.helpers.items()
                        if draws_random_numbers(function)}
        self.worker_rng: dict | None = None

    def answer(self, message: dict) -> dict:
        name = message.get("callback")
        if name not in self.helpers:
            return _refusal("UnknownHelper", f"{name!r} is not a helper of this test")
        try:
            args = wire.decode(message.get("args", []))
            kwargs = wire.decode(message.get("kwargs", {"__dict__": []}))
            if "rng" in message:
                self.worker_rng = wire.decode(message["rng"])
        except (wire.WireError, TypeError) as error:
            return _refusal("WireError", str(error))
        if type(args) is not list or type(kwargs) is not dict or (
                name in self.drawing and self.worker_rng is None):
            return _refusal("WireError", "malformed arguments")
        if name not in self.drawing:  # most helpers: no RNG to borrow, just the call
            return self._call(name, args, kwargs)
        with _rng_borrowed(self.worker_rng) as after:
            reply = self._call(name, args, kwargs)
        if reply["ok"] and not same_rng_state(after[0], self.worker_rng):
            self.worker_rng = after[0]
            reply["rng"] = wire.encode(after[0])
        return reply

    def _call(self, name: str, args: list, kwargs: dict) -> dict:
        # A helper asked to print (print_cost=True) must not print into the grader's output.
        silenced = io.StringIO()
        try:
            with contextlib.redirect_stdout(silenced), contextlib.redirect_stderr(silenced):
                value = call_leniently(self.helpers[name], args, kwargs)
            return {"ok": True, "value": wire.encode(value)}
        except wire.WireError as error:
            return _refusal("WireError", str(error))
        except Exception as error:  # the student's function passed input the helper rejects
            return _refusal(type(error).__name__, str(error))


@contextlib.contextmanager
def _rng_borrowed(state: dict):
    """Run with the worker's global RNG state; yield the state after; restore this side's."""
    own = numpy.random.get_state(legacy=False)
    seed = numpy.random.seed
    after: list[dict] = []
    try:
        numpy.random.set_state(state)
        numpy.random.seed = _SEED_HERE_ONLY
        yield after
    finally:
        numpy.random.seed = seed
        after.append(numpy.random.get_state(legacy=False))
        numpy.random.set_state(own)


def draws_random_numbers(function: Callable) -> bool:
    """Whether a reference function, or a function of its module it calls, uses an RNG.

    Read from the compiled code's names (``np.random.randn`` names ``random``), so that only
    the helpers that draw pay for carrying the worker's RNG state.
    """
    module = inspect.getmodule(function)
    seen, frontier = set(), [function]
    while frontier:
        current = frontier.pop()
        names = _code_names(current.__code__)
        if names & {"random", "default_rng", "RandomState", "Generator"}:
            return True
        for name in names:
            callee = getattr(module, name, None)
            if inspect.isfunction(callee) and callee not in seen:
                seen.add(callee)
                frontier.append(callee)
    return False


def _code_names(code) -> set[str]:
    names = set(code.co_names)
    for constant in code.co_consts:
        if inspect.iscode(constant):  # comprehensions and nested functions
            names |= _code_names(constant)
    return names


def call_leniently(function: Callable, args: list, kwargs: dict):
    """Call a reference helper as the student's code calls it.

    A student's function written for an older template passes extra arguments
    (``compute_cost(A2, Y, parameters)``): the helper's own tests charge that deviation, so
    here the arguments the reference does not take are left out rather than failing the caller.
    """
    signature = inspect.signature(function)
    try:
        signature.bind(*args, **kwargs)
    except TypeError:
        positional = [p for p in signature.parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        args = args[:len(positional)]
        kwargs = {k: v for k, v in kwargs.items() if k in signature.parameters}
    return function(*args, **kwargs)


def _refusal(kind: str, message: str) -> dict:
    return {"ok": False, "error": {"type": kind[:100], "message": message[:MAX_ERROR_CHARS]}}
