"""The public checks as a student's kernel runs them, in this process: what ``grader.check``
shows for a notebook, and which corpus entries the public checks catch before submission.

A notebook's code cells are reduced to their definitions (as for grading) and executed in one
namespace, each cell under its own file name with its source in ``linecache``, as IPython does;
then :class:`nnkit.notebook.Notebook` runs the public tests from the built student notebook's
metadata — exactly what ``grader.check("f")`` runs for the student. Only our own code runs here
(the corpus' bugs and variants, never submissions): it is not sandboxed.
"""

from __future__ import annotations

import contextlib
import io
import linecache
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import numpy as np

from grader.assignment import Paths
from grader.grading.submission import keep_definitions
from grader.isolation.worker import LazyModule
from grader.validation import corpus
from nnkit.notebook import CheckResult, Notebook


def namespace_of(notebook: nbformat.NotebookNode) -> dict[str, Any]:
    """The definitions of every code cell, executed in order in one fresh namespace."""
    namespace: dict[str, Any] = {"__name__": "__main__", "__lazy_import__": LazyModule}
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        source = keep_definitions(cell.source)
        if not source.strip():
            continue
        filename = f"<notebook cell {index}>"
        original = cell.source.splitlines(keepends=True)
        linecache.cache[filename] = (len(cell.source), None, original, filename)
        exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - our own corpus
    return namespace


def check(paths: Paths, namespace: dict[str, Any], function: str) -> CheckResult:
    """``grader.check(function)`` against ``namespace``, with the build's public tests."""
    with (tempfile.TemporaryDirectory() as scratch, contextlib.chdir(scratch),
          contextlib.redirect_stdout(io.StringIO())):  # the corpus' own prints
        grader = Notebook(str(paths.built_student_notebook), tests_dir=str(Path(scratch) / "none"))
        np.random.seed(0)
        return grader.check(function, namespace)


@dataclass
class PublicVerdict:
    entry: corpus.Entry
    result: CheckResult

    @property
    def ok(self) -> bool:
        """A bug must fail its public check; a variant must pass it."""
        return self.result.passed == (self.entry.kind == "variants")


def run(paths: Paths, kinds: tuple[str, ...] = ("bugs", "variants")) -> list[PublicVerdict]:
    """The public check of every corpus entry (its cell in the built solution notebook)."""
    verdicts = []
    for entry in corpus.entries(paths, kinds):
        notebook = corpus.notebook_with(paths, {entry.function: entry.source})
        result = check(paths, namespace_of(notebook), entry.function)
        verdicts.append(PublicVerdict(entry, result))
    return verdicts


def summary(verdicts: list[PublicVerdict]) -> str:
    bugs = [v for v in verdicts if v.entry.kind == "bugs"]
    variants = [v for v in verdicts if v.entry.kind == "variants"]
    lines = [f"public checks: {sum(not v.ok for v in bugs)}/{len(bugs)} bugs pass them, "
             f"{sum(not v.ok for v in variants)}/{len(variants)} variants fail them"]
    lines += [f"  {'PASSES' if v.entry.kind == 'bugs' else 'FAILS'} {v.entry.label}"
              for v in verdicts if not v.ok]
    return "\n".join(lines)
