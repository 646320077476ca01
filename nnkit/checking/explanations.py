"""Explanations of an exception raised by a student's code: chosen by the line that raised
(``np.max(0, x)``), else by the exception's type and text."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from nnkit import words

# (exception type, text it contains or None, explanation), first match wins.
_ERROR_EXPLANATIONS: tuple[tuple[str, str | None, str], ...] = (
    ("NameError", None, words.UNDEFINED_NAME),
    ("UnboundLocalError", None, words.UNBOUND_LOCAL),
    ("ValueError", "not aligned", words.NOT_ALIGNED),
    ("ValueError", "matmul", words.MATMUL_MISMATCH),
    ("ValueError", "broadcast", words.NOT_BROADCASTABLE),
    ("ValueError", "unpack", words.UNPACK_COUNT),
    ("TypeError", "NoneType", words.A_NONE_VALUE),
    ("TypeError", "only integer scalar arrays", words.ARRAY_FOR_AN_INTEGER),
    ("TypeError", "unexpected keyword argument", words.UNKNOWN_KEYWORD),
    ("TypeError", "positional argument", words.ARGUMENT_COUNT),
    ("AxisError", None, words.NO_SUCH_AXIS),
    ("IndexError", "must be of integer", words.NON_INTEGER_INDEX),
    ("IndexError", None, words.INDEX_OUT_OF_RANGE),
    ("KeyError", None, words.MISSING_KEY),
    ("ZeroDivisionError", None, words.DIVISION_BY_ZERO),
    ("AttributeError", "NoneType", words.ATTRIBUTE_OF_NONE),
    ("AttributeError", None, words.NO_SUCH_ATTRIBUTE),
    ("RecursionError", None, words.ENDLESS_RECURSION),
)

# (pattern of the student's line that raised, exception types, explanation of the match): the
# call decides where the exception's type and text alone would mislead (``np.max(0, x)`` raises
# "only integer scalar arrays", which reads as a size given as an array).
_CALL_EXPLANATIONS: tuple[tuple[re.Pattern[str], tuple[str, ...],
                                Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"\bnp\.a?(?P<which>max|min)\(\s*[^,()]+,\s*[^=,()]+\)"),
     ("TypeError", "AxisError", "ValueError"),
     lambda found: words.reduction_with_two_values(found[0], found["which"])),
    (re.compile(r"\bmath\.(?P<which>exp|log|tanh|sqrt)\("), ("TypeError",),
     lambda found: words.scalar_math(found["which"])),
)


def explain_call(kind: str, line: str) -> str | None:
    """An explanation chosen by the student's line that raised (``np.max(0, x)``), if one fits."""
    for pattern, kinds, explain in _CALL_EXPLANATIONS:
        found = pattern.search(line)
        if found and kind in kinds:
            return explain(found)
    return None


def explain_error(kind: str, text: str, line: str = "") -> str | None:
    """An explanation of an exception (type name ``kind``, message ``text``), if one fits;
    ``line``, the student's line that raised, decides first (:func:`explain_call`)."""
    by_call = explain_call(kind, line) if line else None
    if by_call:
        return by_call
    for name, fragment, explanation in _ERROR_EXPLANATIONS:
        if kind == name and (fragment is None or fragment in text):
            return explanation
    return None


def student_error_message(question: str, frames: Sequence[tuple[str, str]], kind: str,
                          text: str, notes: Sequence[str] = ()) -> str:
    """An exception in the student's code as ``grader.check`` shows it: its lines
    (``(where, source)``, outermost first), the error, the inputs of the check (``notes``) and
    the explanation of the innermost line, if one fits."""
    return words.student_error(question, frames, kind, text, notes,
                               explain_error(kind, text, frames[-1][1]))
