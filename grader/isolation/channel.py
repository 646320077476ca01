"""The trusted end of the pipe to one worker: requests with deadlines, restarts after a kill."""

from __future__ import annotations

import os
import select
import subprocess
import tempfile
import time
from collections.abc import Callable

from grader.errors import WorkerStartError
from grader.isolation import wire
from grader.isolation.walls import Limits, Walls, kill_worker, start_worker

# Starting bubblewrap, Python and NumPy takes a fraction of a second; this is for a machine
# under heavy load. No student code runs before the worker says it is ready.
STARTUP_TIMEOUT = 60.0
STDERR_TAIL_BYTES = 4000


class WorkerGone(Exception):
    """The worker died, hung past its deadline or broke the protocol."""

    def __init__(self, reason: str, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.timed_out = timed_out


REPLY_FIELDS = {"ok": bool, "ready": bool, "callable": bool, "flags": list, "error": dict,
                "callback": str}
ERROR_FIELDS = ("type", "message", "where", "module")
MAX_FLAGS = 20


def checked_reply(reply: dict) -> dict:
    """The reply, if its fields have the types the trusted side relies on; else WireError.

    The worker is untrusted: a reply forged by the student's code is refused here, in one
    place, rather than tripping the session or the proxies later.
    """
    for name, kind in REPLY_FIELDS.items():
        if name in reply and type(reply[name]) is not kind:
            raise wire.WireError(f"malformed reply: {name!r} is not a {kind.__name__}")
    flags = reply.get("flags", [])
    if len(flags) > MAX_FLAGS or any(type(flag) is not str or len(flag) > 200 for flag in flags):
        raise wire.WireError("malformed reply: flags")
    error = reply.get("error", {})
    if any(type(error.get(name, "")) is not str for name in ERROR_FIELDS):
        raise wire.WireError("malformed reply: error fields")
    return reply


def _framed_answer(answer: dict) -> bytes:
    """A stand-in call's answer framed for the worker; one too large to send is a refusal."""
    try:
        return wire.frame(answer)
    except wire.WireError:
        return wire.frame({"ok": False, "error": {"type": "TooLarge", "message": "answer"}})


class Channel:
    """One live worker process; :meth:`request` either answers or leaves it dead.

    Raises :class:`~grader.errors.WorkerStartError` when the worker does not come up: that is
    the grader's failure (the machine, the sandbox, the limits), never the student's.
    """

    def __init__(self, walls: Walls, limits: Limits) -> None:
        # A file, not a pipe: nobody reads it while the worker runs, and a file cannot fill up
        # and block the writer.
        self.stderr = tempfile.TemporaryFile()
        self.limits = limits
        self.startup_errors = ""  # what a worker that died before it was ready wrote
        try:
            self.worker = start_worker(walls, limits, self.stderr)
        except (OSError, subprocess.SubprocessError) as error:
            self.stderr.close()
            raise WorkerStartError(f"the sandbox could not be started ({error})") from None
        self.process: subprocess.Popen = self.worker.popen
        os.set_blocking(self.process.stdin.fileno(), False)
        self.alive = True
        self.ready = False
        try:
            hello = self._receive(time.monotonic() + STARTUP_TIMEOUT)
        except WorkerGone as gone:
            raise WorkerStartError(self._start_failure(str(gone))) from None
        if not hello.get("ready"):
            raise WorkerStartError(self._start_failure("it answered before it was ready"))
        self.ready = True

    def request(self, message: dict, timeout: float,
                on_callback: Callable[[dict], dict] | None = None) -> dict:
        """Send ``message`` and wait for the reply, both within ``timeout`` seconds.

        ``on_callback`` answers the worker's stand-in calls (blame reruns) while the reply
        is awaited; without it such a call breaks the protocol. Its answers count against the
        same deadline: the worker cannot keep this side working past it.
        """
        if not self.alive:
            raise WorkerGone("worker is not running")
        deadline = time.monotonic() + timeout
        self._write(wire.frame(message), deadline)
        while True:
            reply = self._receive(deadline)
            if "callback" not in reply:
                return reply
            if on_callback is None:
                self.close()
                raise WorkerGone("a callback nobody asked for")
            answer = _framed_answer(on_callback(reply))
            if time.monotonic() >= deadline:
                self.close()
                raise WorkerGone("timeout", timed_out=True)
            self._write(answer, deadline)

    def _write(self, data: bytes, deadline: float) -> None:
        # A worker that stops reading (its code took over the pipes) must not block us: the
        # pipe is non-blocking and every chunk waits at most until the deadline.
        fd = self.process.stdin.fileno()
        view = memoryview(data)
        while view:
            left = deadline - time.monotonic()
            _, writable, _ = select.select([], [fd], [], max(left, 0))
            if not writable:
                self.close()
                raise WorkerGone("timeout", timed_out=True)
            try:
                view = view[os.write(fd, view[:1 << 16]):]
            except BlockingIOError:
                continue
            except OSError:
                self.close()
                raise WorkerGone(self._exit_reason()) from None

    def _receive(self, deadline: float) -> dict:
        header = self._read(4, deadline)
        length = int.from_bytes(header, "big")
        if length > wire.MAX_REPLY_BYTES:
            self.close()
            raise WorkerGone(f"reply larger than {wire.MAX_REPLY_BYTES // 2**20} MB")
        try:
            return checked_reply(wire.parse_message(self._read(length, deadline),
                                                    wire.MAX_REPLY_ITEMS))
        except wire.WireError as error:
            self.close()
            raise WorkerGone(str(error)) from None

    def _read(self, count: int, deadline: float) -> bytes:
        fd = self.process.stdout.fileno()
        chunks, remaining = [], count
        while remaining:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([fd], [], [], max(left, 0))
            if not ready:
                self.close()
                raise WorkerGone("timeout", timed_out=True)
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                self.close()
                raise WorkerGone(self._exit_reason())
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def _exit_reason(self) -> str:
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "worker closed its pipe"
        return f"worker exited with status {code}"

    def _start_failure(self, reason: str) -> str:
        self.close()
        memory = self.limits.memory_bytes // 2**20
        text = f"the sandboxed worker did not start ({reason}; memory limit {memory} MB)"
        # The last line of a traceback names the cause ("No module named 'numpy'").
        lines = [line for line in self.startup_errors.splitlines() if line.strip()]
        return f"{text}: {lines[-1].strip()}" if lines else text

    def close(self) -> None:
        if not self.alive:
            return
        self.alive = False
        kill_worker(self.worker)  # first, so that what it wrote is all there
        if not self.ready:
            self.stderr.seek(0, os.SEEK_END)
            self.stderr.seek(max(self.stderr.tell() - STDERR_TAIL_BYTES, 0))
            self.startup_errors = self.stderr.read().decode("utf-8", "replace").strip()
        self.stderr.close()
