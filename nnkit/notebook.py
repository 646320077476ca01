"""What ``grader.check("f")`` shows in the student's notebook: otter's checks, in Korean.

:class:`Notebook` takes the arguments of ``otter.Notebook`` and runs the same checks through it
(otter's logging and grading mode keep working), but what the student reads is Korean and points
at the student's own code:

* a pass, or the failing check's own message from :mod:`nnkit.checks` — never the test's source
  or a traceback, which would show the expected values inlined into the public tests;
* before anything runs: a graded name not defined yet (its cell not run), ``np`` missing (the
  import cell skipped), a ``...`` left in the graded function (a stub not filled in);
* an exception raised by the student's code: its line, in the student's cell, with an
  explanation;
* a failure of a function whose graded helper fails its own public check: that helper first
  (``먼저 `sigmoid`를 고치세요``), and nothing of the caller's own message, whose numbers and hint
  would only describe the helper's mistake.

Which helpers a function calls is read from the student's own source (``ast`` of the function in
the kernel's globals, through the student's ungraded helpers), not from a map written at build
time: the reference and its call graph are not in the student's wheel, and what matters is what
*this* code calls (a ``model`` that calls ``propagate`` itself, a helper of the student's own).
A name is a graded helper when the notebook has public tests for it.

``grader.export()`` writes otter's submission zip (the notebook, without a PDF) where the notebook
is a file beside the kernel, and says in Korean how to submit where it is not (Colab).

Test files come from ``tests_dir``, else from ``tests_url_prefix`` (fetched into ``tests_dir``:
otter 7 itself fetches only on JupyterLite), else from the notebook's own metadata — so the
checks work where the notebook file is not on disk (Colab), given one of the first two.
Every word shown is in :mod:`nnkit.words`.
"""

from __future__ import annotations

import ast
import contextlib
import html
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

from nnkit import words
from nnkit.checking.explanations import student_error_message

__all__ = ["CheckResult", "Notebook"]

# Names every test needs besides the graded one (see docs/design.md, "Test cells").
TEST_GLOBALS = ("np",)


@dataclass
class CheckResult:
    """The outcome of one ``grader.check``; a notebook cell shows ``message``."""

    question: str
    passed: bool
    message: str
    # The graded helpers from this function down to the one whose own check fails, when the
    # failure is reported as that helper's (``("optimize", "propagate", "sigmoid")``).
    fix_first: tuple[str, ...] = ()
    # That helper's own message (what its ``grader.check`` shows when nothing it calls fails).
    cause: str = ""

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
        self._no_tests_detail = ""
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
        outcome = self._outcome(question, env, ())
        if outcome is None:
            return CheckResult(question, False,
                               words.no_tests_message(question, self._no_tests_detail))
        return outcome

    def _outcome(self, question: str, env: dict[str, Any],
                 callers: tuple[str, ...]) -> CheckResult | None:
        """The check of ``question``, or None when the notebook has no public tests for it.

        ``callers``: the functions whose failure led here (a helper is checked once per chain,
        and never one of its own callers).
        """
        problem = _cannot_start(question, env)
        if problem:
            return CheckResult(question, False, problem)
        if self._otter is None:
            self._no_tests_detail = self._no_tests
            return None
        try:
            self._fetch(question)
        except OSError as error:
            self._no_tests_detail = str(error)
            return None
        errors: dict[str, BaseException] = {}
        try:
            with _quiet(), _recording_errors(errors):
                result = self._otter.check(question, env)
        except (FileNotFoundError, ValueError, KeyError) as error:
            self._no_tests_detail = str(error)
            return None
        failing = [r for r in result.test_case_results if not r.passed]
        if not failing:
            return CheckResult(question, True, words.passed_message(question))
        broken = self._broken_helper(question, env, (*callers, question))
        if broken is not None:
            chain = (broken.question, *broken.fix_first)
            cause = broken.cause or broken.message
            return CheckResult(question, False,
                               words.helper_first_message(question, chain, cause),
                               chain, cause)
        error = errors.get(failing[0].test_case.name)
        return CheckResult(question, False, _failure_message(question, error, env))

    def _broken_helper(self, question: str, env: dict[str, Any],
                       callers: tuple[str, ...]) -> CheckResult | None:
        """The first graded helper ``question``'s code calls whose own public check fails."""
        for name in _called_helpers(env.get(question), env):
            if name in callers:
                continue
            outcome = self._outcome(name, env, callers)
            if outcome is not None and not outcome.passed:
                return outcome
        return None

    def export(self, nb_path: str | None = None, export_path: str | None = None,
               pdf: bool = False, **options: Any) -> None:
        """Write the submission zip of the saved notebook (``otter.Notebook.export``'s arguments;
        no PDF unless asked: the grader reads the notebook)."""
        path = nb_path or self._nb_path
        if self._otter is None or (path and not os.path.isfile(path)):
            print(words.no_notebook_file_message(path or self._no_tests))
            return
        options.pop("display_link", None)  # otter's link says "Your submission has been exported"
        before = set(_zips_in(export_path))
        try:
            self._otter.export(path, export_path, pdf=pdf, display_link=False, **options)
        except ValueError as error:  # otter found no notebook, or several, in the working folder
            print(words.no_notebook_file_message(str(error)))
            return
        written = sorted(set(_zips_in(export_path)) - before) or [""]
        _show_exported(written[-1])

    def _fetch(self, question: str) -> None:
        """Download ``<question>.py`` into ``tests_dir`` when a URL prefix was given."""
        if self._fetch_prefix is None:
            return
        url = f"{self._fetch_prefix.rstrip('/')}/{question}.py"
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the course's URL
            text = response.read().decode("utf-8")
        with open(os.path.join(self._tests_dir, f"{question}.py"), "w", encoding="utf-8") as f:
            f.write(text)


