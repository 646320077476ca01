"""``python -m grader new NAME``: a new assignment, ready for every verb at once.

The files come from ``grader/authoring/assignment_template/``, a tree laid out like a checkout:
each file lands at its own path, with ``__ASSIGNMENT__`` (in the path and the text) replaced by
the assignment's name and a ``.tmpl`` suffix dropped (the suffix keeps the templates out of
ruff and of the Korean-words rule: they are the course's text, not the grader's). They make one
graded function, ``affine_forward``: its master notebook (``solutions/NAME.ipynb``), reference,
case builder, known mistake and corpus. Nothing lists assignments
(:func:`grader.assignment.assignment_names`), so ``build``, ``validate``, ``mutate`` and
``grade`` take the new one as soon as its master exists.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from pathlib import Path

from grader.assignment import assignment_names

TEMPLATE = Path(__file__).resolve().parent / "assignment_template"
PLACEHOLDER = "__ASSIGNMENT__"
SUFFIX = ".tmpl"
# A module name in nnkit/reference/ and its cases/ and mistakes/: lower case, no leading '_'
# (``_registry``, ``_rng`` are the packages' own private modules).
NAME = re.compile(r"[a-z][a-z0-9_]*")


class NewAssignmentError(Exception):
    """The assignment cannot be created as asked; nothing was written."""


@dataclass(frozen=True)
class Planned:
    """One file to write: where it goes in the checkout, relative to its root, and its text."""

    path: Path
    text: str


def check_name(root: Path, name: str) -> None:
    """Refuse a name that is not a new assignment's (a NewAssignmentError says why)."""
    if not NAME.fullmatch(name) or keyword.iskeyword(name):
        raise NewAssignmentError(
            f"{name!r} is not an assignment name: a Python identifier in lower case "
            f"(letters, digits, '_'; starting with a letter), e.g. affine_layers")
    if name in assignment_names(root):
        raise NewAssignmentError(f"assignment {name!r} exists already (solutions/{name}.ipynb)")
    taken = [f"{path.relative_to(root)}" for package in ("", "cases", "mistakes")
             for path in (root / "nnkit" / "reference" / package / name,
                          root / "nnkit" / "reference" / package / f"{name}.py")
             if path.exists()]
    if taken:
        raise NewAssignmentError(f"{name!r} is taken in nnkit/reference: {', '.join(taken)}")


def plan(root: Path, name: str) -> list[Planned]:
    """The files of assignment ``name``, checked first (:func:`check_name`); none written."""
    check_name(root, name)
    planned = []
    for source in sorted(TEMPLATE.rglob("*")):
        if not source.is_file():
            continue
        relative = source.relative_to(TEMPLATE).as_posix().replace(PLACEHOLDER, name)
        relative = relative.removesuffix(SUFFIX)
        text = source.read_text(encoding="utf-8").replace(PLACEHOLDER, name)
        planned.append(Planned(Path(relative), text))
    existing = [str(p.path) for p in planned if (root / p.path).exists()]
    if existing:
        raise NewAssignmentError(f"these files exist already: {', '.join(existing)}")
    return planned


def create(root: Path, name: str) -> list[Path]:
    """Write assignment ``name`` into the checkout at ``root``; the paths written, relative.

    Every check runs before the first file is written: a refused name leaves ``root`` as it was.
    """
    root = Path(root).resolve()
    if not (root / "solutions").is_dir() or not (root / "nnkit" / "reference").is_dir():
        raise NewAssignmentError(f"{root} is not an nnkit checkout (no solutions/ and "
                                 f"nnkit/reference/)")
    planned = plan(root, name)
    for item in planned:
        target = root / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(item.text, encoding="utf-8")
    return [item.path for item in planned]
