"""The checks that public and hidden tests call (``from nnkit import checks``): the public face.

Every check either returns ``None`` or raises :class:`CheckFailure` (an :class:`AssertionError`)
whose Korean message names the graded function, the quantity, what was expected and what was
received, and — where a common mistake fits the evidence — the likely cause. The grading runner
shows only that message.

Values reaching these checks are plain data (ndarrays, Python/NumPy scalars, dict, list, tuple):
in the trusted runner a student's function is a proxy that returns fresh plain data.

This module defines nothing: the built notebooks' tests and the notebook front end call these
names, which live in :mod:`nnkit.checking` (one job per module; the tolerances are documented in
:mod:`nnkit.checking.primitives`) and :mod:`nnkit.words` (every Korean word).
"""

from __future__ import annotations

from nnkit.checking.case import Case
from nnkit.checking.comparison import compare, matches
from nnkit.checking.describe import describe_inputs
from nnkit.checking.explanations import explain_call, explain_error, student_error_message
from nnkit.checking.failure import CheckFailure, fail
from nnkit.checking.primitives import (
    ATOL,
    GRAD_THRESHOLD,
    RTOL,
    as_scalar,
    check_binary,
    check_close,
    check_decreasing,
    check_defaults,
    check_gradient,
    check_keys,
    check_not_mistake,
    check_shape,
    check_type,
    relative_difference,
)
from nnkit.checking.runner import (
    CASE_CONTEXT_KEYS,
    check_case,
    check_documented_interface,
    check_object_case,
)
from nnkit.words import (
    RESEEDS_HINT,
    RESEEDS_PROBLEM,
    attributes_after_one_call,
    attributes_after_two_calls,
    attributes_of,
    code,
    download_failed_advice,
    exported_message,
    failed_message,
    helper_first_message,
    location,
    missing_import_message,
    no_notebook_file_message,
    no_tests_message,
    not_defined_message,
    notebook_global_message,
    particle,
    passed_message,
    reseeds_when_none_hint,
    returned_by,
    signature_message,
    unfilled_message,
    unreadable_result_message,
)

__all__ = [
    # the checks
    "ATOL",
    "GRAD_THRESHOLD",
    "RTOL",
    "Case",
    "CheckFailure",
    "as_scalar",
    "check_binary",
    "check_case",
    "check_close",
    "check_decreasing",
    "check_defaults",
    "check_documented_interface",
    "check_gradient",
    "check_keys",
    "check_not_mistake",
    "check_object_case",
    "check_shape",
    "check_type",
    "compare",
    "fail",
    "matches",
    "relative_difference",
    # what the grader and the case modules say in the checks' voice
    "CASE_CONTEXT_KEYS",
    "RESEEDS_HINT",
    "RESEEDS_PROBLEM",
    "attributes_after_one_call",
    "attributes_after_two_calls",
    "attributes_of",
    "code",
    "describe_inputs",
    "download_failed_advice",
    "explain_call",
    "explain_error",
    "location",
    "notebook_global_message",
    "particle",
    "reseeds_when_none_hint",
    "returned_by",
    "signature_message",
    # the notebook front end (grader.check)
    "exported_message",
    "failed_message",
    "helper_first_message",
    "missing_import_message",
    "no_notebook_file_message",
    "no_tests_message",
    "not_defined_message",
    "passed_message",
    "student_error_message",
    "unfilled_message",
    "unreadable_result_message",
]
