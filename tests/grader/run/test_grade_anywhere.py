"""A grade that is right wherever the grader runs, or refused with a reason — never a quiet zero.

Interpreter layouts (a venv under /tmp, a venv inside the project, the system interpreter), the
canary that grades the solution first, the grader's own failures kept out of the scores, and
``doctor``.
"""

from __future__ import annotations

import functools
import os
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import grader.run.grading_run as grading_run
from grader import validate
from grader.assignment import Assignment, Paths
from grader.errors import EXIT_GRADED, EXIT_GRADER_ERRORS, EXIT_REFUSED, is_grader_status
from grader.grading.submission_files import SubmissionFile
from grader.isolation import unprivileged, walls
from grader.options import Options
from grader.run.grade import grade_one
from grader.run.grading_run import grade_class
from tests.conftest import missing_wall
from tests.support import ROOT, grader_fixtures
from tests.support.grader_fixtures import read_grades, submission

PLANAR = "planar_classification"
NUMPY_FOLDERS = ("numpy", "numpy.libs")
run_grader = functools.partial(grader_fixtures.run_grader, timeout=600)


# ------------------------------------------------------------------------ interpreter layouts

def make_venv(folder: Path) -> Path:
    """A venv whose NumPy lives in its own site-packages, under ``folder``.

    NumPy is copied in (the worker imports it from there, inside the sandbox); the grader's
    other dependencies come from this interpreter through a ``.pth`` file, processed on the
    trusted side only.
    """
    venv.create(folder, with_pip=False)
    python = folder / "bin" / "python"
    purelib = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    import numpy

    installed = Path(numpy.__file__).parents[1]
    for name in NUMPY_FOLDERS:
        if (installed / name).is_dir():
            shutil.copytree(installed / name, purelib / name, symlinks=True)
    (purelib / "base_site.pth").write_text("\n".join(site.getsitepackages()) + "\n",
                                           encoding="utf-8")
    return python


def project_copy(target: Path, planar: Paths) -> Path:
    """The parts of the checkout that grading the planar assignment reads."""
    for name in ("nnkit", "grader"):
        shutil.copytree(ROOT / name, target / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, target / name)
    (target / "solutions").mkdir()
    shutil.copyfile(planar.master, target / "solutions" / planar.master.name)
    shutil.copytree(planar.build, target / "build" / PLANAR)
    return target


def layout(kind: str, tmp_path: Path, planar: Paths) -> tuple[Path | str, Path]:
    """``(python, project root)`` for one interpreter layout."""
    if kind == "system interpreter":
        return sys.executable, ROOT
    if kind == "venv under /tmp":
        return make_venv(tmp_path / "venv"), ROOT
    project = project_copy(tmp_path / "project", planar)
    return make_venv(project / ".venv"), project


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["system interpreter", "venv under /tmp", "venv in the project"])
def test_the_solution_gets_full_marks_in_every_interpreter_layout(kind, planar, tmp_path):
    python, project = layout(kind, tmp_path, planar)
    if kind != "system interpreter":
        prefix = subprocess.run([str(python), "-c", "import numpy, sys; print(sys.prefix); "
                                 "print(numpy.__file__)"], capture_output=True, text=True,
                                check=True).stdout.split()
        assert prefix[0].startswith(str(tmp_path)) and prefix[1].startswith(str(tmp_path))
    solution = tmp_path / "alice.ipynb"
    shutil.copyfile(planar.solution_notebook, solution)
    out = tmp_path / "out"
    completed = run_grader("grade", PLANAR, str(solution), "--out", str(out),
                           python=python, cwd=project)
    assert completed.returncode == EXIT_GRADED, completed.stderr
    row = read_grades(out)["alice"]
    assert row["status"] == "ok" and row["score"] == row["max_score"] == "27", row


def test_the_sandbox_mounts_an_interpreter_under_tmp_over_its_private_tmp(monkeypatch):
    venv_root = "/tmp/course/.venv"
    answers = f"{venv_root}/lib/python3.11/site-packages/nnkit/reference"
    monkeypatch.setattr(walls, "_python_roots", lambda: [Path(venv_root)])
    monkeypatch.setattr(walls, "_hidden_paths", lambda roots: [Path(answers)])
    args = walls._mount_args(Path("/tmp/bundle"))
    steps = list(zip(args, args[1:], strict=False))
    private_tmp = steps.index(("--tmpfs", "/tmp"))
    interpreter = steps.index(("--ro-bind", venv_root))
    mask = steps.index(("--tmpfs", answers))
    # bubblewrap mounts in order: what comes later lies on top.
    assert private_tmp < interpreter < mask


# ------------------------------------------------------------------------------- the canary

