"""Gradescope's image built for real: a Debian root file system, the zip's setup.sh run inside it.

:func:`bare_root` makes a minimal Debian (``debootstrap --variant=minbase``) with ``python3`` and
``python3-pip`` from apt, as Gradescope's Ubuntu base image has them, and keeps it in
:data:`CACHE` (one folder per release) so that the next run only copies it. :func:`build_image`
copies that root, unpacks the zip into its ``/autograder/source`` and runs ``setup.sh`` there as
root with apt and pip reaching the network and nothing of the project visible.
:func:`run_autograder` then grades one upload in a fresh container made from the image: the
image's root read-only, a fresh copy of its ``/autograder`` and private ``/tmp``.

Containers are bubblewrap mount, PID, IPC and UTS namespaces run as root. With
``user_namespaces=False`` a seccomp filter makes ``unshare`` and ``clone`` with ``CLONE_NEWUSER``
fail with ``EPERM`` and ``clone3`` with ``ENOSYS``, as Docker's default profile does: the
image's own bubblewrap then fails in the kernel, and the grader must fall back to its
unprivileged user.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import platform
import re
import shutil
import struct
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(os.environ.get("NNKIT_DEBOOTSTRAP_CACHE", "/var/cache/nnkit-debootstrap"))
RELEASES = {"bookworm": "3.11", "trixie": "3.13"}  # release → its python3
# What Gradescope's base image already holds before setup.sh: Python and pip from apt.
BARE_PACKAGES = ("python3", "python3-pip")
DEFAULT_MIRROR = "http://deb.debian.org/debian"
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


@dataclass(frozen=True)
class Timed:
    """A folder made, and how long making it took."""

    path: Path
    seconds: float
    cold: bool = False  # the bare root was made now, not copied from the cache


@dataclass(frozen=True)
class Image:
    """A root file system after the zip's setup.sh: what Gradescope snapshots."""

    root: Path
    release: str
    setup_seconds: float
    setup_output: str


@dataclass(frozen=True)
class Run:
    """One upload graded in a fresh container made from the image."""

    returncode: int
    output: str
    results: dict | None
    seconds: float

    @property
    def scores(self) -> dict[str, float]:
        """Each graded function's score (the instructor's hidden entry has no max_score)."""
        return {t["name"]: t["score"] for t in self.results["tests"] if t.get("max_score")}

    def test(self, name: str) -> dict:
        return next(t for t in self.results["tests"] if t["name"] == name)


def missing_tools() -> list[str]:
    """What this machine lacks to build and run an image (empty: it can)."""
    missing = [tool for tool in ("debootstrap", "bwrap") if shutil.which(tool) is None]
    if os.geteuid() != 0:
        missing.append("root")
    if platform.machine() not in _SYSCALLS:
        missing.append(f"a seccomp filter for {platform.machine()}")
    return missing


def mirror() -> str:
    """The Debian mirror this machine's apt uses (the network here reaches that one)."""
    sources = [*Path("/etc/apt/sources.list.d").glob("*.sources"), Path("/etc/apt/sources.list"),
               *Path("/etc/apt/sources.list.d").glob("*.list")]
    for source in sources:
        try:
            text = source.read_text(encoding="utf-8")
        except OSError:
            continue
        found = re.search(r"^(?:URIs:|deb)\s+(?:\[[^]]*\]\s+)?(\S+/debian)/?\s*$", text,
                          re.MULTILINE)
        if found:
            return found[1]
    return DEFAULT_MIRROR


def bare_root(release: str) -> Timed:
    """The cached bare root of ``release``, made first if the cache has none.

    Made aside and renamed into place under a lock, so that two test runs never see half a root.
    """
    CACHE.mkdir(parents=True, exist_ok=True)
    target = CACHE / release
    started = time.monotonic()
    with _locked(CACHE / f"{release}.lock"):
        if (target / "usr" / "bin" / "python3").exists():
            return Timed(target, time.monotonic() - started)
        partial = Path(tempfile.mkdtemp(prefix=f"{release}.partial-", dir=CACHE))
        os.chmod(partial, 0o755)  # it becomes "/": mkdtemp's 700 would shut out every other user
        command = ["debootstrap", "--variant=minbase", f"--include={','.join(BARE_PACKAGES)}",
                   release, str(partial), mirror()]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=900)
        if completed.returncode != 0:
            shutil.rmtree(partial, ignore_errors=True)
            raise RuntimeError(f"debootstrap {release} failed:\n{completed.stdout[-3000:]}"
                               f"{completed.stderr[-3000:]}")
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
    return Timed(target, time.monotonic() - started, cold=True)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def copy_root(bare: Path, destination: Path) -> Timed:
    """A private copy of a cached root: what setup.sh installs must not reach the cache."""
    started = time.monotonic()
    subprocess.run(["cp", "-a", "--reflink=auto", str(bare), str(destination)], check=True)
    os.chmod(destination, 0o755)  # "/" as in any image (a root cached with another mode too)
    return Timed(destination, time.monotonic() - started)


