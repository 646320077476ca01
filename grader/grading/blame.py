"""Blame reruns: a graded function is graded on its own logic, not on its helpers'.

When a test of ``nn_model`` fails, the runner runs that test again with the graded helpers that
the *reference* ``nn_model`` calls (``forward_propagation``, ``backward_propagation`` …) replaced
by stand-ins. ``nn_model`` then earns what that run earns: a wrong ``db1`` costs
``backward_propagation`` its points, once.

Everything the trusted side does for that run is decided before the student's code runs again:
which helpers stand in comes from the reference's call graph (:func:`stand_ins`), never from
names in the student's source, so no function can hand its work to one of its callers; what a
stand-in answers comes from the reference's own calls on that test's inputs, recorded once per
test and process (:func:`recording`). :mod:`grader.isolation.callbacks` answers a stand-in only
with a recorded call whose arguments match; the runner orchestrates the rerun.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import inspect
import io
import types
from collections.abc import Callable
from typing import Any

import numpy

from grader.assignment import Assignment
from grader.isolation import wire
from grader.isolation.callbacks import (
    RecordedCall,
    Recording,
    canonical_arguments,
    code_names,
    draws_random_numbers,
)
from grader.isolation.worker import same_rng_state
from nnkit.reference.loader import reference_module


def stand_ins(assignment: Assignment, function: str) -> dict[str, Callable]:
    """The graded helpers the reference ``function`` calls, by name → the reference helper.

    Through the module's ungraded functions too (``nn_model`` → ``_step`` →
    ``forward_propagation``); a graded helper is replaced whole, so what it calls is not the
    caller's. A class, or a function with no reference, has none.
    """
    module = reference_module(assignment.name)
    target = getattr(module, function, None) if module else None
    if not inspect.isfunction(target):
        return {}
    graded = set(assignment.graded_names) - {function}
    found: dict[str, Callable] = {}
    seen, frontier = {target}, [target]
    while frontier:
        for name in sorted(code_names(frontier.pop().__code__)):
            member = getattr(module, name, None)
            if not _defined_in(member, module):
                continue
            if name in graded:
                found[name] = member
            elif member not in seen:
                seen.add(member)
                frontier.append(member)
    return found


_RECORDINGS: dict[tuple, Recording] = {}
MAX_RECORDINGS = 256  # tests per process; a grading process meets one or a few assignments


def recording(assignment: Assignment, question: str, case: Any) -> Recording:
    """The reference's calls to ``question``'s stand-ins while ``case`` (an otter test case)
    runs with the reference in place of every graded name.

    The inputs are the test's own, so the work is the test's, not the student's; it is done
    once per test and process, the first time a submission needs it.
    """
    key = (assignment, question, case.name)
    if key not in _RECORDINGS:
        if len(_RECORDINGS) >= MAX_RECORDINGS:
            _RECORDINGS.clear()
        _RECORDINGS[key] = _record(assignment, question, case)
    return _RECORDINGS[key]


def _record(assignment: Assignment, question: str, case: Any) -> Recording:
    module = reference_module(assignment.name)
    helpers = stand_ins(assignment, question)
    recorded = Recording(signatures={name: inspect.signature(h) for name, h in helpers.items()},
                         drawing=frozenset(n for n, h in helpers.items()
                                           if draws_random_numbers(h)))
    env: dict[str, Any] = {name: getattr(module, name) for name in assignment.graded_names
                           if hasattr(module, name)}
    env[question] = _rebound(module, question, {name: _recorder(name, helper, recorded)
                                                for name, helper in helpers.items()})
    env["np"] = numpy
    own = numpy.random.get_state(legacy=False)
    silenced = io.StringIO()  # a reference asked to print (print_cost=True) prints nowhere
    try:
        numpy.random.seed(0)  # as the runner does before each test
        with contextlib.redirect_stdout(silenced), contextlib.redirect_stderr(silenced):
            case.body.call_func(env)
    except Exception:  # noqa: BLE001 - what was recorded until then is all a stand-in answers
        pass
    finally:
        numpy.random.set_state(own)
    return recorded


def _recorder(name: str, helper: Callable, recorded: Recording) -> Callable:
    """``helper``, noting each call's arguments, RNG states and encoded answer."""
    signature = recorded.signatures[name]
    draws = name in recorded.drawing

    def record(*args: Any, **kwargs: Any) -> Any:
        arguments = copy.deepcopy(canonical_arguments(signature, list(args), kwargs))
        before = numpy.random.get_state(legacy=False) if draws else None
        value = helper(*args, **kwargs)
        after = numpy.random.get_state(legacy=False) if draws else None
        try:
            encoded = wire.encode(value)
        except wire.WireError:  # not plain data: this call cannot be answered
            return value
        if draws and _same_from_another_state(helper, arguments, encoded, after):
            before = None  # it seeds itself (init_network(seed=42)): any state will do
        try:
            encoded_arguments = {key: wire.encode(value) for key, value in arguments.items()}
        except wire.WireError:  # an argument the wire cannot carry: never asked for
            return value
        recorded.add(name, RecordedCall(arguments, encoded_arguments, encoded, before, after,
                                        wire.encode(after) if draws else None))
        return value

    return functools.wraps(helper)(record)