def test_a_memory_limit_too_small_for_numpy_is_refused_with_its_cause(planar, tmp_path):
    solution = tmp_path / "alice.ipynb"
    shutil.copyfile(planar.solution_notebook, solution)
    out = tmp_path / "out"
    completed = run_grader("grade", PLANAR, str(solution), "--out", str(out),
                           "--memory-mb", "64")
    assert completed.returncode == EXIT_REFUSED, completed.stderr
    assert "refusing to grade planar_classification" in completed.stderr
    assert "did not start" in completed.stderr and "memory limit 64 MB" in completed.stderr
    assert "interpreter:" in completed.stderr and "bubblewrap:" in completed.stderr
    assert not (out / "grades.csv").exists(), "nothing may be graded after a refusal"


def test_a_canary_that_loses_points_names_the_function(mini, tmp_path, monkeypatch):
    import grader.run.canary

    broken = submission(mini, tmp_path / "broken-solution.ipynb",
                        double="# GRADED FUNCTION: double\ndef double(x):\n    return 3 * x\n")
    monkeypatch.setattr(type(mini), "solution_notebook", property(lambda self: broken))
    run = grade_class(mini, [mini.student], tmp_path / "out", 1, Options(timeout=5.0),
                      progress=False)
    assert run.exit_status == EXIT_REFUSED and not run.results
    text = grader.run.canary.refusal(Assignment(mini), run.canary, Options(timeout=5.0))
    assert "double: 0/3" in text and "[double]" in text
    assert "affine" not in text  # full marks there: not named


def test_the_canary_passes_and_the_class_is_graded(mini, tmp_path):
    run = grade_class(mini, [mini.solution_notebook, mini.student], tmp_path / "out", 1,
                      Options(timeout=5.0), progress=False)
    assert run.exit_status == EXIT_GRADED and run.canary.ok and run.canary.seconds > 0
    assert sorted(r.score for r in run.results) == [0, 7]


# ------------------------------------------------------------------- the grader's own failures

BROKEN_WORKER = [sys.executable, "-c",
                 "import sys; sys.stderr.write('bwrap: cannot start (simulated)\\n'); sys.exit(1)"]


def break_sandbox_after_the_canary(monkeypatch) -> None:
    """Every worker the class needs fails to start; the canary's own worker is real."""
    real_grade_all = grading_run.grade_all

    def grade_all_with_a_broken_sandbox(*args, **kwargs):
        with monkeypatch.context() as patch:
            patch.setattr(walls, "worker_command",
                          lambda walls, filter_fd=None, blas_threads=1: (BROKEN_WORKER, {}))
            return real_grade_all(*args, **kwargs)

    monkeypatch.setattr(grading_run, "grade_all", grade_all_with_a_broken_sandbox)


def test_a_worker_that_cannot_start_gives_grader_errors_exit_4_and_a_rerun(mini, tmp_path,
                                                                          monkeypatch):
    folder = tmp_path / "class"
    for name in ("alice", "bob"):
        submission(mini, folder / f"{name}.ipynb")
    out = tmp_path / "out"
    with monkeypatch.context() as patch:
        break_sandbox_after_the_canary(patch)
        run = grade_class(mini, [folder], out, 1, Options(timeout=5.0), progress=False)
    assert run.exit_status == EXIT_GRADER_ERRORS
    for result in run.results:
        assert is_grader_status(result.status) and result.score is None
        assert "did not start" in result.status and "simulated" in result.status
        assert "잘못이 아니며" in result.feedback  # the student reads: not your fault
    rows = read_grades(out)
    assert rows["alice"]["score"] == "" and rows["alice"]["double"] == ""

    rerun = grade_class(mini, [folder], out, 1, Options(timeout=5.0), progress=False)
    assert rerun.exit_status == EXIT_GRADED
    assert [r.score for r in rerun.results] == [7, 7]
    assert read_grades(out)["bob"]["score"] == "7"


def test_validate_reports_a_solution_the_grader_could_not_grade(mini, monkeypatch):
    assert validate.solution_and_stubs(mini, Options(timeout=5.0)) == []
    monkeypatch.setattr(walls, "worker_command",
                        lambda walls, filter_fd=None, blas_threads=1: (BROKEN_WORKER, {}))
    problems = validate.solution_and_stubs(mini, Options(timeout=5.0))
    assert problems[0].startswith("solution scores — (error: grader: "), problems
    assert "released stubs score — (error: grader: " in problems[1], problems


