"""Exact versions of the grader's dependencies, read from the interpreter that builds the zip.

The Gradescope image installs what this machine tested: the project's dependencies and
everything they require (extras that a requirement asks for included), each at the version
installed here, with ``pip install --no-deps`` so that nothing else comes along — except
:data:`SKIPPED_EXTRAS`, which grading with our runner never uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import metadata

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

# otter-grader asks for nbconvert[webpdf]: a headless Chromium (playwright, about 170 MB) that
# exports notebooks to PDF. The zip exports no PDFs.
SKIPPED_EXTRAS = {("nbconvert", "webpdf")}


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