def connect_to_network(root: Path) -> None:
    """Let pip inside the root through this machine's proxy, as Gradescope's network lets it.

    The proxy's certificate is trusted only by this machine's bundle; pip's own certifi (in the
    venv's pip) reads /etc/pip.conf. This machine's other pip settings stay outside.
    """
    shutil.copyfile(HOST_CA_BUNDLE, root / "etc/ssl/certs/ca-certificates.crt")
    (root / "etc/pip.conf").write_text("[global]\ncert = /etc/ssl/certs/ca-certificates.crt\n")
    shutil.copyfile("/etc/resolv.conf", root / "etc/resolv.conf")


def unpack(zip_path: Path, root: Path) -> None:
    """Unpack the zip into /autograder/source as Gradescope does (modes kept)."""
    source = root / "autograder" / "source"
    source.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(source)
        for info in archive.infolist():  # zipfile does not restore modes; Gradescope's unzip does
            os.chmod(source / info.filename, (info.external_attr >> 16) or 0o644)
    os.chmod(root / "autograder", 0o755)
    os.chmod(source, 0o755)


def build_image(release: str, zip_path: Path, folder: Path) -> tuple[Image, Timed, Timed]:
    """Copy the bare root, unpack the zip and run its setup.sh, as root, online.

    Returns the image, the bare root (cold or cached) and the copy; raises if setup.sh fails.
    """
    bare = bare_root(release)
    copy = copy_root(bare.path, folder / release)
    root = copy.path
    connect_to_network(root)
    unpack(zip_path, root)
    started = time.monotonic()
    # Gradescope runs it from /autograder/source; its apt sources are the base image's own.
    completed = _in_root(root, ["bash", "/autograder/source/setup.sh"], writable=True,
                         chdir="/autograder/source", timeout=1200)
    seconds = time.monotonic() - started
    output = completed.stdout + completed.stderr
    if completed.returncode != 0:
        raise RuntimeError(f"setup.sh failed on {release} (exit {completed.returncode}) after "
                           f"{seconds:.0f} s:\n{output[-6000:]}")
    return Image(root, release, seconds, output), bare, copy


def run_autograder(image: Image, scratch: Path, files: dict[str, bytes], *,
                   user_namespaces: bool, timeout: float = 600) -> Run:
    """Grade ``files`` (the student's upload) in a fresh container from ``image``."""
    autograder = scratch / "autograder"
    shutil.copytree(image.root / "autograder", autograder, symlinks=True)
    (autograder / "submission").mkdir()
    for name, content in files.items():
        (autograder / "submission" / name).write_bytes(content)
    (autograder / "results").mkdir()
    os.chmod(autograder / "results", 0o777)  # the grader must close it itself
    metadata = {"id": 1, "created_at": "2026-12-01T10:00:00+09:00", "users": [],
                "assignment": {"due_date": "2026-12-08T23:59:00+09:00"},
                "previous_submissions": []}
    (autograder / "submission_metadata.json").write_text(json.dumps(metadata))
    shutil.copy2(autograder / "source" / "run_autograder", autograder / "run_autograder")
    started = time.monotonic()
    completed = _in_root(image.root, ["/autograder/run_autograder"], writable=False,
                         autograder=autograder, user_namespaces=user_namespaces,
                         chdir="/autograder", timeout=timeout)
    seconds = time.monotonic() - started
    results_file = autograder / "results" / "results.json"
    results = json.loads(results_file.read_text(encoding="utf-8")) \
        if results_file.exists() else None
    return Run(completed.returncode, completed.stdout + completed.stderr, results, seconds)