def test_a_module_only_the_trusted_side_has_is_the_students_once_the_canary_passed(
        mini, tmp_path, monkeypatch):
    # On the trusted side only: the sandbox sees the interpreter's folders, not this one. The
    # canary proved that the solution's imports work in the sandbox; what a worker says it
    # cannot import afterwards never makes a row the grader's fault (it could be forged).
    modules = tmp_path / "trusted-only"
    modules.mkdir()
    (modules / "course_helpers_xyz.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(modules))
    importing = "# GRADED FUNCTION: double\nimport course_helpers_xyz\n\ndef double(x):\n" \
                "    return 2 * x\n"
    path = submission(mini, tmp_path / "alice.ipynb", double=importing)
    result = grade_one(Assignment(mini), SubmissionFile("alice", path), Options(timeout=5.0))
    assert result.status == "ok" and result.questions["double"] == 0
    assert result.questions["affine"] == 3
    assert "course_helpers_xyz" in result.feedback


def test_a_module_nobody_has_is_the_students_own_mistake(mini, tmp_path):
    typo = "# GRADED FUNCTION: double\nimport nunpy_typo_xyz\n\ndef double(x):\n    return 2 * x\n"
    path = submission(mini, tmp_path / "alice.ipynb", double=typo)
    result = grade_one(Assignment(mini), SubmissionFile("alice", path), Options(timeout=5.0))
    assert result.status == "ok" and result.questions["double"] == 0
    assert result.questions["affine"] == 3
    assert "nunpy_typo_xyz" in result.feedback


def test_a_crash_of_the_trusted_side_inside_a_test_is_the_graders_failure(mini, tmp_path,
                                                                         monkeypatch):
    from grader.isolation import proxies

    def broken_encode(value, make_ref=None):
        raise RuntimeError("trusted-side bug")

    monkeypatch.setattr(proxies.wire, "encode", broken_encode)
    result = grade_one(Assignment(mini), SubmissionFile("alice", mini.solution_notebook),
                       Options(timeout=5.0))
    assert is_grader_status(result.status) and "trusted-side bug" in result.status
    assert result.score is None


# ---------------------------------------------------------------------------------- doctor

def test_doctor_checks_each_wall_and_each_canary(planar):
    if walls.detect_walls().bubblewrap is None:  # it would only see the walls fail
        missing_wall("bubblewrap does not work here: doctor's ✓ for each wall is not checked")
    completed = run_grader("doctor", PLANAR)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    out = completed.stdout
    assert "interpreter:" in out and "prefix:" in out and "limits:" in out
    for wall in ("filesystem", "network", "PID namespace", "unprivileged user"):
        assert f"✓ {wall}" in out, out
    assert "✓ planar_classification: 27/27" in out


def test_doctor_without_walls_says_which_are_missing_and_still_grades_right(planar):
    env = dict(os.environ, NNKIT_SANDBOX="none")
    completed = run_grader("doctor", PLANAR, env=env)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    for wall in ("filesystem", "network", "PID namespace"):
        assert f"✗ {wall}" in completed.stdout
    # As root, the worker drops to nobody when nobody can run this interpreter.
    mark = "✓" if unprivileged.drops_privileges() else "✗"
    assert f"{mark} unprivileged user" in completed.stdout
    assert "✓ planar_classification: 27/27" in completed.stdout


def test_doctor_exits_3_when_grading_here_would_be_wrong(planar):
    completed = run_grader("doctor", PLANAR, "--memory-mb", "64")
    assert completed.returncode == EXIT_REFUSED
    assert "✗ planar_classification" in completed.stdout
    assert "would give wrong grades" in completed.stdout


def test_grading_without_walls_gives_full_marks_and_names_the_missing_walls(planar, tmp_path):
    env = dict(os.environ, NNKIT_SANDBOX="none")
    out = tmp_path / "out"
    completed = run_grader("grade", PLANAR, str(planar.solution_notebook),
                           "--out", str(out), env=env)
    assert completed.returncode == EXIT_GRADED, completed.stderr
    assert "no filesystem namespace" in completed.stderr
    assert "no network namespace" in completed.stderr
    row = next(iter(read_grades(out).values()))
    assert row["score"] == row["max_score"]


# ----------------------------------------------------------------------- build in a fresh venv

@pytest.mark.slow
def test_build_works_in_a_fresh_venv_with_the_default_setuptools(planar, tmp_path):
    """`python3 -m venv` gives the interpreter's bundled setuptools and no `wheel` package."""
    folder = tmp_path / "venv"
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    purelib = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    project = project_copy(tmp_path / "project", planar)
    shutil.rmtree(project / "build")
    # The project as an editable install would add it, then the course's dependencies after
    # the venv's own packages, so that the venv's setuptools is the one seen. Those may hold
    # `wheel` (TensorFlow's dependencies bring it): a package that refuses to import stands
    # in front of them, as absent as in a fresh venv.
    absent = tmp_path / "absent" / "wheel"
    absent.mkdir(parents=True)
    (absent / "__init__.py").write_text("raise ImportError('not in a fresh venv')\n")
    paths = [str(project), str(absent.parent), *site.getsitepackages()]
    (purelib / "zz_project.pth").write_text("\n".join(paths) + "\n", encoding="utf-8")
    assert subprocess.run([str(python), "-c", "import wheel"], capture_output=True).returncode
    completed = run_grader("build", PLANAR, python=python, cwd=project)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (project / "assignments" / f"{PLANAR}.ipynb").read_bytes() == \
        planar.student.read_bytes()
    assert (project / "build" / PLANAR / f"{PLANAR}-autograder.zip").exists()
    wheels = sorted(p.name for p in (project / "build").rglob("nnkit-*.whl"))
    assert "nnkit-0.1.0+student-py3-none-any.whl" in wheels
    assert "nnkit-0.1.0+trusted-py3-none-any.whl" in wheels
