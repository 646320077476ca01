"""Exact versions of the grader's dependencies, read from the interpreter that builds the zip.

The Gradescope image should install what this machine tested: ``requirements.txt`` names the
project's direct dependencies (without extras) at the versions installed here, and
``constraints.txt`` pins everything they pull in, as installed here. Constraints only bind the
packages pip is asked for, so a dependency that the image's Python needs and this one does not
(an environment marker) is still resolved.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import metadata

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name


class PinError(RuntimeError):
    """A dependency is not installed in this interpreter, so its tested version is unknown."""


def installed_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        raise PinError(f"cannot pin {name!r}: it is not installed in this interpreter") from None


def pinned(requirements: Iterable[str]) -> list[str]:
    """``name==version`` for each requirement, at the version installed here, extras dropped."""
    return [f"{canonicalize_name(r.name)}=={installed_version(r.name)}"
            for r in map(Requirement, requirements)]


def pinned_closure(requirements: Iterable[str]) -> list[str]:
    """``name==version`` for the requirements and everything they require, sorted by name.

    Markers are evaluated for this interpreter; requirements of extras are left out (the zip
    installs none), and so are requirements whose marker holds but which are not installed here.
    """
    pins: dict[str, str] = {}
    pending = [Requirement(r) for r in requirements]
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        if name in pins:
            continue
        pins[name] = installed_version(requirement.name)
        for text in metadata.requires(requirement.name) or []:
            try:
                child = Requirement(text)
            except InvalidRequirement:
                continue
            if child.marker is not None and not child.marker.evaluate({"extra": ""}):
                continue
            try:
                metadata.version(child.name)
            except metadata.PackageNotFoundError:
                continue
            pending.append(child)
    return [f"{name}=={version}" for name, version in sorted(pins.items())]
