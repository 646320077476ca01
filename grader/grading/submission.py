"""A notebook or an otter export zip → the code the grade depends on, or a clear error.

Only imports, function and class definitions and literal constants are kept from each code cell:
a student's experiments (training runs, plots, prints) never decide a grade and cannot stall it.
Heavy imports that graded functions do not need are deferred until first use.
"""

from __future__ import annotations

import ast
import errno
import json
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from grader import words
from grader.assignment import graded_name
from grader.errors import student_status
from grader.isolation.definitions import DefinitionCell, Definitions

MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
MAX_ZIP_BYTES = 100 * 1024 * 1024
MAX_CODE_CELLS = 2000
MAX_CELL_CHARS = 200_000
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
DEFERRED_IMPORTS = {"otter", "matplotlib", "torch", "tensorflow", "keras", "IPython", "seaborn",
                    "sklearn", "google", "plotly", "pandas", "tqdm"}


class SubmissionError(Exception):
    """The file cannot be graded; ``str(error)`` is the ``status`` shown in the gradebook
    (``error: `` and the reason, :func:`grader.errors.student_status`)."""

    def __init__(self, reason: str) -> None:
        super().__init__(student_status(reason))
        self.reason = reason


@dataclass
class Submission:
    """The parts of one notebook that grading uses."""

    name: str
    path: Path
    cells: list[str]
    flags: list[str] = field(default_factory=list)

    def definitions(self) -> Definitions:
        """What the sandbox runs of this notebook (:class:`grader.isolation.session.Session`)."""
        return Definitions(tuple(self.definition_cells()), frozenset(self.notebook_globals()))

    def notebook_globals(self) -> set[str]:
        """Names the notebook binds at top level by running code (``X, Y = load_data()``,
        ``for i in …``)."""
        bound, defined = set(), set()
        for tree in filter(None, map(parse_cell, self.cells)):
            for node in tree.body:
                (defined if _runs_when_graded(node) else bound).update(_bound_names(node))
        return bound - defined

    def definition_cells(self) -> list[DefinitionCell]:
        """Every cell that defines something, reduced to its definitions."""
        result = []
        for index, source in enumerate(self.cells, start=1):
            reduced = keep_definitions(source)
            if reduced.strip():
                graded = graded_name(source)
                name = words.graded_cell(graded) if graded else words.code_cell(index)
                result.append(DefinitionCell(name, reduced))
        return result


