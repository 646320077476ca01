"""Exact versions of the grader's dependencies, read from the interpreter that builds the zip.

The Gradescope image installs what this machine tested: the project's dependencies and
everything they require (extras that a requirement asks for included), each at the version
installed here, with ``pip install --no-deps`` so that nothing else comes along — except
:data:`SKIPPED_EXTRAS`, which grading with our runner never uses.

The image's Python need not be this one: a pinned version that leaves out an older Python the
project supports (soupsieve 4.1.4 needs 3.11.5; Debian 12 has 3.11.2) is pinned for the Pythons
it supports, and the others take the newest older release that supports them
(:func:`requirement_lines`).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import metadata

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name

# otter-grader asks for nbconvert[webpdf]: a headless Chromium (playwright, about 170 MB) that
# exports notebooks to PDF. The zip exports no PDFs.
SKIPPED_EXTRAS = {("nbconvert", "webpdf")}
# A Requires-Python specifier, and what holds for every other Python, as marker operators.
MARKER_OPERATORS = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!=", "!=": "=="}


class PinError(RuntimeError):
    """A dependency is not installed in this interpreter, so its tested version is unknown."""


def installed_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        raise PinError(f"cannot pin {name!r}: it is not installed in this interpreter") from None


def pinned_closure(requirements: Iterable[str]) -> list[str]:
    """``name==version`` for the requirements and everything they require, sorted by name.

    The requirements' own extras are dropped (otter-grader[grading] brings a kernel for otter's
    grading; ours needs none); extras that a dependency asks for are followed. Markers are
    evaluated for this interpreter; a requirement whose marker holds but which is not installed
    here is left out.
    """
    extras: dict[str, set[str]] = {}
    pending = [(canonicalize_name(Requirement(r).name), set()) for r in requirements]
    while pending:
        name, wanted = pending.pop()
        known = extras.get(name)
        if known is not None and wanted <= known:
            continue
        installed_version(name)
        extras[name] = (known or set()) | wanted
        pending += [(canonicalize_name(child.name), _followed_extras(child))
                    for child in requirements_of(name, extras[name])]
    return [f"{name}=={installed_version(name)}" for name in sorted(extras)]


def requirements_of(name: str, extras: set[str]) -> list[Requirement]:
    """What the installed ``name`` requires, with ``extras``, and is installed here."""
    found = []
    for text in metadata.requires(name) or []:
        try:
            child = Requirement(text)
        except InvalidRequirement:
            continue
        if child.marker is not None and not any(
                child.marker.evaluate({"extra": extra}) for extra in {"", *extras}):
            continue
        try:
            metadata.version(child.name)
        except metadata.PackageNotFoundError:
            continue
        found.append(child)
    return found


def _followed_extras(requirement: Requirement) -> set[str]:
    name = canonicalize_name(requirement.name)
    return {extra for extra in requirement.extras if (name, extra) not in SKIPPED_EXTRAS}


def requirement_lines(pins: Iterable[str], requires_python: str) -> list[str]:
    """requirements.txt lines for ``name==version`` pins, on each Python ``requires_python`` allows.

    A pin whose version leaves out the oldest of those Pythons holds where its Requires-Python
    does; elsewhere the line below it takes the newest older release pip finds for that Python
    (``--no-deps``: the image's test checks that it fits).
    """
    oldest = oldest_python(requires_python)
    lines = []
    for pin in pins:
        name, _, version = pin.partition("==")
        supported = requires_python_of(name)
        if oldest is None or supported is None or supported.contains(oldest, prereleases=True):
            lines.append(pin)
            continue
        lines += [f"{pin} ; {_marker(supported)}",
                  f"{name}<{version} ; {_marker(supported, complement=True)}"]
    return lines


def oldest_python(requires_python: str) -> str | None:
    """The lowest version a ``requires-python`` specifier names as its floor (``>=3.11``)."""
    try:
        floors = [s.version for s in SpecifierSet(requires_python) if s.operator in (">=", "~=")]
    except InvalidSpecifier:
        return None
    return min(floors, key=lambda v: tuple(int(p) for p in v.split(".")), default=None)


def requires_python_of(name: str) -> SpecifierSet | None:
    """The installed release's Requires-Python, where its operators can become markers."""
    text = metadata.metadata(name).get("Requires-Python")
    if not text:
        return None
    try:
        supported = SpecifierSet(text)
    except InvalidSpecifier:
        return None
    if any(s.operator not in MARKER_OPERATORS or "*" in s.version for s in supported):
        return None  # ~=, === and wildcards: left as a plain pin
    return supported


def _marker(supported: SpecifierSet, *, complement: bool = False) -> str:
    """``supported`` as a PEP 508 marker, or the marker of every Python it leaves out."""
    parts = [(MARKER_OPERATORS[s.operator] if complement else s.operator, s.version)
             for s in sorted(supported, key=str)]
    joiner = " or " if complement else " and "
    return joiner.join(f'python_full_version {operator} "{version}"'
                       for operator, version in parts)
