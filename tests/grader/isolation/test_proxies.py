"""The student's functions as the tests see them (grader/isolation/proxies.py), unit by unit.

A stand-in session answers the proxies' requests with canned replies, as the worker would: what
is tested is what the trusted side makes of them (the Korean error texts, the documented
defaults every call receives, fresh plain data), not the sandbox.
"""

from __future__ import annotations

import inspect
import time

import numpy as np
import pytest

from grader import words
from grader.isolation import wire
from grader.isolation.proxies import Caller, FunctionProxy, RemoteObject, _diagnosis, _error_text
from grader.isolation.session import StudentError, StudentTimeout
from nnkit import checks


class CannedSession:
    """Answers each request with the next canned reply and records what was asked."""

    def __init__(self, *replies: dict, documented: dict | None = None,
                 parameters: dict | None = None, notebook_globals: set | None = None) -> None:
        self.replies = list(replies)
        self.asked: list[dict] = []
        self.documented = documented or {}
        self.parameter_names = dict(parameters or {})
        self.notebook_globals = notebook_globals or set()
        self.timed_out: dict[str, str] = {}
        self.generation = 1

    def seconds_left(self) -> float:
        return 100.0

    def request(self, message: dict, timeout: float) -> dict:
        self.asked.append(message)
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply(self) if callable(reply) else reply


def proxy(name: str, canned: CannedSession) -> FunctionProxy:
    return FunctionProxy(Caller(canned, time.monotonic() + 5.0), name)


def sent_kwargs(canned: CannedSession) -> dict:
    return wire.decode(canned.asked[-1]["kwargs"])


# ----------------------------------------------------------------------------- error texts

