"""``python -m grader doctor``: what this machine gives the grader, and whether it grades right.

Each wall is checked from inside a real worker, as a submission would meet it; then each
assignment's own solution is graded here (the canary that ``grade`` runs first). The exit status
is non-zero when a canary fails: grading here would give wrong grades.
"""

from __future__ import annotations

import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

import nnkit
from grader import machine, sandbox
from grader.assignment import Paths, load_assignment
from grader.build import BuildError, ensure_built
from grader.canary import refusal, run_canary
from grader.channel import Channel, WorkerGone
from grader.errors import GraderError
from grader.runner import Options

EXIT_HEALTHY = 0
EXIT_WOULD_BE_WRONG = 3
PROBE_TIMEOUT = 20.0

# Runs inside the worker, like a student's cell. It reports what it can see and do.
PROBE_SOURCE = '''
def _walls_probe(secrets, trusted_pid, trusted_cmdline, port):
    import os, socket
    seen = [path for path in secrets if os.path.exists(path)]
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
    return {"seen": seen, "sees_grader": sees_grader, "reached": reached, "uid": os.getuid()}
'''


@dataclass(frozen=True)
class WallCheck:
    name: str
    holds: bool
    detail: str


def check_walls(options: Options) -> list[WallCheck]:
    """Start a worker and ask it what it can see: files, the grader's processes, the network."""
    walls = options.walls or sandbox.detect_walls()
    secrets = [str(Path(nnkit.__file__).parent / "reference"),
               str(Path(__file__).resolve().parent)]
    with open(f"/proc/{os.getpid()}/cmdline", "rb") as stream:
        cmdline = stream.read().decode("utf-8", "replace")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        channel = Channel(walls, options.limits)
        try:
            channel.request({"op": "exec", "source": PROBE_SOURCE, "label": "<probe>"},
                            PROBE_TIMEOUT)
            args = [secrets, os.getpid(), cmdline, listener.getsockname()[1]]
            from grader import wire

            reply = channel.request({"op": "call", "name": "_walls_probe",
                                     "args": wire.encode(args)}, PROBE_TIMEOUT)
        finally:
            channel.close()
    seen = wire.decode(reply["value"])
    uid = seen["uid"]
    return [
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


def run_doctor(root: Path, names: list[str], options: Options) -> int:
    print("this machine:")
    for line in machine.interpreter_lines() + machine.wall_lines(
            options.walls or sandbox.detect_walls()) + machine.limit_lines(options):
        print(f"  {line}")
    print("walls, checked from inside a worker:")
    try:
        for wall in check_walls(options):
            print(f"  {'✓' if wall.holds else '✗'} {wall.name}: {wall.detail}")
    except (GraderError, WorkerGone, KeyError) as error:
        print(f"  ✗ no worker could be started: {error}")
    print("canary: each assignment's solution graded here:")
    healthy = True
    for name in names:
        healthy &= _doctor_canary(Paths(root, name), options)
    print("verdict: " + ("grading here gives the right grades" if healthy else
                         "grading here would give wrong grades: `grade` refuses (exit 3)"))
    return EXIT_HEALTHY if healthy else EXIT_WOULD_BE_WRONG


def _doctor_canary(paths: Paths, options: Options) -> bool:
    try:
        ensure_built(paths)
    except BuildError as error:
        print(f"  ✗ {paths.name}: cannot build its grading files: {error}")
        return False
    assignment = load_assignment(paths)
    canary = run_canary(paths, assignment, options)
    result = canary.result
    score = "no score" if result.score is None else f"{result.score:g}/{result.max_score:g}"
    print(f"  {'✓' if canary.ok else '✗'} {paths.name}: {score} in {canary.seconds:.2f} s")
    if not canary.ok:
        print(refusal(assignment, canary, options), file=sys.stderr)
    return canary.ok
