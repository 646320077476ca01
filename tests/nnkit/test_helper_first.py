"""A helper's mistake is named first in its callers' checks, and no caller's hint fires.

For every corpus bug of a graded function ``f``, the public check of every *other* graded
function of the notebook (in process, as ``grader.check`` runs in the student's kernel,
:mod:`grader.validation.public_checks`) either passes — it does not call ``f``, or ``f``'s mistake
does not reach it — or says first ``먼저 `f`를 고치세요`` and shows ``f``'s own message, never the
caller's numbers or hint. The callers are found from the student's code, not from a map.
"""

from __future__ import annotations

import pytest

from grader.assignment import Paths, assignment_names
from grader.authoring.build import ensure_built
from grader.validation import corpus, public_checks
from nnkit import checks
from tests.support import ROOT

ASSIGNMENTS = assignment_names(ROOT)


def _graded_from_notebook(paths: Paths) -> list[str]:
    import nbformat

    from grader.assignment import graded_name

    notebook = nbformat.read(paths.student, as_version=4)
    return [name for cell in notebook.cells if cell.cell_type == "code"
            if (name := graded_name(cell.source))]


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=() if name == "logistic_regression" else (pytest.mark.slow,))
    for name in ASSIGNMENTS])  # 4-10 s each
def test_no_hint_of_a_caller_fires_on_a_helpers_mistake(name):
    paths = Paths(ROOT, name)
    ensure_built(paths)
    functions = _graded_from_notebook(paths)
    wrong = []
    for entry in corpus.entries(paths, ("bugs",)):
        namespace = public_checks.namespace_of(corpus.notebook_with(
            paths, {entry.function: entry.source}))
        for other in functions:
            if other == entry.function:
                continue
            result = public_checks.check(paths, namespace, other)
            if result.passed:
                continue
            if result.fix_first[-1:] != (entry.function,) or not result.message.splitlines()[
                    1].startswith(f"먼저 {checks.code(entry.function, '을/를')} 고치세요"):
                wrong.append(f"{entry.label} → {other}:\n{result.message}")
    assert not wrong, "\n\n".join(wrong)
