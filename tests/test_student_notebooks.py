"""What a student sees: the released notebook, with its graded cells filled in correctly,
executes top to bottom — data, plots, training, framework twins — and every ``grader.check``
in it reports success in the student's own kernel."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from grader.assignment import ASSIGNMENTS, GRADED_HEADER, Paths
from grader.build import ensure_built

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cifar_format_data(tmp_path_factory):
    from nnkit.reference.cases.logistic_regression import write_fake_cifar10

    folder = tmp_path_factory.mktemp("nnkit-data")
    write_fake_cifar10(folder)
    return folder


def filled_student_notebook(paths: Paths) -> nbformat.NotebookNode:
    solution = nbformat.read(paths.solution_notebook, as_version=4)
    answers = {m[1]: cell.source for cell in solution.cells
               if cell.cell_type == "code" and (m := GRADED_HEADER.match(cell.source.lstrip()))}
    notebook = nbformat.read(paths.student, as_version=4)
    for cell in notebook.cells:
        match = GRADED_HEADER.match(cell.source.lstrip()) if cell.cell_type == "code" else None
        if match:
            cell.source = answers[match[1]]
    return notebook


def check_outputs(notebook: nbformat.NotebookNode) -> dict[str, str]:
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


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_student_notebook_runs_and_checks_pass(name, tmp_path, cifar_format_data, monkeypatch):
    paths = Paths(ROOT, name)
    ensure_built(paths)
    if "NNKIT_DATA" not in os.environ:
        monkeypatch.setenv("NNKIT_DATA", str(cifar_format_data))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = filled_student_notebook(paths)
    target = tmp_path / f"{name}.ipynb"
    nbformat.write(notebook, target)  # otter.Notebook reads its public tests from this file
    shutil.copyfile(target, tmp_path / "original.ipynb")
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    checks = check_outputs(notebook)
    graded = [GRADED_HEADER.match(c.source.lstrip())[1] for c in notebook.cells
              if c.cell_type == "code" and GRADED_HEADER.match(c.source.lstrip())]
    assert sorted(checks) == sorted(graded)
    failing = {k: v for k, v in checks.items() if "passed" not in v or "failed" in v.lower()}
    assert not failing, failing
    images = sum("image/png" in output.get("data", {})
                 for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs)
    assert images >= 2, f"{name}: expected plots in the executed notebook, found {images}"