def run_in_image(image: Image, command: list[str], *, user_namespaces: bool = True,
                 timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``command`` in a fresh container from ``image`` (no /autograder of its own)."""
    return _in_root(image.root, command, writable=False, chdir="/", timeout=timeout,
                    user_namespaces=user_namespaces)


def _in_root(root: Path, command: list[str], *, writable: bool, chdir: str, timeout: float,
             autograder: Path | None = None,
             user_namespaces: bool = True) -> subprocess.CompletedProcess:
    """Run ``command`` as root in a container whose ``/`` is ``root``, with a clean environment.

    ``writable``: the root itself (setup.sh builds the image); otherwise it is read-only, with a
    private /tmp, /var/tmp, /root and /run, and ``autograder`` bound at /autograder.
    """
    args = ["bwrap", "--die-with-parent", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--hostname", "gradescope"]
    if writable:
        args += ["--bind", str(root), "/"]
    else:
        args += ["--ro-bind", str(root), "/"]
        for folder in ("/tmp", "/var/tmp", "/root", "/run"):
            args += ["--tmpfs", folder]
        if autograder is not None:
            args += ["--bind", str(autograder), "/autograder"]
    # /proc: this machine's, covered inside by a fresh one of the container's PID namespace
    # (bubblewrap's own --proc adds read-only covers that keep a nested bubblewrap from
    # mounting a /proc of its own). No /sys: no control groups to make, as in a container.
    args += ["--dev-bind", "/proc", "/proc", "--dev", "/dev"]
    pass_fds: tuple[int, ...] = ()
    if not user_namespaces:
        descriptor = _filter_fd()
        args += ["--seccomp", str(descriptor)]
        pass_fds = (descriptor,)
    args += ["--clearenv", "--setenv", "PATH", PATH, "--setenv", "HOME", "/root",
             "--setenv", "LANG", "C.UTF-8", "--setenv", "DEBIAN_FRONTEND", "noninteractive",
             "--chdir", chdir, "sh", "-c", 'mount -t proc proc /proc && exec "$@"', "sh",
             *command]
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                              pass_fds=pass_fds, env={"PATH": PATH})
    finally:
        for descriptor in pass_fds:
            os.close(descriptor)


# Classic BPF (struct sock_filter: u16 code, u8 jt, u8 jf, u32 k), as bubblewrap's --seccomp
# reads it. Per machine: audit architecture, and the numbers of clone, unshare and clone3.
_SYSCALLS = {"x86_64": (0xC000003E, 56, 272, 435), "aarch64": (0xC00000B7, 220, 97, 435)}
_INSTRUCTION = struct.Struct("=HBBI")
_LOAD_WORD, _JUMP_EQUAL, _AND, _RETURN = 0x20, 0x15, 0x54, 0x06
_ALLOW = 0x7FFF0000
_ERRNO = 0x00050000
CLONE_NEWUSER = 0x10000000
_FLAGS_OFFSET = 16  # seccomp_data.args[0], its low 32 bits on a little-endian machine


def without_user_namespaces() -> bytes:
    """A seccomp program: no new user namespace, as in a Docker container's default profile.

    ``clone``/``unshare`` with ``CLONE_NEWUSER`` fail with ``EPERM``; ``clone3`` fails with
    ``ENOSYS`` (its flags sit in memory a filter cannot read; the C library then uses
    ``clone``). Everything else is allowed.
    """
    arch, clone, unshare, clone3 = _SYSCALLS[platform.machine()]
    code = [
        (_LOAD_WORD, 0, 0, 4),                     # 0: the architecture
        (_JUMP_EQUAL, 1, 0, arch),                 # 1: ours → 3
        (_RETURN, 0, 0, _ALLOW),                   # 2
        (_LOAD_WORD, 0, 0, 0),                     # 3: the system call's number
        (_JUMP_EQUAL, 0, 1, clone3),               # 4
        (_RETURN, 0, 0, _ERRNO | errno.ENOSYS),    # 5
        (_JUMP_EQUAL, 1, 0, clone),                # 6: → 8
        (_JUMP_EQUAL, 0, 4, unshare),              # 7: neither → 12
        (_LOAD_WORD, 0, 0, _FLAGS_OFFSET),         # 8: the flags
        (_AND, 0, 0, CLONE_NEWUSER),               # 9
        (_JUMP_EQUAL, 1, 0, 0),                    # 10: no new user namespace → 12
        (_RETURN, 0, 0, _ERRNO | errno.EPERM),     # 11
        (_RETURN, 0, 0, _ALLOW),                   # 12
    ]
    return b"".join(_INSTRUCTION.pack(*instruction) for instruction in code)


def _filter_fd() -> int:
    """A readable descriptor holding the filter, for bubblewrap's ``--seccomp``."""
    descriptor = os.memfd_create("no-user-namespaces", 0)
    os.write(descriptor, without_user_namespaces())
    os.lseek(descriptor, 0, os.SEEK_SET)
    return descriptor
