"""Memory and process limits for a whole sandbox, not per process: a control group per worker.

``RLIMIT_AS`` bounds each process; a submission that forks three children holding 1.5 GiB each
would hold 6 GiB. A control group bounds the worker and everything it starts together (memory,
tmpfs pages included, and the number of processes), and lets the grader kill all of them and
check that none is left. cgroup v2 (one hierarchy) and v1 (``memory`` and ``pids`` hierarchies)
are both supported; where neither can be written (an unprivileged user, some containers) this
module says so and the sandbox falls back to rlimits.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
GROUP_PREFIX = "nnkit-worker-"
PROCESSES_PER_SANDBOX = 64  # bubblewrap, its init, the worker, and room for a student's pool
KILL_DEADLINE = 5.0
_counter = itertools.count()


@dataclass(frozen=True)
class Hierarchy:
    """Where this process may make groups: one folder (v2), or one per controller (v1)."""

    version: int
    bases: dict[str, Path]  # controller -> the folder new groups go in


@functools.lru_cache(maxsize=1)
def hierarchy() -> Hierarchy | None:
    """The writable hierarchy with memory and pids control, or None."""
    for find in (_v2, _v1):
        found = find()
        if found is not None and all(_writable(base) for base in found.bases.values()):
            _remove_stale_groups(found)
            return found
    return None


def _own_paths() -> dict[str, str]:
    """``{controller: path}`` from /proc/self/cgroup (``""`` names the v2 hierarchy)."""
    paths = {}
    try:
        lines = Path("/proc/self/cgroup").read_text(encoding="ascii").splitlines()
    except OSError:
        return {}
    for line in lines:
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            paths[controller] = path
    return paths


def _v2() -> Hierarchy | None:
    own = _own_paths().get("")
    root = CGROUP_ROOT if (CGROUP_ROOT / "cgroup.controllers").exists() else None
    if own is None or root is None:
        return None
    base = root / own.lstrip("/")
    available = (base / "cgroup.controllers").read_text(encoding="ascii").split()
    if not {"memory", "pids"} <= set(available):
        return None
    # Groups made here get the controllers only when this folder hands them down.
    with contextlib.suppress(OSError):
        (base / "cgroup.subtree_control").write_text("+memory +pids", encoding="ascii")
    enabled = (base / "cgroup.subtree_control").read_text(encoding="ascii").split()
    if not {"memory", "pids"} <= set(enabled):
        return None
    return Hierarchy(2, {"memory": base, "pids": base})


def _v1() -> Hierarchy | None:
    own = _own_paths()
    bases = {}
    for controller in ("memory", "pids"):
        mount = CGROUP_ROOT / controller
        if controller not in own or not (mount / "cgroup.procs").exists():
            return None
        bases[controller] = mount / own[controller].lstrip("/")
    return Hierarchy(1, bases)


def _writable(folder: Path) -> bool:
    probe = folder / f"{GROUP_PREFIX}probe-{os.getpid()}"
    try:
        probe.mkdir()
        probe.rmdir()
    except OSError:
        return False
    return True


def _remove_stale_groups(found: Hierarchy) -> None:
    """Empty groups left by grading processes that were killed.

    Only those whose maker is gone: another grading process may have just made one that its
    worker has not joined yet.
    """
    for base in set(found.bases.values()):
        for stale in base.glob(f"{GROUP_PREFIX}*"):
            maker = stale.name.removeprefix(GROUP_PREFIX).split("-")[0]
            if maker.isdigit() and not Path(f"/proc/{maker}").exists():
                with contextlib.suppress(OSError):
                    stale.rmdir()


class SandboxGroup:
    """The control group(s) of one worker: limits, join (in the child), kill, remove."""

    def __init__(self, found: Hierarchy, memory_bytes: int) -> None:
        name = f"{GROUP_PREFIX}{os.getpid()}-{next(_counter)}"
        self.hierarchy = found
        self.folders = {controller: base / name for controller, base in found.bases.items()}
        for folder in set(self.folders.values()):
            folder.mkdir()
        memory, pids = self.folders["memory"], self.folders["pids"]
        if found.version == 2:
            _write(memory / "memory.max", memory_bytes)
            _write(memory / "memory.swap.max", 0, missing_ok=True)
            _write(pids / "pids.max", PROCESSES_PER_SANDBOX)
        else:
            _write(memory / "memory.limit_in_bytes", memory_bytes)
            _write(memory / "memory.memsw.limit_in_bytes", memory_bytes, missing_ok=True)
            _write(pids / "pids.max", PROCESSES_PER_SANDBOX)

    def join(self) -> None:
        """Move the calling process in (the child, between fork and exec)."""
        for folder in set(self.folders.values()):
            (folder / "cgroup.procs").write_text(str(os.getpid()), encoding="ascii")

    def members(self) -> list[int]:
        try:
            text = (self.folders["pids"] / "cgroup.procs").read_text(encoding="ascii")
        except OSError:
            return []
        return [int(pid) for pid in text.split()]

    def kill(self) -> bool:
        """Kill every process in the group and wait until none is left; True when empty."""
        kill_file = self.folders["pids"] / "cgroup.kill"
        deadline = time.monotonic() + KILL_DEADLINE
        while True:
            members = self.members()
            if not members:
                return True
            if time.monotonic() > deadline:
                return False
            if kill_file.exists():
                with contextlib.suppress(OSError):
                    kill_file.write_text("1", encoding="ascii")
            for pid in members:  # pids.max bounds how many can appear while we do this
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)

    def remove(self) -> None:
        for folder in set(self.folders.values()):
            for _ in range(50):  # a killed process leaves its group a moment later
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)


def _write(path: Path, value: int, missing_ok: bool = False) -> None:
    try:
        path.write_text(str(value), encoding="ascii")
    except FileNotFoundError:
        if not missing_ok:
            raise