def _zips_in(folder: str | None) -> list[str]:
    """The zip files in ``folder`` (the working folder when None), by path."""
    where = folder or "."
    return [os.path.join(folder, name) if folder else name
            for name in os.listdir(where) if name.endswith(".zip")]


def _show_exported(zip_path: str) -> None:
    """Say in Korean that the zip was written, with a download link where HTML shows."""
    text = words.exported_message(zip_path or "zip")
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:
        print(text)
        return
    if get_ipython() is None or not zip_path:
        print(text)
        return
    link = (f'<a href="{html.escape(zip_path)}" download="{html.escape(zip_path)}" '
            f'target="_blank">{html.escape(zip_path)}</a>')
    display(HTML(f"<p>{html.escape(text).replace(html.escape(zip_path), link, 1)}</p>"))


# --------------------------------------------------------------------------- before the tests


def _cannot_start(question: str, env: dict[str, Any]) -> str | None:
    """Why the tests cannot run yet (cell not run, import skipped, stub not filled), or None."""
    graded = env.get(question)
    if graded is None:
        return words.not_defined_message(question)
    for name in TEST_GLOBALS:
        if env.get(name) is None:
            return words.missing_import_message(question, name)
    where = _unfilled(graded)
    return words.unfilled_message(question, where) if where else None


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
                return words.location(function.__qualname__, first + node.lineno - 1)
    return None


# --------------------------------------------------------------------------- helpers called


def _called_helpers(graded: Any, env: dict[str, Any]) -> list[str]:
    """Names of the notebook's functions and classes that ``graded``'s source refers to, in the
    order they first appear; through the student's own ungraded helpers too (the caller decides
    which of them are graded: those with public tests)."""
    found: list[str] = []
    pending, seen = [graded], set()
    while pending:
        item = pending.pop(0)
        if id(item) in seen:
            continue
        seen.add(id(item))
        for name in _names_in(item):
            value = env.get(name)
            if name not in found and value is not graded and _defined_in(value, env):
                found.append(name)
                pending.append(value)
    return found


def _names_in(graded: Any) -> list[str]:
    """Global names a function (or a class's methods) loads, in source order."""
    functions = ([v for v in vars(graded).values() if inspect.isfunction(v)]
                 if inspect.isclass(graded) else [graded])
    names: list[str] = []
    for function in functions:
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
        except (OSError, TypeError, SyntaxError):
            continue
        loads = [node for node in ast.walk(tree)
                 if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)]
        for node in sorted(loads, key=lambda n: (n.lineno, n.col_offset)):
            if node.id not in names:
                names.append(node.id)
    return names


def _defined_in(value: Any, env: dict[str, Any]) -> bool:
    """Whether ``value`` is a function or class defined in the notebook (whose globals are
    ``env``)."""
    if inspect.isfunction(value):
        return value.__globals__ is env
    if inspect.isclass(value):
        return any(inspect.isfunction(v) and v.__globals__ is env for v in vars(value).values())
    return False


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
        return words.failed_message(question, "")
    lines = _student_lines(error.__traceback__, env)
    kind, text = type(error).__name__, str(error)
    if lines:
        notes = [str(note) for note in getattr(error, "__notes__", ())]
        return student_error_message(question, lines, kind, text, notes)
    if isinstance(error, AssertionError):
        return words.failed_message(question, text)
    return words.unreadable_result_message(question, kind, text)


def _student_lines(tb: TracebackType | None, env: dict[str, Any]) -> list[tuple[str, str]]:
    """``(where, source line)`` of every frame of code defined in the notebook (its globals are
    the notebook's), outermost first: the graded function's line, then what it called."""
    found = []
    while tb is not None:
        if tb.tb_frame.f_globals is env:
            code: CodeType = tb.tb_frame.f_code
            where = words.location(getattr(code, "co_qualname", code.co_name), tb.tb_lineno)
            found.append((where, linecache.getline(code.co_filename, tb.tb_lineno).strip()))
        tb = tb.tb_next
    return found
