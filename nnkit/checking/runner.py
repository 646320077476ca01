"""Running a case: call the student's function (or build and call the student's object) on a
case's inputs and compare every returned part, saying which parts are right, what the inputs
were, and which known mistake the result is."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from nnkit import words
from nnkit.checking.case import Case
from nnkit.checking.comparison import Part, compare, matches, parts
from nnkit.checking.describe import describe_inputs
from nnkit.checking.failure import CheckFailure
from nnkit.checking.primitives import ATOL, RTOL, check_defaults, is_real_scalar, strict_types
from nnkit.checking.reseeding import ignores_global_seed, reseeds_failure, seed_global_rng

# What :func:`check_documented_interface` keeps of the case it is given.
CASE_CONTEXT_KEYS = ("args", "rng_seed", "names", "order", "m", "hint_names", "arg_names")


def check_case(
    fn_name: str,
    proxy: Callable[..., Any],
    case: Case | Mapping[str, Any],
    rtol: float = RTOL,
    atol: float = ATOL,
    m: int | None = None,
) -> Any:
    """Run one case (a :class:`~nnkit.checking.case.Case`, or a dict with its keys) and compare
    the result.

    Arguments are deep-copied, so a submission that updates its inputs in place is not penalised
    and cannot corrupt the case. ``rng_seed`` seeds the global RNG just before the call. Every
    returned part is compared; a failure names the wrong part (the first in the case's
    ``order``), lists which parts are right (``dW2 ✓ db2 ✓ dW1 ✗ db1 ✗``), describes the inputs,
    and says which known mistake (``mistakes``) or re-seeding the result shows. Returns what the
    function returned.
    """
    case = Case.of(case)
    with strict_types(bool(case.strict_types)):
        return _run_case(fn_name, proxy, case, rtol, atol, m)


def _run_case(fn_name: str, proxy: Callable[..., Any], case: Case, rtol: float,
              atol: float, m: int | None) -> Any:
    args = copy.deepcopy(list(case.args))
    kwargs = copy.deepcopy(dict(case.kwargs))
    seed_global_rng(case)
    try:
        got = proxy(*args, **kwargs)
    except Exception as error:  # the student's code raised: say on which inputs
        error.add_note(words.inputs_line(describe_inputs(case)))
        raise
    try:
        _check_returned(fn_name, got, case, rtol, atol, m if m is not None else case.m)
    except CheckFailure as failure:
        shown = failure
        if ignores_global_seed(fn_name, proxy, case, got):
            shown = reseeds_failure(fn_name, case)
        raise shown.with_first_notes(words.inputs_line(describe_inputs(case))) from None
    return got


def check_object_case(
    fn_name: str,
    cls: Callable[..., Any],
    case: Case | Mapping[str, Any],
    rtol: float = RTOL,
    atol: float = ATOL,
) -> Any:
    """One stage of a graded class: construct, set attributes, call a method, compare.

    The case's ``init`` (``{"args", "kwargs"}`` for the constructor, after ``rng_seed``),
    ``attributes`` (set on the new object), ``method`` (the method to call with ``args`` /
    ``kwargs``; none: only construct), ``repeat`` (how many times to call it) and ``read``
    (attribute names whose values after the calls are the result, instead of the last return
    value).
    """
    case = Case.of(case)
    init = case.init or {}
    seed_global_rng(case)
    obj = cls(*copy.deepcopy(list(init.get("args", []))),
              **copy.deepcopy(dict(init.get("kwargs", {}))))
    for name, value in dict(case.attributes or {}).items():
        setattr(obj, name, copy.deepcopy(value))

    def call(*args: Any, **kwargs: Any) -> Any:
        result = None
        for _ in range(int(case.repeat) if case.method else 0):
            result = getattr(obj, case.method)(*copy.deepcopy(args), **kwargs)
        read = case.read
        return {name: _attribute(fn_name, obj, name) for name in read} if read else result

    return check_case(fn_name, call, case.replace(rng_seed=None), rtol, atol)


def check_documented_interface(
    fn: str,
    function: Callable[..., Any],
    reference: Callable[..., Any],
    case: Case | Mapping[str, Any],
    defaults: Mapping[str, Any],
    omit: Sequence[str] | None = None,
    talkative: Mapping[str, Any] | None = None,
) -> None:
    """The function as the notebook documents it: its defaults, a call that relies on them,
    and the path that prints (what it prints is not read; a crash there is a failure).

    ``case``: one of the function's cases. ``omit``: the defaults the call leaves out (all of
    ``defaults`` unless told; a default of 10,000 iterations is checked by value only).
    ``talkative``: the keyword arguments that make it print (``{"print_cost": True}``).
    """
    case = Case.of(case)
    check_defaults(fn, function, defaults)
    omitted = sorted(defaults if omit is None else omit)
    context = Case(**{key: getattr(case, key) for key in CASE_CONTEXT_KEYS})
    kwargs = {k: v for k, v in case.kwargs.items() if k not in omitted}
    seed_global_rng(case)
    expected = reference(*copy.deepcopy(list(case.args)), **copy.deepcopy(kwargs))
    check_case(fn, function, context.replace(kwargs=kwargs, expected=expected,
                                             result=words.result_without(", ".join(omitted))))
    if talkative:
        flags = ", ".join(f"{k}={v!r}" for k, v in talkative.items())
        check_case(fn, function, context.replace(kwargs={**case.kwargs, **talkative},
                                                 expected=case.expected,
                                                 result=words.result_with_flags(flags)))


def _attribute(fn: str, obj: Any, name: str) -> Any:
    try:
        return getattr(obj, name)
    except AttributeError:
        raise CheckFailure(fn, f"self.{name}", words.MISSING_ATTRIBUTE,
                           words.set_the_attribute(name)) from None


def _root(case: Case) -> str:
    """What the result is called in messages: ``반환값``, or the case's ``result``."""
    return str(case.result if case.result is not None else words.RESULT)


