"""What the sandbox runs of one submission, parsed once on the trusted side and handed over."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefinitionCell:
    """A cell's definitions and its name as the student sees it (:func:`grader.words.graded_cell`,
    :func:`grader.words.code_cell`)."""

    name: str
    source: str

    @property
    def filename(self) -> str:
        """The code's file name in tracebacks; the worker reports frames from ``<cell:…>``."""
        return f"<cell:{self.name}>"


@dataclass(frozen=True)
class Definitions:
    """A submission as the session needs it: the cells to define, in order, and the names the
    notebook binds only by running code (``X, Y = load_data()``): in the student's kernel they
    exist; when grading, only definitions run, so a function that uses one meets a NameError."""

    cells: tuple[DefinitionCell, ...]
    notebook_globals: frozenset[str] = frozenset()
