"""What ``grader.check("f")`` shows in the student's notebook: otter's checks, in Korean.

:class:`Notebook` takes the arguments of ``otter.Notebook`` and runs the same checks through it
(otter's logging and grading mode keep working), but what the student reads is Korean and points
at the student's own code:

* a pass, or the failing check's own message from :mod:`nnkit.checks` — never the test's source
  or a traceback, which would show the expected values inlined into the public tests;
* before anything runs: a graded name not defined yet (its cell not run), ``np`` missing (the
  import cell skipped), a ``...`` left in the graded function (a stub not filled in);
* an exception raised by the student's code: its line, in the student's cell, with an
  explanation.

``grader.export()`` writes otter's submission zip (the notebook, without a PDF) where the notebook
is a file beside the kernel, and says in Korean how to submit where it is not (Colab).

Test files come from ``tests_dir``, else from ``tests_url_prefix`` (fetched into ``tests_dir``:
otter 7 itself fetches only on JupyterLite), else from the notebook's own metadata — so the
checks work where the notebook file is not on disk (Colab), given one of the first two.
Every word shown is in :mod:`nnkit.checks`.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import io
import linecache
import os
import sys
import textwrap
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from types import CodeType, TracebackType
from typing import Any

import numpy as np

from nnkit import checks

__all__ = ["CheckResult", "Notebook"]

# Names every test needs besides the graded one (see docs/design.md, "Test cells").
TEST_GLOBALS = ("np",)


@dataclass
class CheckResult:
    """The outcome of one ``grader.check``; a notebook cell shows ``message``."""

    question: str
    passed: bool
    message: str

    def __repr__(self) -> str:
        return self.message


class Notebook:
    """``otter.Notebook`` with Korean messages; the same arguments.

    Args:
        nb_path: the notebook's file name (its metadata holds the public tests); may be missing
            from disk when ``tests_dir`` or ``tests_url_prefix`` provides the tests.
        tests_dir: a folder of test files ``<question>.py``.
        tests_url_prefix: a URL under which ``<question>.py`` can be fetched into ``tests_dir``.
    """

    def __init__(self, nb_path: str | None = None, tests_dir: str = "./tests",
                 tests_url_prefix: str | None = None) -> None:
        import otter

        self._tests_dir = tests_dir
        self._nb_path = nb_path
        fetch_here = tests_url_prefix is not None and sys.platform != "emscripten"
        if fetch_here:
            os.makedirs(tests_dir, exist_ok=True)
        on_disk = nb_path if nb_path and os.path.isfile(nb_path) else None
        self._fetch_prefix = tests_url_prefix if fetch_here else None
        self._otter: Any = None
        self._no_tests = ""
        try:
            self._otter = otter.Notebook(
                on_disk, tests_dir=tests_dir,
                tests_url_prefix=None if fetch_here else tests_url_prefix)
        except ValueError as error:  # on Colab, otter refuses a missing tests_dir at once
            self._no_tests = str(error)

    def check(self, question: str, global_env: dict[str, Any] | None = None) -> CheckResult:
        """Run the public tests of ``question`` against ``global_env`` (default: the caller's)."""
        env = global_env if global_env is not None else sys._getframe(1).f_globals
        problem = _cannot_start(question, env)
        if problem:
            return CheckResult(question, False, problem)
        if self._otter is None:
            return CheckResult(question, False, checks.no_tests_message(question, self._no_tests))
        try:
            self._fetch(question)
        except OSError as error:
            return CheckResult(question, False, checks.no_tests_message(question, str(error)))
        errors: dict[str, BaseException] = {}
        try:
            with _quiet(), _recording_errors(errors):
                result = self._otter.check(question, env)
        except (FileNotFoundError, ValueError) as error:
            return CheckResult(question, False, checks.no_tests_message(question, str(error)))
        failing = [r for r in result.test_case_results if not r.passed]
        if not failing:
            return CheckResult(question, True, checks.passed_message(question))
        error = errors.get(failing[0].test_case.name)
        return CheckResult(question, False, _failure_message(question, error, env))

    def export(self, nb_path: str | None = None, export_path: str | None = None,
               pdf: bool = False, **options: Any) -> None:
        """Write the submission zip of the saved notebook (``otter.Notebook.export``'s arguments;
        no PDF unless asked: the grader reads the notebook)."""
        path = nb_path or self._nb_path
        if self._otter is None or (path and not os.path.isfile(path)):
            print(checks.no_notebook_file_message(path or self._no_tests))
            return
        try:
            self._otter.export(path, export_path, pdf=pdf, **options)
        except ValueError as error:  # otter found no notebook, or several, in the working folder
            print(checks.no_notebook_file_message(str(error)))

    def _fetch(self, question: str) -> None:
        """Download ``<question>.py`` into ``tests_dir`` when a URL prefix was given."""
        if self._fetch_prefix is None:
            return
        url = f"{self._fetch_prefix.rstrip('/')}/{question}.py"
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the course's URL
            text = response.read().decode("utf-8")
        with open(os.path.join(self._tests_dir, f"{question}.py"), "w", encoding="utf-8") as f:
            f.write(text)


# --------------------------------------------------------------------------- before the tests


def _cannot_start(question: str, env: dict[str, Any]) -> str | None:
    """Why the tests cannot run yet (cell not run, import skipped, stub not filled), or None."""
    graded = env.get(question)
    if graded is None:
        return checks.not_defined_message(question)
    for name in TEST_GLOBALS:
        if env.get(name) is None:
            return checks.missing_import_message(question, name)
    where = _unfilled(graded)
    return checks.unfilled_message(question, where) if where else None


def _unfilled(graded: Any) -> str | None:
    """Where a bare ``...`` statement is left in a function or in a class's methods, or None."""
    functions = ([v for v in vars(graded).values() if inspect.isfunction(v)]
                 if inspect.isclass(graded) else [graded])
    for function in functions:
        try:
            lines, first = inspect.getsourcelines(function)
            tree = ast.parse(textwrap.dedent("".join(lines)))
        except (OSError, TypeError, SyntaxError):
            continue  # no source to read (a built-in, a lambda in a string): let the tests judge
        for node in ast.walk(tree):
            if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                    and node.value.value is Ellipsis):
                return checks.location(function.__qualname__, first + node.lineno - 1)
    return None


