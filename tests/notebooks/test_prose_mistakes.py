"""Every mistake a notebook's prose warns about is caught, in its own function, by name.

The prose marks a mistake with bold ``**흔한 실수`` (or, in a list, ``흔히 나오는 실수``); the cell
then names, in HTML comments the student does not see, the corpus bugs that are that mistake:

* ``<!-- known mistake: f__slug -->``: a registered known mistake (``nnkit.reference.mistakes``,
  or a graded class's mistaken steps): the public check of ``tests/corpus/NAME/bugs/f__slug.py``
  fails in ``f`` itself and shows that mistake's own hint;
* ``<!-- known mistake (checked): f__slug -->``: named by a check's own hint (an exception
  explained by the call that raised, a missing attribute, an exact factor m);
* ``<!-- known mistake: none — why -->``: not a graded function's code (the order cells run in).
"""

from __future__ import annotations

import re

import nbformat
import pytest

from grader.assignment import Paths, assignment_names
from grader.authoring.build import ensure_built
from grader.validation import corpus, public_checks
from nnkit.reference.cases import public_cases
from nnkit.reference.mistakes import mistakes_of
from tests.support import ROOT

ASSIGNMENTS = assignment_names(ROOT)
MARKER = re.compile(r"<!-- known mistake(?P<checked> \(checked\))?: (?P<what>[^>]*?) -->")
WARNS = re.compile(r"\*\*흔한 실수|흔히 나오는 실수")


def _prose(name: str) -> list[str]:
    notebook = nbformat.read(Paths(ROOT, name).master, as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]


def _named(name: str) -> list[tuple[str, bool]]:
    """``(corpus stem, checked)`` of every mistake the prose names."""
    return [(found["what"], bool(found["checked"])) for text in _prose(name)
            for found in MARKER.finditer(text) if not found["what"].startswith("none")]


def _registered_hints(name: str, function: str) -> set[str]:
    hints = {mistake.hint for mistake in mistakes_of(name, function)}
    return hints | {m["hint"] for case in public_cases(name, function)
                    for m in case.get("mistakes", ())}


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_warning_in_the_prose_names_its_mistakes(name):
    unmarked = [text[:120] for text in _prose(name) if WARNS.search(text) and not
                MARKER.search(text)]
    assert not unmarked, unmarked
    for text in _prose(name):
        for found in MARKER.finditer(text):
            assert not found["what"].startswith("none") or "—" in found["what"], found[0]


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_named_mistake_is_caught_in_its_own_function_by_name(name):
    paths = Paths(ROOT, name)
    ensure_built(paths)
    named = _named(name)
    assert named, "the prose names no mistake"
    wrong = []
    for stem, checked in named:
        function = stem.split("__")[0]
        source = (corpus.corpus_dir(paths) / "bugs" / f"{stem}.py").read_text(encoding="utf-8")
        namespace = public_checks.namespace_of(corpus.notebook_with(paths, {function: source}))
        result = public_checks.check(paths, namespace, function)
        message = result.message
        named_here = (not result.passed and not result.fix_first
                      and message.startswith(f"❌ `{function}`"))
        if checked:
            ok = named_here and "힌트:" in message
        else:
            ok = named_here and any(hint in message for hint in _registered_hints(name, function))
        if not ok:
            wrong.append(f"{stem}:\n{message}")
    assert not wrong, "\n\n".join(wrong)
