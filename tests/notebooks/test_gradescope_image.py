"""The Gradescope image built for real: setup.sh run in a bare Debian, then run_autograder.

Per Debian release (bookworm: Python 3.11, trixie: Python 3.13) a cached ``debootstrap`` root
with python3 and pip from apt is copied, the planar_classification zip is unpacked into its
/autograder/source and the zip's own setup.sh runs there as root, online, with nothing of the
project visible (tests/support/debian_root.py). Each upload (the solution, a corpus bug, a hostile
entry) is then graded in a fresh container from that image — with user namespaces, where the
image's bubblewrap is the sandbox, and without them (a seccomp filter refuses
``CLONE_NEWUSER`` as Docker's default profile does), where the grader falls back to its
unprivileged user. The grade must be what ``python -m grader grade`` gives the same file here.

Needs root, bubblewrap, debootstrap and the network; skipped without them unless
``NNKIT_REQUIRE_IMAGE=1`` (CI), which makes their absence a failure. Seconds are printed.
"""

from __future__ import annotations

import os
import re
import shutil

import nbformat
import pytest

from grader.assignment import Assignment, Paths
from grader.authoring.build import build
from grader.gradescope.results import INSTRUCTOR_TEST
from grader.grading.submission_files import SubmissionFile
from grader.options import prepare_options
from grader.run.grade import grade_one
from grader.validation import corpus
from tests.support import ROOT, debian_root
from tests.support.gradescope_emulation import schema_problems

NAME = "planar_classification"
VENV = "/opt/nnkit-grader"
# One of each kind: a bug costs its own function's points only; the hostile entry reaches for
# the answers, which it must not get (bubblewrap hides them; the fallback closes them to it).
BUG = "compute_cost__missing_minus"
HOSTILE = "forward_propagation__imports_reference_by_built_string"
SAMPLES = ("solution", BUG, HOSTILE)
REQUIRED = os.environ.get("NNKIT_REQUIRE_IMAGE") == "1"
MISSING = debian_root.missing_tools()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(MISSING) and not REQUIRED,
                       reason=f"building a Debian image needs {', '.join(MISSING)}"),
]


@pytest.fixture(scope="module", autouse=True)
def _tools_present():
    if MISSING:  # only reached under NNKIT_REQUIRE_IMAGE=1
        pytest.fail(f"NNKIT_REQUIRE_IMAGE=1 but this machine lacks {', '.join(MISSING)}")


@pytest.fixture(scope="module")
def say(request):
    """Print a line past pytest's capture: the measured seconds belong in CI's log."""
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")

    def write(line: str) -> None:
        if reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():
                reporter.write_line(f"[gradescope image] {line}")
    return write


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Paths:
    """planar_classification built in a root of its own (build/ in the checkout untouched)."""
    root = tmp_path_factory.mktemp("image-project")
    shutil.copytree(ROOT / "solutions", root / "solutions")
    paths = Paths(root, NAME)
    build(paths, run_tests=False, update_student=False)
    return paths


@pytest.fixture(scope="module", params=sorted(debian_root.RELEASES))
def image(request, built, tmp_path_factory, say):
    """The zip's setup.sh run in a copy of the release's cached bare root; removed afterwards
    (an image holds about 1 GB)."""
    release = request.param
    folder = tmp_path_factory.mktemp(f"image-{release}")
    made, bare, copy = debian_root.build_image(release, built.build / f"{NAME}-autograder.zip",
                                               folder)
    cache = "cold: debootstrap" if bare.cold else "warm: cached"
    say(f"{release}: bare root {bare.seconds:.1f} s ({cache}), copy {copy.seconds:.1f} s, "
        f"setup.sh {made.setup_seconds:.1f} s")
    yield made
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def uploads(built) -> dict[str, bytes]:
    entries = {e.stem: e for e in corpus.entries(Paths(ROOT, NAME), ("bugs", "hostile"))}
    found = {"solution": built.solution_notebook.read_bytes()}
    for stem in SAMPLES[1:]:
        entry = entries[stem]
        notebook = corpus.notebook_with(built, {entry.function: entry.source})
        found[stem] = nbformat.writes(notebook).encode()
    return found


@pytest.fixture(scope="module")
def expected(built, uploads, tmp_path_factory) -> dict[str, dict[str, float]]:
    """What ``python -m grader grade`` gives each upload on this machine, function by function."""
    folder = tmp_path_factory.mktemp("expected")
    options = prepare_options(timeout=10.0, memory_mb=None)
    scores = {}
    for sample, content in uploads.items():
        path = folder / sample / f"{NAME}.ipynb"
        path.parent.mkdir()
        path.write_bytes(content)
        scores[sample] = grade_one(Assignment(built), SubmissionFile(NAME, path),
                                   options).questions
    return scores


