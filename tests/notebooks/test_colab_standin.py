"""A student on Colab: the hosted notebook sets itself up and every check works from the URL.

``build/NAME/student/`` is served on loopback; a runtime with only numpy, matplotlib,
scikit-learn, ipykernel and nbclient (``tests/support/colab_standin.py``) executes the hosted
notebook from an empty folder, under another file name, its first cell installing otter-grader and
the student wheel from the URL. With the solution filled in every cell runs and every check passes;
with the stubs every check fails with its Korean message, and nothing is installed again.

All four run in the full suite (CI); with ``-m "not slow"`` only planar_classification does (the
other three take about a minute each, and test_student_notebooks executes their solved notebooks
too, without the hosting).
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from grader import words
from grader.assignment import assignment_names, graded_cells
from nnkit import checks
from tests.conftest import missing_wall
from tests.support import ROOT
from tests.support.colab_standin import (
    COLAB_PACKAGES,
    COLAB_PYTHON_VERSION,
    STAND_IN_DOWNLOADS,
    colab_base,
    colab_python,
    colab_session,
    hides_debian_datasets,
    pip_cache,
)
from tests.support.grader_fixtures import check_outputs

# planar_classification also under -m "not slow" (about 70 s), the others slow (about 50 s each).
ASSIGNMENTS = [name if name == "planar_classification"
               else pytest.param(name, marks=pytest.mark.slow) for name in assignment_names(ROOT)]
INSTALLED = words.INSTALLED
# What a notebook says about the data it downloaded (from the stand-in publisher here).
SAYS = {"mnist_mlp": "MNIST를 내려받고 SHA-256 체크섬을 확인했습니다"}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    if colab_python() is None:
        pytest.skip(f"no Python {COLAB_PYTHON_VERSION} here (pyenv, python{COLAB_PYTHON_VERSION} "
                    "or $NNKIT_COLAB_PYTHON): Colab runs 3.12")
    if hides_debian_datasets() is None:
        missing_wall("bubblewrap cannot hide /usr/share/datasets here: not a Colab stand-in")
    return colab_base(tmp_path_factory.mktemp("colab") / "base")


def test_stand_in_runs_colabs_python_and_package_versions(base):
    """Colab's versions, not the project's pins (tests/support/colab_standin.py says where from)."""
    probe = ("import json, sys, numpy, matplotlib, sklearn; print(json.dumps(["
             "'%d.%d' % sys.version_info[:2], numpy.__version__, matplotlib.__version__, "
             "sklearn.__version__]))")
    found = json.loads(subprocess.run([str(base), "-c", probe], capture_output=True, text=True,
                                      check=True).stdout)
    pins = [spec.split("==")[1] for spec in COLAB_PACKAGES if "==" in spec]
    assert found == [COLAB_PYTHON_VERSION, *pins], found
    print(f"\nColab stand-in: Python {found[0]}, numpy {found[1]}, matplotlib {found[2]}, "
          f"scikit-learn {found[3]}")


def _text(cell) -> str:
    return "\n".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                     for o in cell.outputs)


def _errors(notebook) -> list[str]:
    return [f"cell {i}: {o['ename']}: {o['evalue']}" for i, cell in enumerate(notebook.cells)
            if cell.cell_type == "code" for o in cell.outputs if o.output_type == "error"]


def _graded(notebook) -> list[str]:
    return list(graded_cells(notebook))


def _first_check(notebook) -> int:
    return next(i for i, cell in enumerate(notebook.cells)
                if cell.cell_type == "code" and cell.source.startswith("grader.check("))


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_hosted_notebook_sets_itself_up_on_colab(name, base, tmp_path):
    session = colab_session(name, base, tmp_path, pip_cache())
    solved = session.solved.notebook
    init = next(cell for cell in solved.cells if cell.cell_type == "code")

    assert INSTALLED in _text(init), _text(init)
    assert not _errors(solved), _errors(solved)
    passed = check_outputs(solved)
    assert sorted(passed) == sorted(_graded(solved))
    failing = {f: text for f, text in passed.items() if text.strip() != checks.passed_message(f)}
    assert not failing, failing
    export = _text(solved.cells[-1])
    assert "grader.export()" in solved.cells[-1].source
    assert checks.no_notebook_file_message("\0").split("\0")[1].strip() in export, export
    print(f"\n{name}: first passing check {session.solved.seconds_until(_first_check(solved)):.1f}"
          f" s after opening (install included); whole notebook {session.solved.seconds:.1f} s")

    stubs = session.stubs.notebook
    assert INSTALLED not in _text(next(c for c in stubs.cells if c.cell_type == "code"))
    before, after, _ = checks.unfilled_message("\0", "\0").split("\0")
    failed = check_outputs(stubs)
    assert sorted(failed) == sorted(passed)
    for function, text in failed.items():
        assert text.startswith(before + function + after), (function, text)

    wheel = [p for p in session.requests if p.startswith(f"/{name}/nnkit-") and
             p.endswith("%2Bstudent-py3-none-any.whl")]
    assert wheel, session.requests
    test_file = re.compile(rf"/{name}/tests/(\w+)\.py")
    fetched = {m[1] for p in session.requests if (m := test_file.fullmatch(p))}
    assert fetched == set(passed)
    assert not list(session.content.glob("*.ipynb")), "the notebook was on disk"
    if name in STAND_IN_DOWNLOADS:  # its data came from the (stand-in) publisher, checked
        assert any(p.startswith("/data/") for p in session.requests), session.requests
    if name in SAYS:
        assert any(SAYS[name] in _text(cell) for cell in solved.cells if cell.cell_type == "code")
