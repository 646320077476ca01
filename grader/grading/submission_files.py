"""Which files a grading run grades, and the name each one's row gets (unique within the run)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SUBMISSION_SUFFIXES = (".ipynb", ".zip")


@dataclass(frozen=True)
class SubmissionFile:
    """A file to grade and the name its row gets (unique within a run)."""

    name: str
    path: Path


def find_submissions(arguments: list[Path]) -> list[SubmissionFile]:
    """Files as given, folders searched for notebooks and export zips; names are unique.

    In a folder, an entry named like a submission is a row whatever it is: one that is not a
    regular file (a link, a FIFO, a device) gets its ``error: …`` when it is read
    (:func:`grader.grading.submission.open_regular`), and is never followed.
    """
    files: list[SubmissionFile] = []
    for argument in arguments:
        if argument.is_dir():
            for path in _named_like_submissions(argument):
                relative = path.relative_to(argument).with_suffix("")
                files.append(SubmissionFile(relative.as_posix(), path))
        else:
            files.append(SubmissionFile(argument.with_suffix("").name, argument))
    return _unique_names(files)


def _named_like_submissions(folder: Path) -> list[Path]:
    """Entries under ``folder`` with a submission's suffix, in path order.

    Folders that are links are not entered, so every entry found lies inside ``folder``;
    Jupyter's checkpoint copies are skipped.
    """
    found: list[Path] = []
    pending = [folder]
    while pending:  # a stack rather than recursion: a folder may nest deeper than Python
        with os.scandir(pending.pop()) as scan:
            entries = list(scan)
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != ".ipynb_checkpoints":
                    pending.append(Path(entry.path))
            elif Path(entry.name).suffix.lower() in SUBMISSION_SUFFIXES:
                found.append(Path(entry.path))
    return sorted(found)


def _unique_names(files: list[SubmissionFile]) -> list[SubmissionFile]:
    """Names made unique with ``~2``, ``~3`` …, never taking a name another file was given."""
    given = {file.name for file in files}
    assigned: set[str] = set()
    unique = []
    for file in files:
        name, count = file.name, 1
        while name in assigned or (name != file.name and name in given):
            count += 1
            name = f"{file.name}~{count}"
        assigned.add(name)
        unique.append(file if name == file.name else SubmissionFile(name, file.path))
    return unique
