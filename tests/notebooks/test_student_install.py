"""The student install: no reference answers inside, and the public checks work with it alone.

A fresh virtual environment gets the student wheel; the course's other dependencies come from
this interpreter's site-packages through a plain path entry (no ``.pth`` processing, so the
editable install of the full ``nnkit`` stays invisible). There, the public tests embedded in
each student notebook pass on the solution and fail on the released stubs, exactly as
``grader.check`` runs them.
"""

from __future__ import annotations

import json
import site
import subprocess
import textwrap
import venv
import zipfile
from pathlib import Path

import nbformat
import pytest

from grader.assignment import Paths, assignment_names
from grader.authoring.build import ensure_built
from grader.authoring.student_dist import build_student_wheel
from grader.grading.submission import keep_definitions
from tests.support import ROOT
from tests.support.grader_fixtures import filled_student_notebook

ASSIGNMENTS = assignment_names(ROOT)

CHECK_SCRIPT = textwrap.dedent("""
    import importlib.util, json, sys
    import nbformat
    from otter.test_files import ExceptionTestFile

    import nnkit
    assert "site-packages" in nnkit.__file__ and "/venv/" in nnkit.__file__, nnkit.__file__
    assert importlib.util.find_spec("nnkit.reference") is None, "reference importable"

    notebook = nbformat.read(sys.argv[1], as_version=4)
    definitions = json.loads(open(sys.argv[2], encoding="utf-8").read())
    env = {"__lazy_import__": lambda module, attribute=None: None}
    for source in definitions:
        exec(compile(source, "<cell>", "exec"), env)
    results = {}
    for name, source in notebook.metadata["otter"]["tests"].items():
        test_file = ExceptionTestFile.from_string(source, path=name)
        test_file.run(env)
        results[name] = all(r.passed for r in test_file.test_case_results)
    print(json.dumps(results))
""")


@pytest.fixture(scope="module")
def student_python(tmp_path_factory) -> Path:
    wheel = build_student_wheel(ROOT)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert not [n for n in names if n.startswith("nnkit/reference")], "answers in student wheel"
    assert "nnkit/checks.py" in names and "nnkit/datasets/__init__.py" in names
    env_dir = tmp_path_factory.mktemp("student") / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip()
    deps = "\n".join(site.getsitepackages())
    (Path(purelib) / "course_dependencies.pth").write_text(deps + "\n", encoding="utf-8")
    return python


def _filled_with_solutions(paths: Paths, target: Path) -> Path:
    nbformat.write(filled_student_notebook(paths), target)
    return target


def _run_public_checks(python: Path, notebook: Path, cwd: Path) -> dict[str, bool]:
    # The definitions a check needs, as the grader keeps them (experiments are skipped).
    cells = nbformat.read(notebook, as_version=4).cells
    definitions = [keep_definitions(c.source) for c in cells if c.cell_type == "code"]
    definitions_file = cwd / f"{notebook.stem}-definitions.json"
    definitions_file.write_text(json.dumps(definitions), encoding="utf-8")
    completed = subprocess.run(
        [str(python), "-c", CHECK_SCRIPT, str(notebook), str(definitions_file)],
        capture_output=True, text=True, cwd=cwd, timeout=300,
        env={"PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg", "HOME": str(cwd)},
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_student_wheel_has_no_reference(student_python, tmp_path):
    completed = subprocess.run(
        [str(student_python), "-c",
         "import nnkit, pathlib; print(list(pathlib.Path(nnkit.__file__).parent.iterdir()))"],
        capture_output=True, text=True, check=True, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})  # no PYTHONPATH to a checkout
    assert "/venv/" in completed.stdout
    assert "reference" not in completed.stdout


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_public_checks_run_in_student_install(student_python, name, tmp_path):
    paths = Paths(ROOT, name)
    ensure_built(paths)
    student = nbformat.read(paths.student, as_version=4)
    assert "nnkit.reference" not in json.dumps(student), "student notebook mentions the answers"
    solved = _run_public_checks(student_python, _filled_with_solutions(paths, tmp_path / "s.ipynb"),
                                tmp_path)
    assert solved and all(solved.values()), solved
    stubs = _run_public_checks(student_python, paths.student, tmp_path)
    assert not any(stubs.values()), stubs
