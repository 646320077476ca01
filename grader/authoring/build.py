"""``python -m grader build``: master notebook → student notebook, test files, autograder zip.

1. Render: every ``public_cases("f")`` (and ``public_case("f", seed)``) in a test cell becomes
   the literal cases computed by ``nnkit.reference.cases``, known-mistake outputs included —
   public tests then carry their expected values and never import the reference. otter's init
   cell (``init_cell: true``) is replaced by one that creates ``grader`` with nnkit's Korean front
   end, :class:`nnkit.notebook.Notebook`.
2. ``otter assign`` on the rendered master (it runs every test against the solution).
3. Extract the test files from otter's own zip and write a manifest for the runner.
4. Write the Gradescope zip, which grades with our runner (:mod:`grader.authoring.autograder_zip`).
5. Publish the build as ``build/NAME`` and copy the student notebook to ``assignments/``.

Steps 1–4 write into a stage of their own and step 5 replaces ``build/NAME`` in one rename, all
under a lock per assignment (:mod:`grader.authoring.staging`): a second build, a ``grade`` or a
bench running meanwhile never meets half a build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat

from grader import words
from grader.assignment import Paths, cell_config, questions_in
from grader.authoring.autograder_zip import write_autograder_zip
from grader.authoring.literal import to_literal
from grader.authoring.pins import PinError
from grader.authoring.staging import build_lock, staged
from grader.authoring.wheel import WheelError
from grader.files import write_atomically
from grader.gradescope.config import ZipConfig

CONFIG_HEADER = "# ASSIGNMENT CONFIG"
PUBLIC_CASE_CALL = re.compile(r"public_case\(\s*[\"'](\w+)[\"']\s*,\s*(\d+)\s*\)")
PUBLIC_CASES_CALL = re.compile(r"public_cases\(\s*[\"'](\w+)[\"']\s*\)")
INIT_CELL = f"# {words.INIT_CELL_COMMENT}\n" + """\
from nnkit.notebook import Notebook

grader = Notebook("{notebook}")
"""


class BuildError(RuntimeError):
    """The master notebook could not be turned into an assignment."""


def source_hash(paths: Paths) -> str:
    """Hash of everything a build depends on: the master notebook, the case generators, the
    known mistakes, and the interpreter's minor version: otter writes the test files with its
    ``ast.unparse``, whose output differs between versions (3.12's f-strings reuse their quotes
    inside, which 3.11 cannot parse), so a build made by another Python is rebuilt here."""
    digest = hashlib.sha256(paths.master.read_bytes())
    digest.update(f"python {sys.version_info.major}.{sys.version_info.minor}\n".encode())
    reference = paths.root / "nnkit" / "reference"
    dependencies = [reference / "cases" / f"{paths.name}.py", reference / f"{paths.name}.py",
                    reference / "mistakes" / f"{paths.name}.py",
                    *sorted((reference / "cases").glob("_*.py")),
                    *sorted((reference / "mistakes").glob("_*.py"))]
    for dependency in dependencies:
        if dependency.exists():
            digest.update(dependency.read_bytes())
    return digest.hexdigest()


def render_master(paths: Paths, target: Path) -> None:
    """Write the master notebook with public cases inlined as literals and our init cell."""
    from nnkit.reference.cases import make_case, public_cases

    notebook = nbformat.read(paths.master, as_version=4)
    for index, cell in enumerate(list(notebook.cells)):
        if cell.cell_type == "code" and "public_case" in cell.source:
            cell.source = PUBLIC_CASE_CALL.sub(
                lambda match: to_literal(make_case(paths.name, match[1], int(match[2]))),
                cell.source,
            )
            cell.source = PUBLIC_CASES_CALL.sub(
                lambda match: to_literal(public_cases(paths.name, match[1])), cell.source)
        elif cell.cell_type == "raw" and cell.source.lstrip().startswith(CONFIG_HEADER):
            cell.source, wants_init = _without_otter_init(cell.source)
            if wants_init:
                notebook.cells.insert(index + 1, _init_cell(paths.master.name))
    nbformat.write(notebook, target)


def _without_otter_init(config_cell: str) -> tuple[str, bool]:
    """The config with otter's init cell turned off, and whether it had asked for one."""
    import yaml

    config = cell_config(config_cell)
    wants_init = bool(config.get("init_cell", True))
    config["init_cell"] = False
    return f"{CONFIG_HEADER}\n" + yaml.safe_dump(config, sort_keys=False), wants_init


def _init_cell(notebook_name: str) -> nbformat.NotebookNode:
    """The first code cell: ``grader`` with Korean messages; locked, as otter locks its own."""
    cell = nbformat.v4.new_code_cell(INIT_CELL.format(notebook=notebook_name))
    cell.metadata.update({"deletable": False, "editable": False})
    return cell


def build(paths: Paths, run_tests: bool = True, update_student: bool = True,
          with_zip: bool = True, visibility: str = "visible") -> Path:
    """Build one assignment and publish it as ``build/NAME``; returns the path of the freshly
    generated student notebook.

    ``visibility``: what Gradescope shows students of each function's result (see
    :data:`grader.gradescope.VISIBILITIES`).
    """
    with build_lock(paths):
        return _build_locked(paths, run_tests, update_student, with_zip, visibility)


