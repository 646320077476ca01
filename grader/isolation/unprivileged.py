"""Without bubblewrap, as root: the student's code runs as an unprivileged user.

Gradescope runs the grader as root, in containers that may lack user namespaces, where
bubblewrap cannot start. There the worker drops to ``nobody`` between fork and exec (it keeps its
own session and process group and the same resource limits, see :mod:`grader.isolation.walls`),
and the folders it must not touch belong to root alone: :func:`guard_folders` makes the grader's
own files unreadable and the results unwritable to it. What it leaves running, detached
processes included, is killed by :func:`sweep` before the trusted side writes the grade.

A process that is not root cannot drop to another user, and runs the worker as itself (the
``unprivileged user`` wall is then missing, as ``python -m grader doctor`` says).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import pwd
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy

from grader.isolation import cgroups, procfs

WORKER_USER = "nobody"
NOBODY_ID = 65534  # where the user database has no ``nobody``
SWEEP_SECONDS = 10.0
# Run as the worker's user: kill(-1) reaches every process of that user and nothing else.
KILL_ALL_OF_THIS_USER = "import os, signal\ntry:\n    os.kill(-1, signal.SIGKILL)\n" \
                        "except ProcessLookupError:\n    pass\n"


@dataclass(frozen=True)
class Identity:
    uid: int
    gid: int
    process_cap: int | None = None  # RLIMIT_NPROC, where no control group caps the sandbox

    def popen_arguments(self) -> dict:
        """Arguments that make :class:`subprocess.Popen` start a process as this user."""
        return {"user": self.uid, "group": self.gid, "extra_groups": []}

    def enter(self) -> None:
        """Become this user: in the child, between fork and exec, as its last privileged step.

        ``RLIMIT_NPROC`` counts this user's processes; root, exempt from it, sets it first.
        """
        if self.process_cap is not None:
            resource.setrlimit(resource.RLIMIT_NPROC, (self.process_cap, self.process_cap))
        os.setgroups([])
        os.setresgid(self.gid, self.gid, self.gid)
        os.setresuid(self.uid, self.uid, self.uid)


@functools.lru_cache(maxsize=1)
def worker_identity() -> Identity | None:
    """The user the worker runs as when bubblewrap is missing, or None.

    None unless this process is root and that user can start this interpreter and import NumPy
    (an interpreter under a folder closed to other users, such as a pyenv in /root, cannot be
    run by it: the worker then runs as root, and the grader says so).
    """
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(WORKER_USER)
        identity = Identity(entry.pw_uid, entry.pw_gid)
    except KeyError:
        identity = Identity(NOBODY_ID, NOBODY_ID)
    if not _runs_python(identity):
        print(f"grader: warning: the unprivileged user {identity.uid} cannot run "
              f"{sys.executable} with NumPy (a folder on the way is closed to other users); "
              "without bubblewrap the submissions' code runs as root", file=sys.stderr)
        return None
    return identity


def _runs_python(identity: Identity) -> bool:
    numpy_folder = str(Path(numpy.__file__).parents[1])
    probe = [str(Path(sys.executable).resolve()), "-I", "-S", "-c",
             "import sys; sys.path.insert(0, sys.argv[1]); import numpy", numpy_folder]
    try:
        completed = subprocess.run(probe, capture_output=True, cwd="/", timeout=60,
                                   **identity.popen_arguments())
    except (OSError, subprocess.SubprocessError):
        return False
    return completed.returncode == 0


def drops_privileges() -> bool:
    return worker_identity() is not None


def hand_over(scratch: str | None, capped_by_group: bool) -> Identity | None:
    """The user a worker started now runs as (None: it stays ours), owning its scratch folder.

    Without a control group, its processes are capped at those the user runs now (what earlier
    workers left, until :func:`sweep`) plus a sandbox's share.
    """
    identity = worker_identity()
    if identity is None:
        return None
    if scratch:
        os.chown(scratch, identity.uid, identity.gid)
    if capped_by_group:
        return identity
    running = len(processes_of(identity.uid))
    return dataclasses.replace(identity, process_cap=running + cgroups.PROCESSES_PER_SANDBOX)


def guard_folders(private: list[Path], write_protected: list[Path]) -> None:
    """``private``: root's alone (mode 700); ``write_protected``: readable, writable by root only.

    A no-op for a process that is not root: its worker runs as itself and these modes would not
    keep it out.
    """
    if os.geteuid() != 0:
        return
    for folder, mode in [(f, 0o700) for f in private] + [(f, 0o755) for f in write_protected]:
        folder.mkdir(parents=True, exist_ok=True)
        os.chown(folder, 0, 0)
        os.chmod(folder, mode)


def sweep() -> int:
    """Kill every process of the worker's user; return how many were running.

    Called once grading is over, before the grade is written: a process that the student's code
    detached from its process group (``setsid``, a double fork) is still the worker's user.
    Only safe where nothing else runs as that user — the grading container.
    """
    identity = worker_identity()
    if identity is None:
        return 0
    found = set(processes_of(identity.uid))
    deadline = time.monotonic() + SWEEP_SECONDS
    survivors = found
    while survivors and time.monotonic() < deadline:
        subprocess.run([sys.executable, "-I", "-S", "-c", KILL_ALL_OF_THIS_USER],
                       timeout=SWEEP_SECONDS, check=False, **identity.popen_arguments())
        time.sleep(0.05)
        survivors = set(processes_of(identity.uid))
        found |= survivors
    if survivors:  # only processes that fork faster than they are killed get here
        print(f"grader: warning: {len(survivors)} process(es) of uid {identity.uid} survived "
              f"{SWEEP_SECONDS:g} s of killing", file=sys.stderr)
    return len(found)


def processes_of(uid: int) -> list[int]:
    """Live processes (not zombies) owned by ``uid``, as ``/proc`` shows them."""
    found = []
    for pid in procfs.pids():
        try:
            owner = os.stat(f"/proc/{pid}").st_uid
        except OSError:
            continue  # it ended meanwhile
        if owner == uid and procfs.is_alive(pid):
            found.append(pid)
    return found

