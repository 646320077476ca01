"""``build/NAME/student/`` (grader/authoring/hosting.py): what a course uploads for Colab.

The folder holds the notebook, the student wheel and the public tests only; the notebook is the
build's student notebook but for its first code cell, which installs what is missing from the URL
and points ``grader.check`` at it; the grader grades it as it grades the plain one; and
``assignments/NAME.ipynb`` never carries a URL. That the notebook runs on Colab is
``tests/notebooks/test_colab_standin.py``.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat
import pytest

from grader.__main__ import main
from grader.assignment import Assignment, Paths
from grader.authoring.build import INIT_CELL, BuildError, ensure_built
from grader.authoring.hosting import course_url, write_student_folder
from grader.authoring.student_dist import build_student_wheel
from grader.authoring.wheel import student_spec
from grader.grading.submission_files import SubmissionFile
from grader.run.grade import grade_one
from tests.support import ROOT
from tests.support.grader_fixtures import filled_student_notebook

NAME = "planar_classification"
URL = "https://course.example.org/nn/2026/planar/"


@pytest.fixture(scope="module")
def hosted(tmp_path_factory) -> tuple[Paths, Path]:
    paths = Paths(ROOT, NAME)
    ensure_built(paths)
    folder = tmp_path_factory.mktemp("hosted") / "student"
    return paths, write_student_folder(paths, URL, build_student_wheel(ROOT), target=folder)


def _code(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_folder_holds_notebook_wheel_and_public_tests_only(hosted):
    paths, folder = hosted
    wheel = build_student_wheel(ROOT)
    assert sorted(p.name for p in folder.iterdir()) == sorted(["tests", wheel.name,
                                                               f"{NAME}.ipynb"])
    assert (folder / wheel.name).read_bytes() == wheel.read_bytes()
    public = nbformat.read(paths.build / "dist" / "student" / f"{NAME}.ipynb",
                           as_version=4).metadata["otter"]["tests"]
    written = {p.stem: p.read_text(encoding="utf-8") for p in (folder / "tests").iterdir()}
    assert written == public
    hidden = {p.stem: p.read_text(encoding="utf-8") for p in paths.tests.iterdir()}
    assert set(written) == set(hidden)
    for question, text in written.items():
        assert "hidden=True" not in text and "nnkit.reference" not in text, question
        assert len(text) < len(hidden[question])  # the hidden cases stayed behind


def test_only_the_first_code_cell_differs_and_it_names_the_url(hosted):
    paths, folder = hosted
    hosted_notebook = nbformat.read(folder / f"{NAME}.ipynb", as_version=4)
    plain = nbformat.read(paths.build / "dist" / "student" / f"{NAME}.ipynb", as_version=4)
    assert len(hosted_notebook.cells) == len(plain.cells)
    differing = [i for i, (a, b) in enumerate(zip(hosted_notebook.cells, plain.cells, strict=True))
                 if a.source != b.source]
    assert differing == [plain.cells.index(_code(plain)[0])]
    assert hosted_notebook.metadata == plain.metadata
    init = _code(hosted_notebook)[0]
    assert _code(plain)[0].source == INIT_CELL.format(notebook=f"{NAME}.ipynb")
    assert init.metadata["editable"] is False
    ast.parse(init.source)
    otter = next(r for r in student_spec(ROOT).requirements if r.startswith("otter-grader"))
    assert f'"{otter}"' in init.source and "==" in otter
    assert f'COURSE_URL = "{URL}"' in init.source
    assert "nnkit-0.1.0%2Bstudent-py3-none-any.whl" in init.source
    assert 'tests_url_prefix=COURSE_URL + "tests"' in init.source
    assert URL not in json.dumps(nbformat.read(paths.student, as_version=4))


def test_the_grader_grades_the_hosted_notebook_like_the_plain_one(hosted, tmp_path):
    paths, folder = hosted
    hosted_notebook = nbformat.read(folder / f"{NAME}.ipynb", as_version=4)
    solved = tmp_path / "Copy of planar_classification.ipynb"
    nbformat.write(filled_student_notebook(paths, hosted_notebook), solved)
    assignment = Assignment(paths)
    solution = grade_one(assignment, SubmissionFile("solved", solved), _options())
    assert solution.status == "ok" and solution.score == solution.max_score > 0
    stubs = grade_one(assignment, SubmissionFile("stubs", folder / f"{NAME}.ipynb"), _options())
    assert stubs.status == "ok" and stubs.score == 0


def _options():
    from grader.options import Options

    return Options(timeout=10.0)


@pytest.mark.parametrize("url", ["https://u.example/c/p", "https://u.example/c/p/",
                                 "http://127.0.0.1:8000/planar/"])
def test_course_url_ends_in_one_slash(url):
    assert course_url(url) == url.rstrip("/") + "/"


@pytest.mark.parametrize("url", ["ftp://u.example/p/", "u.example/p/", "https:///p/",
                                 'https://u.example/p"/', "https://u.example/p/?x=1",
                                 "https://u.example/a b/"])
def test_course_url_refuses_what_a_notebook_cannot_fetch_from(url):
    with pytest.raises(BuildError, match="--student-url"):
        course_url(url)


def test_cli_needs_one_assignment_and_a_web_url(capsys):
    assert main(["build", "--student-url", URL]) == 2
    assert "NAME" in capsys.readouterr().err
    assert main(["build", NAME, "--student-url", "file:///tmp/x/"]) == 2
    assert "--student-url" in capsys.readouterr().err
