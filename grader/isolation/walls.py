"""Walls around the untrusted worker: namespaces (bubblewrap), resource limits, process groups.

With bubblewrap the worker sees a read-only view of the system and the Python installation, a
student-only copy of ``nnkit`` (no ``reference``), a small private /tmp, no network, its own PID
namespace (everything it starts dies with it) and an unprivileged user. Without bubblewrap it still
runs in its own session and process group under the same resource limits; what is missing is said
once on stderr. Either way the grade is decided on the trusted side.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import resource
import shutil
import signal
import site
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy

import nnkit
from grader.isolation import cgroups, procfs, seccomp, unprivileged

WORKER_SOURCES = {"_grader_worker.py": "worker.py", "_grader_wire.py": "wire.py"}
SANDBOX_TMP_BYTES = 64 * 1024 * 1024
SANDBOX_SHM_BYTES = 1024 * 1024  # POSIX semaphores need a little; data does not belong there


@dataclass(frozen=True)
class Limits:
    """Per-worker resource limits.

    ``memory_bytes`` bounds each process (``RLIMIT_AS``) and, where a control group can be
    made, the whole sandbox together. ``process_cap`` is the ``RLIMIT_NPROC`` fallback used
    where no control group can be made (it counts all of the user's processes, and root is
    exempt from it).
    """

    memory_bytes: int = 4 * 1024**3
    file_bytes: int = 16 * 1024**2
    open_files: int = 256
    cpu_seconds: int = 600
    process_cap: int | None = None
    # OpenBLAS threads of the worker: 1 when grading (see _environment). Only the trusted side
    # sets it, for the correct rewrites' check that a grade does not depend on it
    # (grader/mutation/full_marks.py); the submission cannot change it.
    blas_threads: int = 1


@dataclass(frozen=True)
class Walls:
    """Which isolation mechanisms this machine offers."""

    bubblewrap: str | None

    @property
    def missing(self) -> list[str]:
        if self.bubblewrap:
            return []
        missing = [
            "filesystem namespace (tests, reference answers and other submissions are readable)",
            "network namespace (the submission can open connections)",
            "PID namespace (detached processes may outlive grading)",
        ]
        return missing if unprivileged.drops_privileges() else [*missing, "unprivileged user"]


@functools.lru_cache(maxsize=1)
def detect_walls() -> Walls:
    """Find a working bubblewrap; ``NNKIT_SANDBOX=none`` turns the namespaces off on purpose."""
    if os.environ.get("NNKIT_SANDBOX") == "none":
        return Walls(bubblewrap=None)
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return Walls(bubblewrap=None)
    probe = [bwrap, *_namespace_args(), *_mount_args(Path(tempfile.gettempdir())), "true"]
    try:
        ok = subprocess.run(probe, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return Walls(bubblewrap=bwrap if ok else None)


def warn_missing_walls(walls: Walls) -> None:
    for wall in walls.missing:
        print(f"grader: warning: no {wall}; install bubblewrap (apt-get install bubblewrap)",
              file=sys.stderr)


@functools.lru_cache(maxsize=1)
def worker_bundle() -> Path:
    """A private folder holding the worker script and a student-only copy of nnkit.

    Made once per grading run (forked grading processes inherit it) and removed at exit.
    """
    bundle = Path(tempfile.mkdtemp(prefix="nnkit-worker-"))
    owner = os.getpid()
    # Forked grading processes inherit this hook but leave through os._exit: only the
    # process that made the folder removes it.
    atexit.register(lambda: os.getpid() == owner and shutil.rmtree(bundle, ignore_errors=True))
    here = Path(__file__).parent
    for target, source in WORKER_SOURCES.items():
        shutil.copyfile(here / source, bundle / target)
    package = Path(nnkit.__file__).parent
    shutil.copytree(package, bundle / "nnkit",
                    ignore=shutil.ignore_patterns("reference", "__pycache__", "*.pyc"))
    os.chmod(bundle, 0o755)
    return bundle


def _python_roots() -> list[Path]:
    """Folders the interpreter and NumPy need, deduplicated, outermost first."""
    candidates = {Path(sys.base_prefix), Path(sys.prefix), Path(numpy.__file__).parents[1],
                  Path(sys.executable).resolve().parents[1]}
    candidates |= set(_site_dirs())
    candidates.add(Path(sysconfig.get_paths()["purelib"]))
    # Never "/": a root folder would make every file of the machine readable in the sandbox.
    resolved = sorted({c.resolve() for c in candidates if c.exists()} - {Path("/")},
                      key=lambda p: len(p.parts))
    roots: list[Path] = []
    for path in resolved:
        if not any(path.is_relative_to(root) for root in roots):
            roots.append(path)
    return roots


def _hidden_paths(roots: list[Path]) -> list[Path]:
    """Installed copies of the answers and the grader inside mounted folders: mask them."""
    hidden = []
    for root in roots:
        for name in ("nnkit/reference", "grader"):
            for site_dir in [root, *root.glob("lib/python3*/site-packages")]:
                if (site_dir / name).is_dir():
                    hidden.append(site_dir / name)
    package = Path(nnkit.__file__).resolve().parent
    if any(package.is_relative_to(root) for root in roots):
        hidden.append(package / "reference")
    return hidden


def _namespace_args() -> list[str]:
    nobody = str(unprivileged.NOBODY_ID)
    return ["--unshare-all", "--die-with-parent", "--new-session",
            "--uid", nobody, "--gid", nobody, "--hostname", "sandbox"]


def _mount_args(bundle: Path) -> list[str]:
    # bubblewrap applies these in order: the private /tmp comes before the interpreter's
    # folders, so that a venv or prefix under /tmp is mounted on top of it, not hidden by it;
    # the masks of installed answers come after the folders they sit in.
    args = ["--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev",
            "--size", str(SANDBOX_SHM_BYTES), "--tmpfs", "/dev/shm", "--remount-ro", "/dev"]
    for link in ("bin", "lib", "lib64", "lib32", "sbin"):
        path = Path("/") / link
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for config in ("/etc/ld.so.cache", "/etc/localtime"):
        args += ["--ro-bind-try", config, config]
    args += ["--size", str(SANDBOX_TMP_BYTES), "--tmpfs", "/tmp"]
    roots = _python_roots()
    for root in roots:
        args += ["--ro-bind", str(root), str(root)]
    for hidden in _hidden_paths(roots):
        args += ["--tmpfs", str(hidden)]
    args += ["--ro-bind", str(bundle), "/opt/worker", "--remount-ro", "/", "--chdir", "/tmp"]
    return args


def _environment(blas_threads: int = 1) -> dict[str, str]:
    threads = str(blas_threads)
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": "/tmp",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        # One BLAS thread is as fast at these sizes and resists contention between grading
        # processes.
        "OPENBLAS_NUM_THREADS": threads,
        "OMP_NUM_THREADS": threads,
        "MKL_NUM_THREADS": threads,
    }


def worker_command(walls: Walls, filter_fd: int | None = None,
                   blas_threads: int = 1) -> tuple[list[str], dict[str, str]]:
    """The argv and environment that start one worker (``filter_fd``: bubblewrap's seccomp;
    ``blas_threads``: :attr:`Limits.blas_threads`)."""
    bundle = worker_bundle()
    python = str(Path(sys.executable).resolve())
    env = _environment(blas_threads)
    if walls.bubblewrap:
        inner = [python, "-I", "-S", "/opt/worker/_grader_worker.py", "/opt/worker",
                 *[str(p) for p in _site_dirs()]]
        setenv = [arg for key, value in env.items() for arg in ("--setenv", key, value)]
        seccomp_args = [] if filter_fd is None else ["--seccomp", str(filter_fd)]
        argv = [walls.bubblewrap, *seccomp_args, *_namespace_args(), *_mount_args(bundle),
                "--clearenv", *setenv, *inner]
        return argv, {}
    scratch = tempfile.mkdtemp(prefix="nnkit-scratch-")
    env |= {"HOME": scratch, "MPLCONFIGDIR": scratch, "TMPDIR": scratch}
    inner = [python, "-I", "-S", str(bundle / "_grader_worker.py"), str(bundle),
             *[str(p) for p in _site_dirs()]]
    return inner, env


def _site_dirs() -> list[Path]:
    """Where this interpreter finds packages: its site folders, a ``--user`` site, NumPy's."""
    dirs = [Path(p) for p in site.getsitepackages()]
    if site.ENABLE_USER_SITE:
        dirs.append(Path(site.getusersitepackages()))
    dirs.append(Path(numpy.__file__).parents[1])
    unique: list[Path] = []
    for path in dirs:
        if path.exists() and path.resolve() not in unique:
            unique.append(path.resolve())
    return unique