def test_what_the_worker_refuses_is_said_in_korean():
    assert _error_text("f", {"type": "Missing", "message": "f"}) == words.not_defined("f")
    assert _error_text("f", {"type": "TooLarge", "message": "4 MB"}) == \
        words.return_too_large("f", wire.MAX_REPLY_BYTES // 2**20)
    assert _error_text("f", {"type": "UnsupportedReturn", "message": "a generator"}) == \
        words.return_not_plain_data("f", "a generator")


def test_an_exception_of_the_students_code_names_its_line_and_explains_it():
    error = {"type": "ValueError", "message": "shapes (2,3) and (2,3) not aligned",
             "where": "`f` 셀 3번째 줄"}
    explanation = checks.explain_error("ValueError", error["message"])
    assert explanation is not None
    assert _error_text("f", error) == words.execution_error(
        "f", "ValueError", error["message"], error["where"], explanation)
    plain = _error_text("f", {"type": "RuntimeError", "message": "stop"})
    assert plain == "f 실행 중 오류: RuntimeError: stop"  # no line, no hint: none fits


def test_an_old_template_signature_is_diagnosed_with_the_documented_one():
    documented = inspect.signature(lambda A2, Y: None)
    canned = CannedSession(documented={"compute_cost": documented})
    message = "compute_cost() missing 1 required positional argument: 'parameters'"
    text = _diagnosis(canned, "compute_cost", {"type": "TypeError", "message": message})
    assert text == words.execution_error(
        "compute_cost", "TypeError", message,
        hint=checks.signature_message("compute_cost", "(A2, Y)"))


def test_a_notebook_global_is_diagnosed_only_when_the_notebook_binds_it():
    canned = CannedSession(notebook_globals={"m"})
    error = {"type": "NameError", "message": "name 'm' is not defined", "where": "줄 4"}
    assert _diagnosis(canned, "f", error) == words.execution_error(
        "f", "NameError", error["message"], "줄 4", checks.notebook_global_message("f", "m"))
    other = {"type": "NameError", "message": "name 'q' is not defined"}
    assert _diagnosis(canned, "f", other) is None


def test_a_failing_call_raises_the_korean_text_and_a_later_one_is_not_tried_again():
    canned = CannedSession({"ok": False, "error": {"type": "Missing", "message": "f"}})
    with pytest.raises(StudentError, match="정의되지 않았습니다"):
        proxy("f", canned)(1)
    canned = CannedSession(StudentTimeout(words.timed_out(5.0)))
    slow = proxy("g", canned)
    with pytest.raises(StudentTimeout):
        slow(1)
    with pytest.raises(StudentError, match="시간 초과"):
        slow(2)  # the function already ran out of time: failed at once
    assert len(canned.asked) == 1


# ------------------------------------------------------------------------ documented defaults

DOCUMENTED = inspect.signature(lambda X, Y, learning_rate=1.2, print_cost=False: None)


@pytest.mark.parametrize("student, args, kwargs, sent", [
    ({"X", "Y", "learning_rate", "print_cost"}, (1, 2), {},
     {"learning_rate": 1.2, "print_cost": False}),
    ({"X", "Y", "learning_rate"}, (1, 2), {}, {"learning_rate": 1.2}),  # print_cost: not its
    (None, (1, 2), {}, {"learning_rate": 1.2, "print_cost": False}),  # it takes **kwargs
    ({"X", "Y", "learning_rate", "print_cost"}, (1, 2, 0.5), {}, {"print_cost": False}),
    ({"X", "Y", "learning_rate", "print_cost"}, (1, 2), {"print_cost": True},
     {"print_cost": True, "learning_rate": 1.2}),
    ({"X", "Y", "learning_rate", "print_cost"}, (1, 2, 3, 4, 5), {}, {}),  # not documented
])
def test_every_call_gets_the_documented_defaults_the_student_leaves_out(student, args, kwargs,
                                                                         sent):
    canned = CannedSession({"ok": True, "value": wire.encode(None)},
                           documented={"model": DOCUMENTED}, parameters={"model": student})
    proxy("model", canned)(*args, **kwargs)
    assert sent_kwargs(canned) == sent


def test_the_students_parameters_are_asked_once_per_session():
    parameters = [["X", "POSITIONAL_OR_KEYWORD", False, None, True],
                  ["lr", "POSITIONAL_OR_KEYWORD", True, wire.encode(0.1), True],
                  ["hook", "KEYWORD_ONLY", True, None, False]]
    canned = CannedSession({"ok": True, "value": wire.encode(parameters)},
                           {"ok": True, "value": wire.encode(0)},
                           {"ok": True, "value": wire.encode(0)},
                           documented={"f": inspect.signature(lambda X, lr=0.5: None)})
    f = proxy("f", canned)
    f(1)
    f(2)
    assert [m["op"] for m in canned.asked] == ["signature", "call", "call"]
    assert sent_kwargs(canned) == {"lr": 0.5}
    assert canned.parameter_names == {"f": {"X", "lr", "hook"}}


def test_the_students_signature_reads_as_the_functions_own():
    parameters = [["X", "POSITIONAL_OR_KEYWORD", False, None, True],
                  ["lr", "POSITIONAL_OR_KEYWORD", True, wire.encode(0.1), True],
                  ["hook", "KEYWORD_ONLY", True, None, False]]
    signature = inspect.signature(proxy("f", CannedSession(
        {"ok": True, "value": wire.encode(parameters)})))
    assert list(signature.parameters) == ["X", "lr", "hook"]
    assert signature.parameters["lr"].default == 0.1
    assert repr(signature.parameters["hook"].default) == words.OPAQUE_DEFAULT


# ---------------------------------------------------------------------------- plain data back

def test_answers_come_back_as_fresh_plain_data():
    answer = np.arange(6.0).reshape(2, 3)
    canned = CannedSession({"ok": True, "value": wire.encode({"W": answer, "n": 3})})
    got = proxy("f", canned)(np.ones(2))
    assert type(got["W"]) is np.ndarray and np.array_equal(got["W"], answer)
    assert wire.decode(canned.asked[0]["args"])[0].tolist() == [1.0, 1.0]


def test_an_unreadable_answer_is_the_students_error():
    canned = CannedSession({"ok": True, "value": {"__ndarray__": "not an array"}})
    with pytest.raises(StudentError, match="반환값을 읽을 수 없습니다"):
        proxy("f", canned)()


def test_an_object_of_a_restarted_worker_is_gone():
    def restarted(session: CannedSession) -> dict:
        session.generation += 1  # the worker that held the object died; a new one answers
        return {"ok": True, "value": wire.encode(2.0)}

    canned = CannedSession({"ok": True, "value": wire.encode(wire.RemoteRef(1, "Net"))},
                           {"ok": True, "value": wire.encode(0.5)}, restarted)
    net = proxy("Net", canned)()
    assert isinstance(net, RemoteObject)
    assert repr(net) == words.remote_object("Net")
    assert net.student_description == words.student_object("Net")
    assert net.learning_rate == 0.5
    with pytest.raises(StudentError) as gone:
        net.learning_rate  # noqa: B018 - reading the attribute is the request
    assert str(gone.value) == words.object_gone("Net.learning_rate")
