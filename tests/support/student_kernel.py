"""A student's Jupyter kernel on a released notebook, for testing what ``grader.check`` shows.

The released notebook, its graded cells answered with the solution's, is saved under its own
name in a scratch folder (otter reads the public tests from it) and a kernel started there runs
its init cell, its graded cells and the imports and definitions of its other cells — what a
check depends on; data, training and plots are skipped. A test then runs cells in that kernel,
as the student would: a graded cell with a mistake, then ``grader.check("f")``.
"""

from __future__ import annotations

import ast
import contextlib
from collections.abc import Iterator
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from grader.assignment import Paths, graded_cells, graded_name
from tests.support.grader_fixtures import filled_student_notebook


def _definitions(source: str) -> str:
    """The imports and definitions of a cell (its data, prints, training and plots left out)."""
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in source.splitlines())
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return ""
    allowed = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)
    return "\n\n".join(ast.unparse(node) for node in tree.body if isinstance(node, allowed))


class StudentKernel:
    """One kernel on one released notebook; :meth:`run` executes a cell and returns its text."""

    def __init__(self, paths: Paths, folder: Path) -> None:
        notebook = filled_student_notebook(paths)
        nbformat.write(notebook, folder / f"{paths.name}.ipynb")
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        self.init_cell = code[0].source
        self.answers = graded_cells(notebook)
        self.setup = [cell.source if graded_name(cell.source) else _definitions(cell.source)
                      for cell in code[1:]]
        self.client = NotebookClient(nbformat.v4.new_notebook(), timeout=120,
                                     kernel_name="python3",
                                     resources={"metadata": {"path": str(folder)}})

    @contextlib.contextmanager
    def running(self) -> Iterator[StudentKernel]:
        """The kernel, started, with the init cell and the definitions run; shut down after."""
        with self.client.setup_kernel():
            for source in [self.init_cell, *self.setup]:
                if source.strip():
                    self.run(source)
            yield self

    def run(self, source: str) -> str:
        """Execute one cell; the text it shows (streams, results, errors), joined."""
        cell = nbformat.v4.new_code_cell(source)
        self.client.nb.cells.append(cell)
        self.client.execute_cell(cell, len(self.client.nb.cells) - 1)
        texts = []
        for output in cell.outputs:
            texts.append(output.get("text", ""))
            texts.append(output.get("data", {}).get("text/plain", ""))
            texts += output.get("traceback", [])
        return "\n".join(text for text in texts if text)

    def check(self, function: str, cell: str | None = None) -> str:
        """Run ``cell`` (a graded cell with a mistake, or any code), then the check of
        ``function``; the correct answer is restored afterwards. Returns what the check shows."""
        if cell is not None:
            self.run(cell)
        try:
            return self.run(f'grader.check("{function}")')
        finally:
            if function in self.answers:
                self.run(self.answers[function])
