"""A submission is a regular file inside the submission, read without following links.

Links (to the built solution, to another student's file), FIFOs, devices, folders that are
links and export zips holding links or names outside the zip each become their own row's
``error: …`` (or no row at all, for what lies outside the folder) — on the CLI and on Gradescope.
"""

from __future__ import annotations

import os
import stat
import time
import zipfile
from pathlib import Path

import pytest

from grader import words
from grader.assignment import Assignment
from grader.errors import student_status
from grader.grading.submission import SubmissionError, load_submission, open_regular
from grader.grading.submission_files import SubmissionFile, find_submissions
from grader.options import Options
from grader.run.grade import grade_all, grade_one
from tests.grader.gradescope import test_gradescope as gradescope_tests
from tests.grader.gradescope.test_gradescope import image, private_planar  # noqa: F401 (module fixtures)
from tests.support import gradescope_emulation as emulation
from tests.support.grader_fixtures import read_grades, submission
from tests.support.hostile_mini import TIMEOUT

LINK = student_status(words.not_a_regular_file("symbolic link"))
FIFO = student_status(words.not_a_regular_file("FIFO"))
DEVICE = student_status(words.not_a_regular_file("device"))


def zip_with(target: Path, notebook: bytes, member: str, link: bool = False) -> Path:
    """An export zip whose one notebook is ``member`` (a symbolic link to it when ``link``)."""
    info = zipfile.ZipInfo(member)
    if link:
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(info, notebook)
    return target


@pytest.fixture()
def hostile_class(mini, tmp_path) -> Path:
    """A class folder: an honest notebook and every kind of entry that is not one."""
    folder = tmp_path / "class"
    honest = submission(mini, folder / "honest.ipynb")
    elsewhere = submission(mini, tmp_path / "elsewhere" / "answers.ipynb")
    (folder / "link.ipynb").symlink_to(elsewhere)  # a full-marks file outside the folder
    (folder / "to_a_classmate.ipynb").symlink_to(honest)
    (folder / "linked_folder").symlink_to(elsewhere.parent, target_is_directory=True)
    os.mkfifo(folder / "fifo.ipynb")  # opening it to read would wait for a writer forever
    notebook = honest.read_bytes()
    zip_with(folder / "zip_link.zip", b"/autograder/source/solution.ipynb", "hw.ipynb", link=True)
    zip_with(folder / "zip_dotdot.zip", notebook, "../hw.ipynb")
    zip_with(folder / "zip_absolute.zip", notebook, "/hw.ipynb")
    return folder


def test_links_fifos_and_escaping_zips_are_rows_with_an_error(mini, hostile_class, tmp_path):
    out = tmp_path / "out"
    started = time.monotonic()
    rows = {r.submission: r for r in grade_all(mini, [hostile_class], out, jobs=2,
                                               options=Options(timeout=TIMEOUT),
                                               progress=False)}
    assert time.monotonic() - started < 60  # the FIFO was never opened for reading
    assert set(rows) == {"honest", "link", "to_a_classmate", "fifo", "zip_link", "zip_dotdot",
                         "zip_absolute"}  # nothing from inside linked_folder
    assert rows["honest"].score == 7
    assert rows["link"].status == rows["to_a_classmate"].status == LINK
    assert rows["fifo"].status == FIFO
    for name in ("zip_link", "zip_dotdot", "zip_absolute"):
        assert rows[name].status.startswith("error: zip 안의 항목"), rows[name].status
    for name, row in rows.items():
        if name != "honest":
            assert row.score == 0 and row.questions == {q: 0.0 for q in row.questions}, name
    grades = read_grades(out)
    assert grades["link"]["status"] == LINK and grades["link"]["score"] == "0"


def test_a_device_is_never_opened(mini, tmp_path):
    device = tmp_path / "device.ipynb"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null's numbers
    except PermissionError:
        pytest.skip("making a device node needs root (CAP_MKNOD)")
    result = grade_one(Assignment(mini), SubmissionFile("device", device),
                       Options(timeout=TIMEOUT))
    assert result.status == DEVICE and result.score == 0


def test_a_link_given_on_the_command_line_is_not_followed(mini, tmp_path):
    target = submission(mini, tmp_path / "real.ipynb")
    link = tmp_path / "given.ipynb"
    link.symlink_to(target)
    assert [file.name for file in find_submissions([link])] == ["given"]
    result = grade_one(Assignment(mini), SubmissionFile("given", link), Options(timeout=TIMEOUT))
    assert result.status == LINK and result.score == 0


def test_a_file_swapped_for_a_link_after_the_check_is_refused(mini, tmp_path, monkeypatch):
    """O_NOFOLLOW and fstat decide, not the lstat before them: a regular file that becomes a
    link between the two is still refused."""
    regular = submission(mini, tmp_path / "regular.ipynb")
    link = tmp_path / "swapped.ipynb"
    link.symlink_to(regular)
    checked = os.lstat(regular)
    real_lstat = os.lstat
    monkeypatch.setattr(os, "lstat", lambda path, *a, **k: checked if Path(path) == link
                        else real_lstat(path, *a, **k))
    with pytest.raises(SubmissionError, match="symbolic link"):
        open_regular(link)
    with pytest.raises(SubmissionError, match="symbolic link"):
        load_submission(link, "swapped")


def on_gradescope(test):
    """The marks test_gradescope's emulated container needs (root, bubblewrap), and slow."""
    for mark in gradescope_tests.pytestmark:
        test = mark(test)
    return test


@on_gradescope
@pytest.mark.parametrize("bubblewrap", [True, False], ids=["bubblewrap", "fallback"])
def test_a_link_to_the_built_solution_on_gradescope_scores_nothing(private_planar,  # noqa: F811
                                                                   image, tmp_path,  # noqa: F811
                                                                   bubblewrap):
    solution = private_planar.solution_notebook.relative_to(private_planar.root)
    assert (image.source / solution).is_file()  # what the link names exists, full marks
    name = f"{gradescope_tests.NAME}.ipynb"
    run = emulation.run_autograder(image, tmp_path, {}, bubblewrap=bubblewrap,
                                   links={name: f"/autograder/source/{solution.as_posix()}"})
    assert run.returncode == 0, run.output[-3000:]
    assert emulation.schema_problems(run.results) == []
    assert run.results["score"] == 0 and set(run.scores.values()) == {0.0}
    assert run.results["extra_data"]["status"] == LINK
    assert "symbolic link" in run.results["output"]
    # The instructor's entry says one thing about each wall: what the worker saw.
    instructor = run.test(gradescope_tests.INSTRUCTOR_TEST)["output"]
    assert "missing wall" not in instructor
    assert len([line for line in instructor.splitlines() if "filesystem" in line]) == 1
