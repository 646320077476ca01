"""Is a mutant equivalent to its reference? Judged in process, without the hidden tests.

A mutant is equivalent when it gives the reference's outputs, to the checks' tolerance
(:data:`nnkit.checks.RTOL`, :data:`nnkit.checks.ATOL`, through :func:`nnkit.checks.check_case`),
on every case of :data:`SEEDS` seeded random problems of the assignment's case builder (their
sizes vary with the seed) and on the builder's public cases (a single sample ``m = 1``, a second
size, non-default arguments); and, since cases pass keyword arguments that hide the defaults
(``num_iterations=200``) and leave flags off (``print_cost``), on the first
:data:`DEFAULT_CASES` cases again with their keyword arguments left out and with each flag
flipped, compared with the reference run the same way. Its signature's
defaults must be the reference's (the notebook documents them). One differing case makes it
non-equivalent; that case is kept to show where it differs.

Only our own code runs here (mutants of the reference), so it runs in this process.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import inspect
import io
import signal
import warnings
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

from grader.mutation.mutants import reference_module
from nnkit import checks
from nnkit.reference import loader

SEEDS = 16
DEFAULT_CASES = 2
SECONDS = 30  # a mutant that loops (a perturbed iteration count) differs


@dataclass(frozen=True)
class Judgement:
    equivalent: bool
    cases: int  # how many cases were compared
    differs_on: str = ""  # the first differing case's inputs and what differed


def cases_module(assignment: str) -> ModuleType:
    """The seeded cases mutants are judged on (:mod:`nnkit.reference.loader`)."""
    module = loader.cases_module(assignment)
    if module is None:
        raise ValueError(f"assignment {assignment!r} has no cases module to judge mutants on")
    return module


@functools.cache
def cases_for(assignment: str, function: str) -> list[dict[str, Any]]:
    """Seeded cases of several sizes plus the public cases (``m = 1`` among them).

    A graded class is compared in stages (:func:`nnkit.checks.check_object_case`): its public
    cases, the stages of other seeds where the case module builds them, and a call of each
    method no stage calls.
    """
    module = cases_module(assignment)
    public = list(module.public_cases(function)) if hasattr(module, "public_cases") else []
    reference = getattr(reference_module(assignment), function)
    if inspect.isclass(reference):
        stages = [*public, *_seeded_stages(module)]
        return stages + _method_probes(reference, stages)
    return [module.make_case(function, seed) for seed in range(SEEDS)] + public


def _seeded_stages(module: ModuleType) -> list[dict[str, Any]]:
    """A class's stages for seeds 1…:data:`SEEDS` (other sizes), where the case module builds
    them per seed (``net_cases(seed)`` in xor_backprop's); none otherwise."""
    build = getattr(module, "object_cases", None) or getattr(module, "net_cases", None)
    return [stage for seed in range(1, SEEDS) for stage in build(seed)] if build else []


def _method_probes(cls: type, stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stages that call each method no public stage calls (``loss(X, y)``), on the arguments
    of a stage that has them by name (a method of one argument: that stage's first), with the
    reference's result as the expected."""
    called = {stage.get("method") for stage in stages}
    probes = []
    for name, method in inspect.getmembers(cls, inspect.isfunction):
        if name.startswith("_") or name in called:
            continue
        wanted = [p.name for p in list(inspect.signature(method).parameters.values())[1:]
                  if p.default is inspect.Parameter.empty]
        for stage in stages:
            given = dict(zip(stage.get("arg_names", []), stage.get("args", []), strict=False))
            if "attributes" not in stage or not given:
                continue
            if all(w in given for w in wanted):
                args = [given[w] for w in wanted]
            elif len(wanted) == 1:
                args = [stage["args"][0]]
            else:
                continue
            probe = {"init": stage["init"], "attributes": stage["attributes"], "method": name,
                     "args": args, "kwargs": {}}
            probes.append({**probe, "expected": _object_result(cls, probe)})
            break
    return probes


def _object_result(cls: type, case: dict[str, Any]) -> Any:
    """What ``check_object_case`` would read from the reference class on ``case``."""
    state = np.random.get_state()
    try:
        init = case["init"]
        obj = cls(*copy.deepcopy(init.get("args", [])), **copy.deepcopy(init.get("kwargs", {})))
        for name, value in case["attributes"].items():
            setattr(obj, name, copy.deepcopy(value))
        return getattr(obj, case["method"])(*copy.deepcopy(case["args"]))
    finally:
        np.random.set_state(state)


def defined(assignment: str, function: str, source: str) -> Any:
    """``function`` as ``source`` defines it, among the reference module's names (its helpers)."""
    namespace = dict(vars(reference_module(assignment)))
    exec(compile(source, f"<mutant of {function}>", "exec"), namespace)  # noqa: S102 - ours
    return namespace[function]


def judge(assignment: str, function: str, source: str) -> Judgement:
    """Compare the function ``source`` defines with the reference on :func:`cases_for`."""
    cases = cases_for(assignment, function)
    state = np.random.get_state()
    try:
        with _quiet(), _time_limit(SECONDS):
            candidate = defined(assignment, function, source)
            changed = _changed_defaults(assignment, function, candidate)
            if changed:
                return Judgement(False, len(cases), changed)
            for case in cases:
                problem = _differs(function, candidate, case)
                if problem:
                    return Judgement(False, len(cases), problem)
            for what, case in _variant_cases(assignment, function):
                problem = _differs(function, candidate, case)
                if problem:
                    return Judgement(False, len(cases), f"{what}: {problem}")
    except _TimeUp:
        return Judgement(False, len(cases), f"ran over {SECONDS} s")
    except Exception as error:  # noqa: BLE001 - a mutant that does not even define itself
        return Judgement(False, len(cases), f"{type(error).__name__}: {error}")
    finally:
        np.random.set_state(state)
    return Judgement(True, len(cases))


def _changed_defaults(assignment: str, function: str, candidate: Any) -> str:
    """The documented signatures (a class's methods too) are part of the answer
    (``checks.check_defaults`` holds a student to them): a changed default differs, even where
    its outputs stay within tolerance (10001 iterations for 10000)."""
    reference = getattr(reference_module(assignment), function)
    expected, got = _signatures(reference), _signatures(candidate)
    return "" if expected == got else f"default arguments {got} instead of {expected}"


def _signatures(defined: Any) -> dict[str, dict[str, Any]]:
    """The defaults of a function, or of every method of a class, by name."""
    if not inspect.isclass(defined):
        return {defined.__name__: _defaults(defined)}
    return {name: _defaults(method)
            for name, method in inspect.getmembers(defined, inspect.isfunction)}


def _defaults(function: Any) -> dict[str, Any]:
    return {name: parameter.default
            for name, parameter in inspect.signature(function).parameters.items()
            if parameter.default is not inspect.Parameter.empty}


@functools.cache  # every mutant of a function meets the same ones: run the reference once
def _variant_cases(assignment: str, function: str) -> list[tuple[str, dict[str, Any]]]:
    """``(what, case)``: the first :data:`DEFAULT_CASES` cases that passed keyword arguments,
    without them, and every case of those with each flag (``print_cost=False``) flipped, so the
    branch it guards runs; the reference run the same way gives the expected."""
    reference = getattr(reference_module(assignment), function)
    if inspect.isclass(reference):
        return []
    flags = {name: not value for name, value in _defaults(reference).items()
             if isinstance(value, bool)}
    found = []
    for case in cases_for(assignment, function)[:DEFAULT_CASES]:
        if case.get("kwargs"):
            found.append(("with default arguments", {**case, "kwargs": {}}))
        found += [(f"with {name}={value}", {**case, "kwargs": {**case["kwargs"], name: value}})
                  for name, value in flags.items()]
    return [(what, _expected_by_reference(reference, case)) for what, case in found]


def _expected_by_reference(reference: Any, case: dict[str, Any]) -> dict[str, Any]:
    state = np.random.get_state()
    try:
        if case.get("rng_seed") is not None:
            np.random.seed(int(case["rng_seed"]))
        with _quiet():
            expected = reference(*copy.deepcopy(case["args"]), **copy.deepcopy(case["kwargs"]))
    finally:
        np.random.set_state(state)
    return {**case, "expected": expected, "mistakes": []}


def _differs(function: str, candidate: Any, case: dict[str, Any]) -> str:
    """'' when ``candidate`` passes ``case``, else the inputs and what differed."""
    check = checks.check_object_case if "init" in case else checks.check_case
    try:
        check(function, candidate, case)
    except _TimeUp:
        raise
    except Exception as error:  # noqa: BLE001 - a wrong answer, or the mutant raised
        inputs = "" if "init" in case else checks.describe_inputs(case)
        kind = "" if isinstance(error, AssertionError) else f"{type(error).__name__}: "
        return f"{kind}{str(error)[:600]}\ninputs: {inputs[:600]}"
    return ""


class _TimeUp(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: int):
    """Raise :class:`_TimeUp` after ``seconds`` (main thread only; elsewhere no limit)."""
    def up(signum, frame):
        raise _TimeUp

    try:
        previous = signal.signal(signal.SIGALRM, up)
    except ValueError:  # not the main thread
        yield
        return
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _quiet():
    """No prints (``print_cost``) and no NumPy warnings (a mutant's overflow) on the console."""
    with (contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(),
          np.errstate(all="ignore")):
        warnings.simplefilter("ignore")
        yield
