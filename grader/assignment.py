"""An assignment as the grader sees it: its questions, graded names and otter test files.

The assignments of a checkout are found, not listed: one per master notebook
``solutions/NAME.ipynb`` (:func:`assignment_names`).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import nbformat

# A graded cell's first line; anywhere in a master's cell (questions_in), first in a student's.
GRADED_HEADER = re.compile(r"^#\s*GRADED FUNCTION:\s*([A-Za-z_]\w*)", re.MULTILINE)
QUESTION_HEADER = re.compile(r"#\s*BEGIN QUESTION", re.IGNORECASE)


def assignment_names(root: Path) -> tuple[str, ...]:
    """The assignments of the checkout at ``root``, by name: one per ``solutions/NAME.ipynb``."""
    return tuple(sorted(path.stem for path in (Path(root) / "solutions").glob("*.ipynb")))


@dataclass(frozen=True)
class Question:
    name: str
    points: float


@dataclass(frozen=True)
class Paths:
    """Where an assignment's files live in a checkout."""

    root: Path
    name: str

    def __post_init__(self) -> None:
        # Absolute: the build runs otter in another working folder.
        object.__setattr__(self, "root", Path(self.root).resolve())

    @property
    def master(self) -> Path:
        return self.root / "solutions" / f"{self.name}.ipynb"

    @property
    def student(self) -> Path:
        return self.root / "assignments" / f"{self.name}.ipynb"

    @property
    def build(self) -> Path:
        return self.root / "build" / self.name

    @property
    def tests(self) -> Path:
        return self.build / "tests"

    @property
    def manifest(self) -> Path:
        return self.build / "manifest.json"

    @property
    def solution_notebook(self) -> Path:
        return self.build / "dist" / "autograder" / f"{self.name}.ipynb"

    @property
    def built_student_notebook(self) -> Path:
        """The student notebook of the latest build (its metadata holds the public tests);
        ``student`` is the committed copy in ``assignments/``."""
        return self.build / "dist" / "student" / f"{self.name}.ipynb"


class Assignment:
    """Questions (in notebook order) and the otter test files that grade them."""

    def __init__(self, paths: Paths) -> None:
        manifest = json.loads(paths.manifest.read_text(encoding="utf-8"))
        self.paths = paths
        self.name = paths.name
        self.questions = [Question(q["name"], float(q["points"])) for q in manifest["questions"]]
        self.graded_names: list[str] = manifest["graded_names"]
        self.source_hash: str = manifest["source_hash"]

    @property
    def max_score(self) -> float:
        return sum(q.points for q in self.questions)

    @functools.cache  # noqa: B019 - one Assignment per grading run
    def test_cases(self, question: str) -> list:
        """The otter ``TestCase`` tuples of one question, with points resolved."""
        from otter.test_files import ExceptionTestFile

        path = self.paths.tests / f"{question}.py"
        test_file = ExceptionTestFile.from_file(str(path))
        return list(test_file.test_cases)


@functools.lru_cache(maxsize=8)
def _load(paths: Paths, manifest: str) -> Assignment:
    return Assignment(paths)


def load_assignment(paths: Paths) -> Assignment:
    """The assignment as built now, shared within a process while its build is unchanged.

    Parsing the otter test files costs about 0.1 s: a grading process pays it once, not once per
    submission. The manifest (which holds the build's source hash) keys the cache.
    """
    return _load(paths, paths.manifest.read_text(encoding="utf-8"))


def questions_in(master: Path) -> tuple[list[Question], list[str]]:
    """Questions and graded function names, in the order the master notebook has them."""
    notebook = nbformat.read(master, as_version=4)
    questions, graded = [], []
    for cell in notebook.cells:
        if cell.cell_type == "raw" and QUESTION_HEADER.match(cell.source.strip()):
            config = cell_config(cell.source)
            questions.append(Question(config["name"], float(config.get("points", 0))))
        elif cell.cell_type == "code":
            graded += GRADED_HEADER.findall(cell.source)
    return questions, graded


def graded_name(source: str) -> str | None:
    """The function a cell is graded as: its first line is ``# GRADED FUNCTION: name``."""
    match = GRADED_HEADER.match(source.lstrip())
    return match[1] if match else None


def graded_cells(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """``{function: cell source}`` of a notebook's graded cells."""
    return {name: cell.source for cell in notebook.cells
            if cell.cell_type == "code" and (name := graded_name(cell.source))}


def with_graded_cells(notebook: nbformat.NotebookNode,
                      sources: Mapping[str, str]) -> nbformat.NotebookNode:
    """A copy of ``notebook`` whose graded cells named in ``sources`` hold those sources.

    A name without a graded cell in the notebook is a KeyError.
    """
    notebook = copy.deepcopy(notebook)
    pending = dict(sources)
    for cell in notebook.cells:
        name = graded_name(cell.source) if cell.cell_type == "code" else None
        if name in pending:
            cell.source = pending.pop(name)
    if pending:
        raise KeyError(f"no graded cell for {sorted(pending)}")
    return notebook


def cell_config(source: str) -> dict:
    """The YAML under a raw cell's header line (``# ASSIGNMENT CONFIG``, ``# BEGIN QUESTION``)."""
    import yaml

    return yaml.safe_load("\n".join(source.strip().splitlines()[1:])) or {}