def _same_from_another_state(helper: Callable, arguments: dict, encoded: Any,
                             after: dict) -> bool:
    """Whether ``helper`` gives the same answer and leaves the same RNG state when it starts
    from another global state: then its answer does not depend on the state it was called in.
    This side's state is ``after`` again afterwards."""
    numpy.random.seed(_PROBE_SEED)
    try:
        again = helper(**copy.deepcopy(arguments))
        same_state = same_rng_state(numpy.random.get_state(legacy=False), after)
        return same_state and wire.encode(again) == encoded
    except Exception:  # noqa: BLE001 - then it is not known to be independent
        return False
    finally:
        numpy.random.set_state(after)


_PROBE_SEED = 20_261_207  # any seed the tests do not use


def _rebound(module: types.ModuleType, name: str, replacements: dict[str, Callable]) -> Callable:
    """``module.name`` and every function of its module bound to a copy of the module's
    namespace in which ``replacements`` stand for those names (the module is not touched, so
    nothing else running here sees the recorders)."""
    namespace = dict(vars(module))
    for member_name, member in vars(module).items():
        if inspect.isfunction(member) and _defined_in(member, module):
            namespace[member_name] = _copy_function(member, namespace)
    namespace.update(replacements)
    return namespace[name]


def _copy_function(function: types.FunctionType, namespace: dict) -> types.FunctionType:
    copied = types.FunctionType(function.__code__, namespace, function.__name__,
                                function.__defaults__, function.__closure__)
    copied.__kwdefaults__ = function.__kwdefaults__
    copied.__qualname__, copied.__doc__ = function.__qualname__, function.__doc__
    copied.__annotations__ = function.__annotations__
    copied.__module__ = function.__module__
    return copied


def _defined_in(member: Any, module: types.ModuleType) -> bool:
    return inspect.isfunction(member) and member.__module__ == module.__name__


@functools.cache
def documented_signatures(assignment: str) -> dict[str, inspect.Signature]:
    """The reference's signatures by name, which the notebook documents (the student's graded
    cells start from them); ``str()`` of one reads ``(A2, Y)``."""
    module = reference_module(assignment)
    if module is None:
        return {}
    return {name: _plain_signature(member) for name, member in vars(module).items()
            if (inspect.isfunction(member) or inspect.isclass(member))
            and member.__module__ == module.__name__ and not name.startswith("_")}


def _plain_signature(function: Callable) -> inspect.Signature:
    """As the notebook writes it: without the reference's type hints."""
    signature = inspect.signature(function)
    empty = inspect.Parameter.empty
    return signature.replace(
        parameters=[p.replace(annotation=empty) for p in signature.parameters.values()],
        return_annotation=empty)