def default_process_cap() -> int | None:
    """The ``RLIMIT_NPROC`` fallback: what this user runs now plus room for the sandboxes.

    None where it is not needed (a control group caps the sandbox) or has no effect (root).
    """
    if cgroups.hierarchy() is not None or os.getuid() == 0:
        return None
    uid = str(os.getuid())
    running = 0
    for entry in os.scandir("/proc"):
        with contextlib.suppress(OSError):
            running += entry.name.isdigit() and _owner(entry.name) == uid
    return running + 4 * cgroups.PROCESSES_PER_SANDBOX


def _owner(pid: str) -> str:
    with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as stream:
        for line in stream:
            if line.startswith("Uid:"):
                return line.split()[1]
    return ""


def _prepare_child(limits: Limits, group: cgroups.SandboxGroup | None,
                   filter_here: bool, identity: unprivileged.Identity | None = None) -> None:
    """Runs in the child between fork and exec: limits, the control group, the user, the filter."""
    for name, value in (
        (resource.RLIMIT_AS, limits.memory_bytes),
        (resource.RLIMIT_FSIZE, limits.file_bytes),
        (resource.RLIMIT_NOFILE, limits.open_files),
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(name, (value, value))
    if group is not None:
        group.join()
    elif limits.process_cap is not None:
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.process_cap, limits.process_cap))
    if identity is not None:  # after joining the group, whose files only root may write
        identity.enter()
    if filter_here:
        seccomp.install()


