"""``build/NAME/student/``: the folder a course hosts at one URL, for students on Colab.

Colab has NumPy, matplotlib and scikit-learn, but neither otter nor nnkit, no file beside the
notebook and not even the notebook itself on disk. So the hosted folder holds everything a
student needs, fetched by URL:

* ``NAME.ipynb`` — the student notebook whose first code cell installs ``otter-grader`` (pinned)
  and the student wheel from the URL when they are not importable, then creates ``grader`` with
  ``tests_url_prefix`` so that ``grader.check`` fetches its public tests from the URL;
* the student wheel (:mod:`grader.authoring.student_dist`);
* ``tests/<question>.py`` — the public tests only, taken from the student notebook's own
  metadata (the hidden tests never leave ``build/NAME/tests``).

``assignments/NAME.ipynb`` is not touched: it stays URL-free.
"""

from __future__ import annotations

import shutil
import urllib.parse
from pathlib import Path

import nbformat

from grader import words
from grader.assignment import Paths
from grader.authoring.build import INIT_CELL, BuildError
from grader.authoring.staging import build_lock, staged
from grader.authoring.wheel import student_spec

# Python source of the hosted notebook's first code cell, after the build's first line. The
# wheel's name has a "+" (its local version); it is written %2B in the URL, because some static
# hosts read "+" in a path as a space.
HOSTED_INIT_CELL = INIT_CELL.partition("\n")[0] + r'''
# {install_comment}
import importlib.util
import subprocess
import sys

COURSE_URL = "{url}"
if not all(importlib.util.find_spec(package) for package in ("nnkit", "otter")):
    print("{installing}")
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "{otter}", COURSE_URL + "{wheel}"],
        capture_output=True, text=True)
    if pip.returncode != 0:
        raise RuntimeError("{install_failed}\n" + pip.stderr[-2000:])
    importlib.invalidate_caches()
    print("{installed}")

from nnkit.notebook import Notebook

grader = Notebook("{notebook}", tests_url_prefix=COURSE_URL + "tests")
'''


def course_url(url: str) -> str:
    """``url`` checked (http or https, with a host) and ending in ``/``."""
    parts = urllib.parse.urlsplit(url.strip())
    if (parts.scheme not in ("http", "https") or not parts.netloc or parts.query
            or parts.fragment or any(c in url.strip() for c in '"\\ \n')):
        raise BuildError(f"--student-url {url!r}: expected http(s)://host/folder/ "
                         "(where build/NAME/student/ will be hosted)")
    return parts.geturl().rstrip("/") + "/"


def write_student_folder(paths: Paths, url: str, wheel: Path,
                         target: Path | None = None) -> Path:
    """Write the hosted folder for ``url`` and return it.

    Needs a built assignment (``build/NAME/dist/student``) and the student wheel ``wheel``.
    Without ``target`` the folder is ``build/NAME/student``, added to a copy of the published
    build that then replaces it whole (:mod:`grader.authoring.staging`): a build or grade running
    meanwhile never meets half a folder.
    """
    url = course_url(url)
    otter = _otter_requirement(paths)
    if target is not None:
        return _write_folder(paths, target, url, wheel, otter)
    with build_lock(paths), staged(paths, copy_current=True) as stage:
        _write_folder(stage, stage.build / "student", url, wheel, otter)
    return paths.build / "student"


def _write_folder(paths: Paths, target: Path, url: str, wheel: Path, otter: str) -> Path:
    """The notebook set up for ``url``, the wheel and the public tests, into ``target``."""
    notebook = nbformat.read(paths.built_student_notebook, as_version=4)
    _set_up_from(notebook, f"{paths.name}.ipynb", url, wheel.name, otter)
    shutil.rmtree(target, ignore_errors=True)
    (target / "tests").mkdir(parents=True)
    nbformat.write(notebook, target / f"{paths.name}.ipynb")
    shutil.copyfile(wheel, target / wheel.name)
    for question, source in notebook.metadata["otter"]["tests"].items():
        (target / "tests" / f"{question}.py").write_text(source, encoding="utf-8")
    return target


def _set_up_from(notebook: nbformat.NotebookNode, notebook_name: str, url: str,
                 wheel_name: str, otter: str) -> None:
    """Replace the build's init cell with one that installs what is missing and uses ``url``."""
    plain = INIT_CELL.format(notebook=notebook_name)
    cells = [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source == plain]
    if len(cells) != 1:
        raise BuildError(f"{notebook_name}: expected one init cell from the build, "
                         f"found {len(cells)}")
    cells[0].source = HOSTED_INIT_CELL.format(
        url=url, otter=otter, wheel=urllib.parse.quote(wheel_name), notebook=notebook_name,
        install_comment=words.HOSTED_INSTALL_COMMENT, installing=words.INSTALLING,
        install_failed=words.INSTALL_FAILED, installed=words.INSTALLED)


def _otter_requirement(paths: Paths) -> str:
    """The student wheel's own otter pin (from pyproject.toml, extras dropped)."""
    pins = [r for r in student_spec(paths.root).requirements if r.startswith("otter-grader")]
    if len(pins) != 1 or "==" not in pins[0]:
        raise BuildError(f"pyproject.toml: expected one pinned otter-grader, found {pins}")
    return pins[0].replace(" ", "")
