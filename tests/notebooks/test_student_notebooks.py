"""What a student sees: the released notebook, with its graded cells filled in correctly,
executes top to bottom — data, plots, training, framework twins — and every ``grader.check``
in it reports success, in Korean, in the student's own kernel."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from grader.assignment import Paths, assignment_names, graded_cells
from grader.authoring.build import ensure_built
from nnkit.checks import passed_message
from tests.support import ROOT
from tests.support.grader_fixtures import check_outputs, filled_student_notebook

ASSIGNMENTS = assignment_names(ROOT)


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_student_notebook_runs_and_checks_pass(name, tmp_path, notebook_data, monkeypatch):
    paths = Paths(ROOT, name)
    ensure_built(paths)
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = filled_student_notebook(paths)
    target = tmp_path / f"{name}.ipynb"
    nbformat.write(notebook, target)  # otter.Notebook reads its public tests from this file
    shutil.copyfile(target, tmp_path / "original.ipynb")
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    checks = check_outputs(notebook)
    graded = list(graded_cells(notebook))
    assert sorted(checks) == sorted(graded)
    failing = {k: v for k, v in checks.items() if v.strip() != passed_message(k)}
    assert not failing, failing
    images = sum("image/png" in output.get("data", {})
                 for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs)
    assert images >= 2, f"{name}: expected plots in the executed notebook, found {images}"