def test_setup_keeps_the_grader_apart_from_the_distribution(image):
    assert (image.root / VENV.lstrip("/") / "bin" / "python").exists()
    checked = debian_root.run_in_image(image, [f"{VENV}/bin/python", "-m", "pip", "check"])
    assert checked.returncode == 0, checked.stdout + checked.stderr  # --no-deps left nothing out
    listed = debian_root.run_in_image(image, [f"{VENV}/bin/python", "-m", "pip", "list",
                                              "--format=freeze"])
    installed = {line.split("==")[0].lower() for line in listed.stdout.split()}
    assert {"numpy", "otter-grader"} <= installed
    assert not {"torch", "tensorflow", "tensorflow-cpu", "keras", "nnkit"} & installed
    # The distribution's python3 got none of it, and the answers are root's alone.
    system = debian_root.run_in_image(image, ["python3", "-c", "import numpy"])
    assert system.returncode != 0
    source = image.root / "autograder" / "source"
    assert source.stat().st_mode & 0o777 == 0o700
    assert (source / "lib" / "nnkit" / "reference").is_dir()
    assert (image.root / "usr" / "bin" / "bwrap").exists()  # installed: what fails is the kernel


@pytest.mark.parametrize("user_namespaces", [True, False], ids=["userns", "no-userns"])
def test_the_container_offers_user_namespaces_or_refuses_them(image, user_namespaces):
    probe = ["bwrap", "--unshare-user", "--dev-bind", "/", "/", "true"]
    completed = debian_root.run_in_image(image, probe, user_namespaces=user_namespaces)
    if user_namespaces:
        assert completed.returncode == 0, completed.stderr
    else:
        assert completed.returncode != 0  # EPERM from the kernel, in bubblewrap's words
        assert re.search(r"No permissions to create (a )?new namespace", completed.stderr), \
            completed.stderr


@pytest.mark.parametrize("user_namespaces", [True, False], ids=["userns", "no-userns"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_run_autograder_grades_as_the_grader_does_here(image, uploads, expected, built,
                                                       tmp_path, say, sample, user_namespaces):
    run = debian_root.run_autograder(image, tmp_path, {f"{NAME}.ipynb": uploads[sample]},
                                     user_namespaces=user_namespaces)
    assert run.results is not None, run.output[-4000:]
    mode = "userns" if user_namespaces else "no userns"
    say(f"{image.release}, {mode}, {sample}: {run.results['score']:g}/27 "
        f"in {run.seconds:.1f} s")
    assert run.returncode == 0, run.output[-4000:]
    assert schema_problems(run.results) == []
    assert run.scores == expected[sample]

    points = {q.name: q.points for q in Assignment(built).questions}
    lost = {name for name, score in run.scores.items() if score < points[name]}
    if sample == "solution":
        assert run.results["score"] == sum(points.values()) and not lost
    else:
        function = sample.partition("__")[0]
        assert lost == {function}, lost  # its own function's points, no other's
    if sample == HOSTILE:
        assert "reference-import" in run.results["extra_data"]["flags"]
    assert_walls(run, user_namespaces)


def assert_walls(run: debian_root.Run, user_namespaces: bool) -> None:
    """Which sandbox graded, said in results.json and in the instructor's hidden entry."""
    extra = run.results["extra_data"]
    held = {name: wall["holds"] for name, wall in extra["walls"].items()}
    entry = run.test(INSTRUCTOR_TEST)
    assert entry["visibility"] == "hidden"
    if user_namespaces:
        assert extra["sandbox"].startswith("bubblewrap"), extra["sandbox"]
        assert all(held.values()), extra["walls"]
    else:
        assert "unprivileged user uid" in extra["sandbox"], extra["sandbox"]
        assert held["filesystem"] and held["unprivileged user"] and held["write protection"]
        assert not held["network"] and not held["PID namespace"]  # what the fallback lacks
    # The walls are said once, as the worker saw them: no predicted "missing wall" beside them.
    assert "missing wall" not in entry["output"], entry["output"]
    for name, holds in held.items():
        assert f"{'✓' if holds else '✗'} {name}:" in entry["output"], entry["output"]
        assert f"{'✗' if holds else '✓'} {name}:" not in entry["output"], entry["output"]
