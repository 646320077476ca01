"""A tiny assignment (``tests/fixtures/mini``) for testing the grading machinery on its own.

Building it runs ``otter assign`` once per test session (a few seconds).
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import nbformat

from grader.assignment import GRADED_HEADER, Paths
from grader.build import build

FIXTURE = Path(__file__).parent / "fixtures" / "mini"


def build_mini(root: Path) -> Paths:
    """Copy the mini master into ``root`` and build it there."""
    shutil.copytree(FIXTURE / "solutions", root / "solutions")
    paths = Paths(root, "mini")
    build(paths, run_tests=True, update_student=True)
    return paths


def submission(paths: Paths, target: Path, **cells: str) -> Path:
    """The built solution notebook with graded cells replaced (function name → cell source)."""
    notebook = copy.deepcopy(nbformat.read(paths.solution_notebook, as_version=4))
    for cell in notebook.cells:
        match = GRADED_HEADER.match(cell.source.lstrip()) if cell.cell_type == "code" else None
        if match and match[1] in cells:
            cell.source = cells.pop(match[1])
    assert not cells, f"no graded cell for {sorted(cells)}"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return target


def filled_student_notebook(paths: Paths,
                            notebook: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    """The released student notebook (or ``notebook``, e.g. a hosted copy of it) with every
    graded cell answered by the solution's."""
    solution = nbformat.read(paths.solution_notebook, as_version=4)
    answers = {m[1]: cell.source for cell in solution.cells
               if cell.cell_type == "code" and (m := GRADED_HEADER.match(cell.source.lstrip()))}
    notebook = copy.deepcopy(notebook) if notebook is not None else nbformat.read(
        paths.student, as_version=4)
    for cell in notebook.cells:
        match = GRADED_HEADER.match(cell.source.lstrip()) if cell.cell_type == "code" else None
        if match:
            cell.source = answers[match[1]]
    return notebook


def check_outputs(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """What each ``grader.check("f")`` cell of an executed notebook shows, by function."""
    results = {}
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.source.startswith("grader.check("):
            name = cell.source.split('"')[1]
            texts = []
            for output in cell.outputs:
                data = output.get("data", {})
                texts.append(data.get("text/plain", "") + output.get("text", ""))
            results[name] = "\n".join(texts)
    return results