def _check_returned(fn: str, got: Any, case: Case, rtol: float, atol: float,
                    m: int | None) -> None:
    names = case.hint_names
    found = list(parts(fn, got, case.expected, case.names, root=_root(case)))
    failures: dict[str, CheckFailure] = {}
    for label, quantity, g, e in found:
        try:
            compare(fn, quantity, g, e, rtol, atol, m, names)
        except CheckFailure as failure:
            failures[label] = failure
    if not failures:
        return  # a right answer is never matched against the known mistakes
    for mistake in case.mistakes:
        _check_not_known(fn, got, found, case, mistake, rtol, atol)
    labels = [label for label, *_ in found]
    order = [label for label in case.order if label in labels]
    order += [label for label in labels if label not in order]
    first = next(label for label in order if label in failures)
    if len(found) == 1:
        raise failures[first]
    echoed = _echoed_arguments(case, found)
    marks = "  ".join(f"{label} {'✗' if label in failures else '✓'}" for label in order
                      if label in failures or label not in echoed)
    note = words.returned_parts(marks)
    if len(failures) > 1:
        note += words.fix_first(first)
    raise failures[first].with_notes(note)


def _echoed_arguments(case: Case, found: list[Part]) -> set[str]:
    """Returned parts that only hand an argument back (``model``'s ``learning_rate``): a ✓ there
    would read as "your learning rate is right" whether or not the function used it."""
    given = dict(zip(case.arg_names or (), case.args, strict=False))
    given.update(case.kwargs)
    return {label for label, _, _, expected in found
            if label in given and is_real_scalar(expected)
            and is_real_scalar(given[label]) and float(given[label]) == float(expected)}


def _check_not_known(fn: str, got: Any, found: list[Part], case: Case,
                     mistake: Mapping[str, Any], rtol: float, atol: float) -> None:
    """Fail with the mistake's hint when the result (or its part ``mistake["part"]``) is what
    the mistaken code returns."""
    label = mistake.get("part")
    if label is None:
        if matches(got, mistake["output"], rtol, atol):
            raise CheckFailure(fn, _root(case), words.RESULT_OF_A_MISTAKE, mistake["hint"])
        return
    try:
        theirs = {part[0]: part[2] for part in
                  parts(fn, mistake["output"], case.expected, case.names)}
    except AssertionError:
        return
    mine = {part[0]: (part[1], part[2]) for part in found}
    if label in mine and label in theirs and matches(mine[label][1], theirs[label], rtol, atol):
        raise CheckFailure(fn, mine[label][0], words.VALUE_OF_A_MISTAKE, mistake["hint"])
