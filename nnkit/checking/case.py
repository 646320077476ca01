"""A case: what one check of a graded function runs on — its inputs, the expected result, and
what the messages need to explain a wrong one.

The case modules (``nnkit/reference/cases/``) build :class:`Case` objects. Tests written by hand
and the public cases inlined into a student notebook are plain dicts with the same keys (a
literal must evaluate in the student's kernel with nothing but ``np``: :meth:`Case.plain` gives
it); the checks take either and read a :class:`Case` (:meth:`Case.of`). A case reads as a
mapping of the keys that are set (``case["args"]``, ``case.get("m")``, ``{**case, ...}``), so
that a test reads a built case and a literal one alike.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Names of the returned parts: a str per part, a nested list for a nested tuple.
PartNames = Sequence["str | PartNames"]


@dataclass(frozen=True, eq=False)
class Case(Mapping[str, Any]):
    """One case of a graded function (or one stage of a graded class).

    Attributes:
        args, kwargs: the call's arguments (deep-copied before every call).
        expected: what the reference returns on them.
        rng_seed: ``np.random.seed`` is called with it just before the call.
        draws_from_global_rng: the function must draw from the global RNG; a wrong result that
            does not is said to re-seed. True, or the name of the argument whose value None is
            why (``"seed"``: the hint then says so).
        names: the parts of a tuple return (``["A2", "cache"]``; nested for nested tuples).
        order: part labels in the order the function computes them: the first wrong one in
            this order is reported (``cache['A1']`` before ``A2``).
        m: the number of examples a mean is taken over (sharpens a missing ``1/m``).
        hint_names: the notebook's names for the hints (``{"output": "A2", "labels": "Y"}``).
        arg_names: the names of the positional arguments, for the line describing the inputs.
        mistakes: ``{"output", "hint"[, "part"]}`` of each known mistake on these inputs: a
            result equal to one fails with its hint (``part``: only that part is compared).
        strict_types: a float asked must be a float (the public cases; elsewhere a size-1
            array with the right value passes).
        result: what the result is called in messages (default ``반환값``).
        init, attributes, method, repeat, read: a graded class's stage
            (:func:`nnkit.checking.runner.check_object_case`).
        data: anything else a hidden test reads from the case (``TwoLayerNet``'s ``params``,
            ``X``, ``y``); it reads as keys of the mapping.
    """

    args: Sequence[Any] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    expected: Any = None
    rng_seed: int | None = None
    draws_from_global_rng: bool | str = False
    names: PartNames | None = None
    order: Sequence[str] = ()
    m: int | None = None
    hint_names: Mapping[str, str] | None = None
    arg_names: Sequence[str] | None = None
    mistakes: Sequence[Mapping[str, Any]] = ()
    strict_types: bool = False
    result: str | None = None
    init: Mapping[str, Any] | None = None
    attributes: Mapping[str, Any] | None = None
    method: str | None = None
    repeat: int = 1
    read: Sequence[str] | None = None
    data: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, case: Mapping[str, Any]) -> Case:
        """``case`` as a :class:`Case`: its known keys as fields, any other in :attr:`data`."""
        if isinstance(case, Case):
            return case
        known = {key: value for key, value in case.items() if key in _FIELDS}
        extra = {key: value for key, value in case.items() if key not in _FIELDS}
        return cls(**{**known, "data": {**known.get("data", {}), **extra}})

    def replace(self, **changes: Any) -> Case:
        """A copy with ``changes``; a key that is not a field goes to :attr:`data`."""
        extra = {key: changes.pop(key) for key in list(changes) if key not in _FIELDS}
        if extra:
            changes["data"] = {**self.data, **extra}
        return dataclasses.replace(self, **changes)

    def plain(self) -> dict[str, Any]:
        """The keys that are set, as a plain dict (what a public test's literal holds)."""
        return dict(self.items())

    # The mapping of the keys that are set: the fields given a value other than their default
    # (``args``, ``kwargs`` and ``expected`` always), then :attr:`data`.

    def _is_set(self, name: str) -> bool:
        return name in _ALWAYS or not _is_default(getattr(self, name), _DEFAULTS[name])

    def _set(self) -> Iterator[str]:
        yield from (name for name in _DEFAULTS if self._is_set(name))
        yield from self.data

    def __getitem__(self, key: str) -> Any:
        if key in _DEFAULTS:
            if self._is_set(key):
                return getattr(self, key)
            raise KeyError(key)
        return self.data[key]

    def __iter__(self) -> Iterator[str]:
        return self._set()

    def __len__(self) -> int:
        return sum(1 for _ in self._set())


def _is_default(value: Any, default: Any) -> bool:
    if default is None:
        return value is None
    if isinstance(default, (bool, int)):
        return type(value) is type(default) and value == default
    return isinstance(value, (tuple, list, dict)) and len(value) == 0


_FIELDS = {f.name for f in dataclasses.fields(Case)}
_ALWAYS = ("args", "kwargs", "expected")
_DEFAULTS = {f.name: (f.default if f.default is not dataclasses.MISSING else f.default_factory())
             for f in dataclasses.fields(Case) if f.name != "data"}
