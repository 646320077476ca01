"""Which walls hold, asked from inside a real worker, as a submission would meet them.

A probe function is defined in a fresh worker like a student's cell and called with the paths it
must not see or write, this process's command line and a loopback port: it reports what it can
read, write and reach, and as which user it runs. ``python -m grader doctor`` prints the answer;
Gradescope's instructor entry shows it.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import nnkit
from grader.isolation import wire
from grader.isolation.channel import Channel
from grader.isolation.session import Settings

PROBE_TIMEOUT = 20.0
GRADER_FOLDER = Path(__file__).resolve().parents[1]

# Runs inside the worker, like a student's cell. It reports what it can see and do.
PROBE_SOURCE = '''
def _walls_probe(secrets, trusted_pid, trusted_cmdline, port, guarded):
    import os, socket
    seen = [path for path in secrets if os.path.exists(path)]
    writable = [path for path in guarded if os.access(path, os.W_OK)]
    try:
        with open(f"/proc/{trusted_pid}/cmdline", "rb") as stream:
            sees_grader = stream.read() == trusted_cmdline.encode()
    except OSError:
        sees_grader = False
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        reached = True
    except OSError:
        reached = False
    return {"seen": seen, "sees_grader": sees_grader, "reached": reached, "uid": os.getuid(),
            "writable": writable}
'''


@dataclass(frozen=True)
class WallCheck:
    name: str
    holds: bool
    detail: str


def check_walls(options: Settings, secrets: Sequence[Path] = (),
                write_protected: Sequence[Path] = ()) -> list[WallCheck]:
    """Start a worker and ask it what it can see: files, the grader's processes, the network.

    ``secrets`` are more paths it must not see (besides the answers and the grader);
    ``write_protected`` are folders it must not write (a row of their own when given).
    """
    walls = options.walls_here
    secrets = [str(Path(nnkit.__file__).parent / "reference"), str(GRADER_FOLDER),
               *map(str, secrets)]
    guarded = [str(path) for path in write_protected]
    with open(f"/proc/{os.getpid()}/cmdline", "rb") as stream:
        cmdline = stream.read().decode("utf-8", "replace")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        channel = Channel(walls, options.limits)
        try:
            channel.request({"op": "exec", "source": PROBE_SOURCE, "label": "<probe>"},
                            PROBE_TIMEOUT)
            args = [secrets, os.getpid(), cmdline, listener.getsockname()[1], guarded]
            reply = channel.request({"op": "call", "name": "_walls_probe",
                                     "args": wire.encode(args)}, PROBE_TIMEOUT)
        finally:
            channel.close()
    seen = wire.decode(reply["value"])
    uid = seen["uid"]
    checks = [
        WallCheck("filesystem", not seen["seen"],
                  "the answers and the grader are out of sight" if not seen["seen"]
                  else f"the worker can read {', '.join(seen['seen'])}"),
        WallCheck("network", not seen["reached"],
                  "no connection to this machine's loopback" if not seen["reached"]
                  else "the worker connected to a port on this machine's loopback"),
        WallCheck("PID namespace", not seen["sees_grader"],
                  "the grader's processes are out of sight" if not seen["sees_grader"]
                  else "the worker can see the grader's own process"),
        WallCheck("unprivileged user", uid not in (0, os.getuid()),
                  f"the worker runs as uid {uid}" + ("" if uid not in (0, os.getuid())
                                                     else " (the grader's own user)")),
    ]
    if guarded:
        checks.append(WallCheck(
            "write protection", not seen["writable"],
            f"the worker cannot write {', '.join(guarded)}" if not seen["writable"]
            else f"the worker can write {', '.join(seen['writable'])}"))
    return checks
