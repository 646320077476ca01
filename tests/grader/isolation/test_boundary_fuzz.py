"""The trusted side's boundary, fuzzed: whatever a worker sends, the trusted side stays in its
bounds, raises nothing outside a row, and no row becomes the grader's fault.

Property-based (Hypothesis) over every message the trusted side accepts from a worker: the
frames it parses, the replies to definitions and calls, the stand-ins' calls in blame reruns
and the errors it reports. The cases of the review are in ``test_blame_boundary.py``; these are
the messages nobody thought of.
"""

from __future__ import annotations

import json
import time

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.errors import GraderError
from grader.isolation import callbacks, wire
from grader.isolation.channel import checked_reply
from grader.isolation.definitions import DefinitionCell
from grader.isolation.session import StudentError
from tests.grader.grading.test_blame import _callback, _data, _recording_of
from tests.grader.isolation.test_proxies import CannedSession, proxy

FUZZ = settings(max_examples=150, deadline=2000,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# JSON as a worker could write it: any nesting of any scalar, strings with markup and controls.
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                         st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)),
    max_leaves=30)
# What the wire encodes, and its look-alikes: arrays of any dtype name, shape and data.
encoded_arrays = st.fixed_dictionaries({"__nd__": st.one_of(st.text(max_size=12),
                                                            st.sampled_from(["<f8", "<i8", "|b1"])),
                                        "shape": st.lists(st.integers(-3, 10**12), max_size=4),
                                        "data": st.text(max_size=40)})
wire_values = st.one_of(json_values, encoded_arrays,
                        st.builds(lambda v: {"__dict__": v}, json_values))
errors = st.dictionaries(st.sampled_from(["type", "message", "where", "module", "x"]),
                         json_values, max_size=5)


# ------------------------------------------------------------------------------- frames

@FUZZ
@given(st.binary(max_size=2000) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_frame_body_is_a_checked_reply_or_a_wire_error(body):
    try:
        reply = checked_reply(wire.parse_message(body, wire.MAX_REPLY_ITEMS))
    except wire.WireError:
        return
    assert type(reply) is dict


@FUZZ
@given(st.integers(1, 200_000), st.sampled_from("[{"))
def test_brackets_nested_past_the_parsers_stack_are_a_wire_error(depth, bracket):
    closing = {"[": "]", "{": "}"}[bracket]
    inner = bracket * depth + closing * depth if bracket == "[" else '{"a":' * depth + "1" + \
        closing * depth
    body = f'{{"value": {inner}}}'.encode()
    try:
        checked_reply(wire.parse_message(body, wire.MAX_REPLY_ITEMS))
    except wire.WireError:
        pass


@FUZZ
@given(wire_values)
def test_any_value_decodes_to_plain_data_or_a_wire_error(value):
    try:
        wire.decode(value)
    except wire.WireError:
        pass


# ------------------------------------------------------------------ replies to calls and errors

@FUZZ
@given(st.fixed_dictionaries({}, optional={"ok": st.booleans(), "value": wire_values,
                                           "error": errors, "callable": st.booleans()}))
def test_any_reply_to_a_call_is_a_value_or_the_students_error(reply):
    canned = CannedSession({"ok": True, "value": wire.encode([])}, reply)
    try:
        proxy("f", canned)(np.zeros(2))
    except StudentError as error:
        assert len(str(error)) < 5000
    except GraderError as error:  # pragma: no cover - the property
        raise AssertionError(f"a worker's reply made a grader error: {error}") from None


@FUZZ
@given(errors)
def test_any_failed_definition_is_noted_as_the_students(error):
    from grader.isolation.session import Session

    session = Session.__new__(Session)
    session.notes = []
    session._note_failed_definition(DefinitionCell("cell 1", "x = 1\n"), error)
    assert len(session.notes) == 1 and len(session.notes[0]) < 400


# --------------------------------------------------------------------- stand-ins' calls

X, Y = _data(6)
RECORDED = _recording_of("nn_model", X, Y, 3, num_iterations=3)
ANSWERS = {id(call.value) for calls in RECORDED.calls.values() for call in calls}
names = st.sampled_from([*RECORDED.signatures, "nn_model", "", "__import__"]) | st.text(max_size=20)


@st.composite
def stand_in_calls(draw) -> dict:
    """A stand-in call: a recorded one, a recorded one nudged, or anything at all."""
    kind = draw(st.sampled_from(["recorded", "nudged", "any"]))
    if kind == "any":
        return draw(st.dictionaries(st.sampled_from(["callback", "args", "kwargs", "rng"]),
                                    wire_values | names, max_size=4))
    name = draw(st.sampled_from(sorted(RECORDED.calls)))
    call = draw(st.sampled_from(RECORDED.calls[name]))
    arguments = dict(call.arguments)
    if kind == "nudged":
        key = draw(st.sampled_from(sorted(arguments)))
        arguments[key] = draw(st.one_of(st.integers(0, 10**9), st.just(None),
                                        st.builds(np.full, st.just((2, 2)), st.floats(-1e9, 1e9))))
    return _callback(name, **arguments, rng=call.rng_before)


@FUZZ
@given(st.lists(stand_in_calls(), min_size=1, max_size=8))
def test_a_stand_in_answers_only_with_recorded_answers_within_bounded_work(messages):
    calls = callbacks.HelperCalls()
    calls.follow(RECORDED)
    started = time.process_time()
    refused = False
    for message in messages:
        reply = calls.answer(message)  # never raises
        assert type(reply["ok"]) is bool
        if reply["ok"]:
            assert not refused, "nothing is answered after a refusal"
            assert id(reply["value"]) in ANSWERS, "only a recorded answer is sent"
        else:
            refused = True
    # The work is the comparison with the recording, whatever the arguments asked for.
    assert time.process_time() - started < 1.0