@dataclass
class WorkerProcess:
    """A started worker: the process, its control group and its scratch folder, if any."""

    popen: subprocess.Popen
    group: cgroups.SandboxGroup | None
    scratch: str | None


def start_worker(walls: Walls, limits: Limits, stderr: IO[bytes]) -> WorkerProcess:
    """Start a worker in its own session; kill it with :func:`kill_worker`.

    ``stderr`` receives what the worker (and bubblewrap) say before the worker is ready; the
    worker silences it before any of the student's code runs.
    """
    filter_fd = seccomp.program_fd() if walls.bubblewrap and seccomp.supported() else None
    found = cgroups.hierarchy()
    group = None
    try:
        argv, env = worker_command(walls, filter_fd, limits.blas_threads)
        group = cgroups.SandboxGroup(found, limits.memory_bytes) if found else None
        # Without bubblewrap, a grader running as root runs the worker as an unprivileged user.
        identity = None if walls.bubblewrap else \
            unprivileged.hand_over(env.get("TMPDIR"), capped_by_group=group is not None)
        popen = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, env=env,
            cwd=env.get("HOME", "/"), start_new_session=True,
            pass_fds=() if filter_fd is None else (filter_fd,),
            preexec_fn=functools.partial(
                _prepare_child, limits, group,
                filter_here=not walls.bubblewrap and seccomp.supported(), identity=identity),
        )
    except BaseException:
        if group is not None:
            group.remove()
        raise
    finally:
        if filter_fd is not None:
            os.close(filter_fd)
    # Without bubblewrap: a private folder to remove at the end.
    return WorkerProcess(popen, group, env.get("TMPDIR"))


def kill_worker(worker: WorkerProcess) -> bool:
    """Kill the worker and everything it started, and check that nothing is left.

    With a control group every member is killed until the group is empty. Without one, the
    descendants found in /proc are killed one by one (with bubblewrap they all live in its PID
    namespace, which dies with its init). Returns False, and says so, if a process survives.
    """
    popen = worker.popen
    descendants = [] if worker.group else _descendants(popen.pid)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(popen.pid, signal.SIGKILL)
    for pid in descendants:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    for stream in (popen.stdin, popen.stdout):
        with contextlib.suppress(OSError):
            stream.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        popen.wait(timeout=5)
    if worker.group is not None:
        gone = worker.group.kill()
        worker.group.remove()
    else:
        gone = _wait_until_gone(descendants)
    if worker.scratch:
        shutil.rmtree(worker.scratch, ignore_errors=True)
    if not gone:
        print(f"grader: warning: a process of worker {popen.pid} survived SIGKILL",
              file=sys.stderr)
    return gone


def _descendants(root: int) -> list[int]:
    """Every process below ``root``, from /proc (children of children included)."""
    children: dict[int, list[int]] = {}
    for pid in procfs.pids():
        fields = procfs.stat_fields(pid)
        if fields is not None:
            children.setdefault(int(fields[1]), []).append(pid)
    found, frontier = [], [root]
    while frontier:
        kids = children.get(frontier.pop(), [])
        found += kids
        frontier += kids
    return found


def _wait_until_gone(pids: list[int], seconds: float = cgroups.KILL_DEADLINE) -> bool:
    deadline = time.monotonic() + seconds
    while True:
        alive = [pid for pid in pids if procfs.is_alive(pid)]
        if not alive:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
