"""The trusted end of the pipe (grader/isolation/channel.py), against a tiny fake worker.

The fake speaks the wire protocol (a 4-byte length, then JSON) from a ``-c`` script and misbehaves
as each test asks; no bubblewrap is needed (``Walls(bubblewrap=None)``). The real worker is
exercised end to end in test_hostile*.py.
"""

from __future__ import annotations

import sys
import time

import pytest

from grader.errors import WorkerStartError
from grader.isolation import channel, walls, wire
from grader.isolation.channel import Channel, WorkerGone

# What the fake does, by the request's "op" (and before it is ready, by its first argument).
FAKE_WORKER = r"""
import json, os, sys, time

def send(message):
    body = json.dumps(message).encode()
    os.write(1, len(body).to_bytes(4, "big") + body)

def read():
    header = sys.stdin.buffer.read(4)
    if len(header) < 4:
        sys.exit(0)
    return json.loads(sys.stdin.buffer.read(int.from_bytes(header, "big")))

start = sys.argv[1]
if start == "dies-before-ready":
    sys.stderr.write("Traceback (most recent call last):\n"
                     "ModuleNotFoundError: No module named 'numpy'\n")
    sys.exit(1)
send({"ok": True} if start == "answers-unready" else {"ok": True, "ready": True})
while True:
    message = read()
    op = message.get("op")
    if op == "echo":
        send({"ok": True, "value": message["value"]})
    elif op == "hang":
        time.sleep(1000)
    elif op == "die":
        os._exit(3)
    elif op == "forge":
        send({"ok": "yes"})
    elif op == "huge":
        os.write(1, (64 * 1024 * 1024).to_bytes(4, "big"))
        time.sleep(1000)
    elif op == "ask":
        send({"callback": "helper", "args": message["value"]})
        answer = read()
        send({"ok": True, "value": answer["value"]})
"""
NO_BUBBLEWRAP = walls.Walls(bubblewrap=None)


@pytest.fixture()
def fake(monkeypatch):
    """Start channels whose worker is the fake, beginning as ``start`` says."""
    started: list[Channel] = []

    def start(behaviour: str = "ready") -> Channel:
        monkeypatch.setattr(walls, "worker_command", lambda walls, filter_fd=None, blas_threads=1: (
            [sys.executable, "-c", FAKE_WORKER, behaviour], {}))
        opened = Channel(NO_BUBBLEWRAP, walls.Limits())
        started.append(opened)
        return opened

    yield start
    for opened in started:
        opened.close()


def test_a_request_gets_its_reply_and_a_closed_channel_refuses_more(fake):
    worker = fake()
    assert worker.ready and worker.alive
    assert worker.request({"op": "echo", "value": [1, 2]}, 5.0) == {"ok": True, "value": [1, 2]}
    worker.close()
    assert not worker.alive
    with pytest.raises(WorkerGone, match="worker is not running"):
        worker.request({"op": "echo", "value": 0}, 5.0)


def test_a_worker_past_its_deadline_is_killed_as_timed_out(fake):
    worker = fake()
    started = time.monotonic()
    with pytest.raises(WorkerGone) as gone:
        worker.request({"op": "hang"}, 0.5)
    assert gone.value.timed_out
    assert 0.5 <= time.monotonic() - started < 5
    assert not worker.alive


def test_a_worker_that_dies_says_its_exit_status_and_is_no_timeout(fake):
    worker = fake()
    with pytest.raises(WorkerGone, match="worker exited with status 3") as gone:
        worker.request({"op": "die"}, 5.0)
    assert not gone.value.timed_out
    assert not worker.alive


def test_a_forged_reply_closes_the_worker(fake):
    worker = fake()
    with pytest.raises(WorkerGone, match="malformed reply: 'ok' is not a bool"):
        worker.request({"op": "forge"}, 5.0)
    assert not worker.alive


def test_a_reply_announced_too_large_is_refused_before_it_is_read(fake):
    worker = fake()
    with pytest.raises(WorkerGone, match="reply larger than 4 MB"):
        worker.request({"op": "huge"}, 5.0)
    assert not worker.alive


def test_a_callback_is_answered_by_the_caller_and_the_reply_follows(fake):
    worker = fake()
    asked = []

    def answer(message: dict) -> dict:
        asked.append(message)
        return {"ok": True, "value": message["args"] * 2}

    assert worker.request({"op": "ask", "value": 21}, 5.0, answer) == {"ok": True, "value": 42}
    assert asked == [{"callback": "helper", "args": 21}]


def test_a_callback_nobody_asked_for_breaks_the_protocol(fake):
    worker = fake()
    with pytest.raises(WorkerGone, match="a callback nobody asked for"):
        worker.request({"op": "ask", "value": 1}, 5.0)
    assert not worker.alive


def test_a_worker_that_dies_before_it_is_ready_is_the_graders_failure(fake):
    with pytest.raises(WorkerStartError) as failed:
        fake("dies-before-ready")
    text = str(failed.value)
    assert text.startswith("the sandboxed worker did not start (worker exited with status 1; "
                           "memory limit 4096 MB)")
    assert text.endswith("ModuleNotFoundError: No module named 'numpy'")


def test_a_worker_that_answers_before_it_is_ready_is_the_graders_failure(fake):
    with pytest.raises(WorkerStartError, match="it answered before it was ready"):
        fake("answers-unready")


@pytest.mark.parametrize("reply, problem", [
    ({"ok": 1}, "'ok' is not a bool"),
    ({"ok": True, "flags": "reference"}, "'flags' is not a list"),
    ({"ok": True, "flags": ["x"] * (channel.MAX_FLAGS + 1)}, "flags"),
    ({"ok": True, "flags": [3]}, "flags"),
    ({"ok": False, "error": {"type": ["TypeError"]}}, "error fields"),
    ({"callback": 7}, "'callback' is not a str"),
])
def test_replies_with_fields_of_the_wrong_type_are_refused(reply, problem):
    with pytest.raises(wire.WireError, match=problem):
        channel.checked_reply(reply)


def test_well_formed_replies_pass_unchanged():
    reply = {"ok": False, "flags": ["nnkit.reference"],
             "error": {"type": "ValueError", "message": "m", "where": "w", "module": ""}}
    assert channel.checked_reply(reply) is reply
