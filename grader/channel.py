"""The trusted end of the pipe to one worker: requests with deadlines, restarts after a kill."""

from __future__ import annotations

import os
import select
import subprocess
import time

from grader import sandbox, wire


class WorkerGone(Exception):
    """The worker died, hung past its deadline or broke the protocol."""

    def __init__(self, reason: str, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.timed_out = timed_out


class Channel:
    """One live worker process; :meth:`request` either answers or leaves it dead."""

    def __init__(self, walls: sandbox.Walls, limits: sandbox.Limits) -> None:
        self.process: subprocess.Popen = sandbox.start_worker(walls, limits)
        self.alive = True

    def request(self, message: dict, timeout: float) -> dict:
        if not self.alive:
            raise WorkerGone("worker is not running")
        deadline = time.monotonic() + timeout
        try:
            wire.send_message(self.process.stdin, message)
        except (BrokenPipeError, OSError):
            self.close()
            raise WorkerGone("worker exited") from None
        header = self._read(4, deadline)
        length = int.from_bytes(header, "big")
        if length > wire.MAX_MESSAGE_BYTES:
            self.close()
            raise WorkerGone("reply too large")
        try:
            return wire.parse_message(self._read(length, deadline))
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

    def close(self) -> None:
        if self.alive:
            self.alive = False
            sandbox.kill_worker(self.process)