def _build_locked(paths: Paths, run_tests: bool, update_student: bool, with_zip: bool,
                  visibility: str) -> Path:
    if not paths.master.exists():
        raise BuildError(f"no master notebook at {paths.master}")
    try:
        config = ZipConfig(paths.name, visibility=visibility)  # fails before the slow part
    except ValueError as error:
        raise BuildError(str(error)) from None
    _refuse_pdf_export(paths)
    # Hashed before the master is copied: if it is saved in between, the build is stale, never
    # wrongly current.
    digest = source_hash(paths)
    with staged(paths) as stage:
        stage.master.parent.mkdir()
        shutil.copyfile(paths.master, stage.master)  # the one master every step reads
        _build_stage(stage, digest, run_tests)
        if with_zip:
            _write_zip(stage, config)
    if update_student:
        write_atomically(paths.student, paths.built_student_notebook.read_bytes(), mode=0o644)
    return paths.built_student_notebook


def _build_stage(stage: Paths, digest: str, run_tests: bool) -> None:
    """Render, otter assign, tests and manifest into the stage's ``build/NAME``."""
    work = stage.build
    (work / "source").mkdir(parents=True)
    rendered = work / "source" / f"{stage.name}.ipynb"
    render_master(stage, rendered)
    environment = _notebook_environment(stage, work) if run_tests else dict(os.environ)
    _otter_assign(rendered, work / "dist", run_tests, environment)
    normalize_notebook(stage.built_student_notebook)
    _extract_tests(work)
    _write_manifest(stage, digest)


def _notebook_environment(paths: Paths, work: Path) -> dict[str, str]:
    """The environment in which otter assign executes the master notebook.

    An assignment whose data may be missing on this machine (CIFAR-10 is not redistributable)
    offers ``stand_in_data(folder)`` in its cases module: format-identical stand-ins that its
    real loader reads. The build says so on stderr.
    """
    from nnkit.reference.loader import cases_module

    environment = dict(os.environ)
    cases = cases_module(paths.name)
    if cases is None:
        return environment
    stand_in = getattr(cases, "stand_in_data", None)
    if stand_in is None or "NNKIT_DATA" in environment:
        return environment
    extra = stand_in(work / "data")
    if extra:
        print(f"grader: {paths.name}: its data set is not installed here; executing the notebook "
              f"on format-identical stand-ins ({', '.join(f'{k}={v}' for k, v in extra.items())})",
              file=sys.stderr)
    return environment | extra


def _otter_assign(rendered: Path, dist: Path, run_tests: bool, environment: dict[str, str]) -> None:
    command = [sys.executable, "-m", "otter", "assign", str(rendered), str(dist)]
    if not run_tests:
        command.append("--no-run-tests")
    completed = subprocess.run(command, capture_output=True, text=True,
                               cwd=rendered.parent, env=environment)
    if completed.returncode != 0:
        tail = "\n".join((completed.stdout + completed.stderr).splitlines()[-40:])
        raise BuildError(f"otter assign failed for {rendered.name}:\n{tail}")


def normalize_notebook(path: Path) -> None:
    """Drop outputs and volatile metadata so that a rebuild is byte-identical."""
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:03d}"  # nbformat's random ids would differ on every build
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(notebook, path)


def otter_zip(paths: Paths) -> Path:
    """The autograder zip of otter assign itself (it grades in the student's kernel; not ours)."""
    zips = sorted((paths.build / "dist" / "autograder").glob("*-autograder_*.zip"))
    if len(zips) != 1:
        raise BuildError(f"expected one otter autograder zip, found {len(zips)}")
    return zips[0]


def _extract_tests(work: Path) -> None:
    tests = work / "tests"
    tests.mkdir()
    with zipfile.ZipFile(otter_zip(Paths(work.parents[1], work.name))) as archive:
        for member in archive.namelist():
            if member.startswith("tests/") and member.endswith(".py"):
                (tests / Path(member).name).write_bytes(archive.read(member))


def _write_manifest(paths: Paths, digest: str) -> None:
    from otter.test_files import ExceptionTestFile

    questions, graded = questions_in(paths.master)
    entries = []
    for question in questions:
        test_file = ExceptionTestFile.from_file(str(paths.tests / f"{question.name}.py"))
        points = sum(case.points or 0 for case in test_file.test_cases)
        entries.append({"name": question.name, "points": points})
    manifest = {"questions": entries, "graded_names": graded, "source_hash": digest}
    paths.manifest.write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def is_current(paths: Paths) -> bool:
    """Whether ``build/NAME`` was built from the current master and case generators."""
    try:
        manifest = json.loads(paths.manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get("source_hash") == source_hash(paths)


def ensure_built(paths: Paths) -> None:
    """Build the grading files when missing or stale, leaving assignments/ untouched."""
    if is_current(paths):
        return
    with build_lock(paths):
        if not is_current(paths):  # another process may have built it while this one waited
            _build_locked(paths, run_tests=False, update_student=False, with_zip=False,
                          visibility="visible")


def _write_zip(paths: Paths, config: ZipConfig) -> None:
    try:
        write_autograder_zip(paths, Path(__file__).resolve().parents[2], config)
    except (PinError, WheelError) as error:
        raise BuildError(str(error)) from None


def _refuse_pdf_export(paths: Paths) -> None:
    """Our zip grades notebooks; it does not export PDFs to Gradescope (no LaTeX in the image)."""
    notebook = nbformat.read(paths.master, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "raw" and cell.source.lstrip().startswith(CONFIG_HEADER):
            generate = cell_config(cell.source).get("generate")
            if isinstance(generate, dict) and generate.get("pdf"):
                raise BuildError(f"{paths.master.name} asks otter for PDF export (generate.pdf); "
                                 "the nnkit Gradescope zip does not export PDFs: remove it")