# --------------------------------------------------------------------------- running them


@contextlib.contextmanager
def _recording_errors(errors: dict[str, BaseException]) -> Iterator[None]:
    """Keep the exception of every failing test case (otter keeps only a text with the source)."""
    from otter.test_files.exception_test import test_case

    original = test_case.call_func

    def call_func(self, global_environment):
        try:
            original(self, global_environment)
        except Exception as error:
            errors[self.name] = error
            raise

    test_case.call_func = call_func
    try:
        yield
    finally:
        test_case.call_func = original


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """No English warnings from NumPy during a check (the checks report NaN and inf in Korean),
    and nothing the student's function prints (``print_cost=True`` runs in a public case): the
    check's verdict is all its cell shows."""
    with warnings.catch_warnings(), np.errstate(all="ignore"), \
            contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        yield


# --------------------------------------------------------------------------- after a failure


def _failure_message(question: str, error: BaseException | None, env: dict[str, Any]) -> str:
    if error is None:
        return checks.failed_message(question, "")
    lines = _student_lines(error.__traceback__, env)
    kind, text = type(error).__name__, str(error)
    if lines:
        notes = [str(note) for note in getattr(error, "__notes__", ())]
        return checks.student_error_message(question, lines, kind, text, notes)
    if isinstance(error, AssertionError):
        return checks.failed_message(question, text)
    return checks.unreadable_result_message(question, kind, text)


def _student_lines(tb: TracebackType | None, env: dict[str, Any]) -> list[tuple[str, str]]:
    """``(where, source line)`` of every frame of code defined in the notebook (its globals are
    the notebook's), outermost first: the graded function's line, then what it called."""
    found = []
    while tb is not None:
        if tb.tb_frame.f_globals is env:
            code: CodeType = tb.tb_frame.f_code
            where = checks.location(getattr(code, "co_qualname", code.co_name), tb.tb_lineno)
            found.append((where, linecache.getline(code.co_filename, tb.tb_lineno).strip()))
        tb = tb.tb_next
    return found