def load_submission(path: Path, name: str) -> Submission:
    """Read ``path`` (``.ipynb`` or otter export ``.zip``); raise SubmissionError when unusable."""
    raw = _read_notebook_bytes(path)
    if not raw.strip():
        raise SubmissionError("empty file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SubmissionError("not UTF-8 text") from None
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        raise SubmissionError(f"not a JSON notebook ({error.msg}, line {error.lineno})") \
            from None
    except RecursionError:
        raise SubmissionError("not a notebook (JSON nested too deeply)") from None
    cells = _code_cells(notebook)
    submission = Submission(name=name, path=path, cells=cells)
    if any(mentions_reference(cell) for cell in cells):
        submission.flags.append("reference-import")
    return submission


def _read_notebook_bytes(path: Path) -> bytes:
    with open_regular(path) as stream:
        if path.suffix.lower() == ".zip":
            return _notebook_from_zip(stream)
        if os.fstat(stream.fileno()).st_size > MAX_NOTEBOOK_BYTES:
            raise SubmissionError("notebook larger than 20 MB")
        data = stream.read(MAX_NOTEBOOK_BYTES + 1)  # it may have grown since fstat
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise SubmissionError("notebook larger than 20 MB")
    return data


# What a submission may be instead of a regular file, as its status names it.
SPECIAL_FILES = ((stat.S_ISLNK, "symbolic link"), (stat.S_ISDIR, "directory"),
                 (stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"),
                 (stat.S_ISSOCK, "socket"))


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading when it is a regular file itself; never follows a link.

    A link (to the built solution on Gradescope, to another student's file), a device, a FIFO
    or a socket raises SubmissionError, whose status says what it is. ``lstat`` first, so that
    a device or a FIFO is never opened (opening one may block or act); then ``O_NOFOLLOW`` and
    ``fstat`` on what was opened, so that a file swapped for one in between is refused as well.
    """
    _refuse_special(os.lstat(path).st_mode)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:  # O_NOFOLLOW met a link
            raise SubmissionError(words.not_a_regular_file("symbolic link")) from None
        raise
    try:
        _refuse_special(os.fstat(descriptor).st_mode)
    except SubmissionError:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def _refuse_special(mode: int) -> None:
    for test, kind in SPECIAL_FILES:
        if test(mode):
            raise SubmissionError(words.not_a_regular_file(kind))


# What zipfile raises for entries it cannot read, and what the student is told.
UNREADABLE_ZIP_ENTRY = {
    NotImplementedError: "zip entry uses an unsupported compression method",
    RuntimeError: "zip entry is encrypted",  # zipfile: "password required"
    zipfile.BadZipFile: "not a valid zip file",
    zlib.error: "not a valid zip file (damaged)",
    EOFError: "not a valid zip file (truncated)",
}


def _notebook_from_zip(stream: BinaryIO) -> bytes:
    """The single notebook inside an otter export zip (``otter.Notebook.export``)."""
    if os.fstat(stream.fileno()).st_size > MAX_ZIP_BYTES:
        raise SubmissionError("zip larger than 100 MB")
    try:
        with zipfile.ZipFile(stream) as archive:
            _refuse_unsafe_members(archive)
            notebooks = [
                info for info in archive.infolist()
                if info.filename.endswith(".ipynb") and "/" not in info.filename.strip("/")
                and not info.filename.startswith(("__MACOSX", "."))
            ]
            if len(notebooks) != 1:
                raise SubmissionError(
                    f"zip holds {len(notebooks)} notebooks at its top level, expected 1")
            with archive.open(notebooks[0]) as stream:
                # The header's size may lie: never read more than a notebook may hold.
                data = stream.read(MAX_NOTEBOOK_BYTES + 1)
    except tuple(UNREADABLE_ZIP_ENTRY) as error:
        raise SubmissionError(UNREADABLE_ZIP_ENTRY[_first_matching(error)]) from None
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise SubmissionError("notebook in zip larger than 20 MB")
    return data


def _refuse_unsafe_members(archive: zipfile.ZipFile) -> None:
    """An otter export holds plain files under plain names: a member that is a link, or whose
    name leaves the zip (absolute, ``..``), marks a crafted zip, which is not read further."""
    for info in archive.infolist():
        parts = re.split(r"[/\\]", info.filename)
        if (stat.S_ISLNK(info.external_attr >> 16) or info.filename.startswith(("/", "\\"))
                or ".." in parts or re.match(r"[A-Za-z]:", info.filename)):
            raise SubmissionError(words.unsafe_zip_member(info.filename[:80]))


def _first_matching(error: BaseException) -> type:
    return next(kind for kind in UNREADABLE_ZIP_ENTRY if isinstance(error, kind))


def _code_cells(notebook: object) -> list[str]:
    if not isinstance(notebook, dict):
        raise SubmissionError("not a notebook (JSON is not an object)")
    major = notebook.get("nbformat")
    if major != 4:
        raise SubmissionError(
            f"nbformat {str(major)[:20]} is not supported; "
            "open and save it in Jupyter (nbformat 4)")
    language, kernel_name = _kernel(notebook.get("metadata"))
    if language != "python" or not kernel_name.startswith("python"):
        raise SubmissionError(f"kernel '{kernel_name[:40]}' is not Python")
    cells = notebook.get("cells")
    if not isinstance(cells, list) or not cells:
        raise SubmissionError("notebook has no cells")
    sources = [_cell_source(cell) for cell in cells
               if isinstance(cell, dict) and cell.get("cell_type") == "code"]
    if not sources:
        raise SubmissionError("notebook has no code cells")
    if len(sources) > MAX_CODE_CELLS:
        raise SubmissionError(f"notebook has more than {MAX_CODE_CELLS} code cells")
    return sources


def _kernel(metadata: object) -> tuple[str, str]:
    """The kernel's language and name; malformed metadata counts as Python (the code decides)."""
    kernel = metadata.get("kernelspec") if isinstance(metadata, dict) else None
    if not isinstance(kernel, dict):
        return "python", "python3"
    return (str(kernel.get("language") or "python").lower(),
            str(kernel.get("name") or "python3"))


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        source = "".join(part for part in source if isinstance(part, str))
    if not isinstance(source, str):
        return ""
    return source[:MAX_CELL_CHARS]


def keep_definitions(source: str) -> str:
    """Imports, defs, classes and literal constants of one cell, as Python source.

    Kept statements stay on their original lines (the rest become blank lines), so that an error
    in the student's code points at the line the student sees in the notebook.
    """
    tree = parse_cell(source)
    if tree is None:
        return ""
    lines = _strip_magics(source).splitlines()
    kept = [""] * len(lines)
    for node in tree.body:
        if not _runs_when_graded(node):
            continue
        is_import = isinstance(node, (ast.Import, ast.ImportFrom))
        statements = _defer_heavy_import(node) if is_import else [node]
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        if statements == [node] and not _shares_a_line(node, tree.body):
            kept[first - 1:node.end_lineno] = lines[first - 1:node.end_lineno]
        else:  # rewritten imports, or `a; b` on one line: regenerate at the statement's line
            try:
                rewritten = [ast.unparse(ast.fix_missing_locations(s)) for s in statements]
            except (RecursionError, ValueError):
                continue
            block = "\n".join(rewritten).splitlines()
            kept[first - 1:first - 1 + len(block)] = block
    return "\n".join(kept).rstrip() + "\n" if any(line.strip() for line in kept) else ""


def parse_cell(source: str) -> ast.Module | None:
    """A code cell's syntax tree, IPython magics and shell escapes commented out; None when it
    is not Python (or too deep, or too large, to parse)."""
    try:
        return ast.parse(_strip_magics(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def top_level_definitions(cells: Iterable[str]) -> dict[str, ast.AST]:
    """The last top-level function or class definition of each name across ``cells``, as
    grading runs them (:func:`keep_definitions`)."""
    found: dict[str, ast.AST] = {}
    for source in cells:
        tree = parse_cell(keep_definitions(source))
        if tree is not None:
            found.update({node.name: node for node in tree.body if isinstance(node, DEFINITIONS)})
    return found


def _shares_a_line(node: ast.stmt, body: list[ast.stmt]) -> bool:
    return any(other is not node and other.lineno <= node.end_lineno
               and other.end_lineno >= node.lineno for other in body)


def _strip_magics(source: str) -> str:
    """Comment out IPython magics and shell escapes, which are not Python."""
    lines = []
    for line in source.splitlines():
        stripped = line.lstrip()
        lines.append("#" + line if stripped.startswith(("%", "!")) else line)
    return "\n".join(lines)


def _defer_heavy_import(node: ast.Import | ast.ImportFrom) -> list[ast.stmt]:
    if isinstance(node, ast.ImportFrom):
        top = (node.module or "").split(".")[0]
        if node.level or top not in DEFERRED_IMPORTS:
            return [node]
        return [_lazy_assign(alias.asname or alias.name, node.module, alias.name)
                for alias in node.names if alias.name != "*"]
    statements: list[ast.stmt] = []
    for alias in node.names:
        top = alias.name.split(".")[0]
        if top not in DEFERRED_IMPORTS:
            statements.append(ast.Import(names=[alias]))
        elif alias.asname:
            statements.append(_lazy_assign(alias.asname, alias.name, None))
        else:
            statements.append(_lazy_assign(top, top, None))
    return statements


def _lazy_assign(target: str, module: str, attribute: str | None) -> ast.stmt:
    call = f"__lazy_import__({module!r}, {attribute!r})"
    return ast.parse(f"{target} = {call}").body[0]


def _runs_when_graded(node: ast.stmt) -> bool:
    """Whether grading runs this top-level statement: a definition, an import (heavy ones
    deferred) or an assignment of a literal constant; nothing else of a notebook runs."""
    if isinstance(node, (*DEFINITIONS, ast.Import, ast.ImportFrom)):
        return True
    return isinstance(node, (ast.Assign, ast.AnnAssign)) and _is_literal_assignment(node)


def _bound_names(node: ast.stmt) -> set[str]:
    """Names a top-level statement binds (definitions, imports, targets of assignments, loops,
    with-as)."""
    if isinstance(node, DEFINITIONS):
        return {node.name}
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    targets: list[ast.AST] = []
    if isinstance(node, ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
        targets = [node.target]
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets = [item.optional_vars for item in node.items if item.optional_vars]
    return {child.id for target in targets for child in ast.walk(target)
            if isinstance(child, ast.Name)}


def _is_literal_assignment(node: ast.Assign | ast.AnnAssign) -> bool:
    if node.value is None:
        return False
    try:
        ast.literal_eval(node.value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def mentions_reference(source: str) -> bool:
    """Whether a cell imports, or names in a string, the reference answers."""
    tree = parse_cell(source)
    if tree is None:
        return "nnkit.reference" in source
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value] if "reference" in node.value and len(node.value) < 80 else []
            names = [n for n in names if n.strip() in ("reference", "nnkit.reference")
                     or n.startswith("nnkit.reference")]
        else:
            continue
        if any("nnkit.reference" in name or name.split(".")[-1] == "reference" for name in names):
            return True
    return False
