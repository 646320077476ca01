"""Blame isolation: a graded function is graded on its own logic, not on its helpers'.

When a test of ``nn_model`` fails, the runner runs that test again in a fresh worker where the
graded helpers ``nn_model`` calls (``forward_propagation``, ``backward_propagation`` …) are
stand-ins that ask this side to run the reference answers. ``nn_model`` then earns what that run
earns: a wrong ``db1`` costs ``backward_propagation`` its points, once.

The reference never enters the sandbox: its answers cross the pipe as plain data, only during
that one test, in a worker thrown away after it. This module finds which helpers a function
calls (from the student's own source) and which reference functions stand in for them;
:mod:`grader.isolation.callbacks` answers the stand-ins' calls; the runner orchestrates the
rerun.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
from collections.abc import Callable, Iterable

from grader.submission import Submission, top_level_definitions


def helper_calls(submission: Submission, graded: Iterable[str]) -> dict[str, set[str]]:
    """For each graded name, the other graded names its definition reaches.

    Through the student's own ungraded functions too: ``nn_model`` → ``_step`` →
    ``forward_propagation``. The last definition of a name wins, as in the notebook.
    """
    graded = set(graded)
    references = _top_level_references(submission)
    reached: dict[str, set[str]] = {}
    for name in graded & references.keys():
        seen, frontier = {name}, [name]
        while frontier:
            for used in references.get(frontier.pop(), set()):
                if used not in seen:
                    seen.add(used)
                    if used not in graded:  # a graded helper is replaced whole: stop there
                        frontier.append(used)
        reached[name] = (seen & graded) - {name}
    return reached


def _top_level_references(submission: Submission) -> dict[str, set[str]]:
    """The names each top-level definition reads."""
    return {name: {child.id for child in ast.walk(node)
                   if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Load)}
            for name, node in top_level_definitions(submission.cells).items()}


def reference_helpers(assignment: str, names: Iterable[str]) -> dict[str, Callable]:
    """The reference functions for ``names`` (classes and unknown names are left out)."""
    try:
        module = importlib.import_module(f"nnkit.reference.{assignment}")
    except ModuleNotFoundError:
        return {}
    found = {}
    for name in names:
        function = getattr(module, name, None)
        if inspect.isfunction(function):
            found[name] = function
    return found


@functools.cache
def documented_signatures(assignment: str) -> dict[str, inspect.Signature]:
    """The reference's signatures by name, which the notebook documents (the student's graded
    cells start from them); ``str()`` of one reads ``(A2, Y)``."""
    try:
        module = importlib.import_module(f"nnkit.reference.{assignment}")
    except ModuleNotFoundError:
        return {}
    return {name: _plain_signature(member) for name, member in vars(module).items()
            if (inspect.isfunction(member) or inspect.isclass(member))
            and member.__module__ == module.__name__ and not name.startswith("_")}


def _plain_signature(function: Callable) -> inspect.Signature:
    """As the notebook writes it: without the reference's type hints."""
    signature = inspect.signature(function)
    empty = inspect.Parameter.empty
    return signature.replace(
        parameters=[p.replace(annotation=empty) for p in signature.parameters.values()],
        return_annotation=empty)
