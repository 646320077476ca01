"""A seccomp filter for the worker: the system calls that reach into other processes fail.

With ``ptrace`` a submission could stop bubblewrap's init in its PID namespace and clear its
die-with-parent signal, so that the sandbox outlives grading; ``process_vm_*``, ``pidfd_getfd``
and ``kcmp`` reach into other processes too, and the kernel-facing ones (``bpf``,
``perf_event_open``, ``userfaultfd``, the keyring) have no use in a student's function. Each
fails with ``EPERM``; everything else is allowed.

The filter is classic BPF, written out here (no libseccomp needed): check the architecture,
load the system call number, compare. bubblewrap loads it (``--seccomp FD``); without
bubblewrap, :func:`install` loads it in the child before ``exec``.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import struct

# struct sock_filter: u16 code, u8 jt, u8 jf, u32 k.
_INSTRUCTION = struct.Struct("=HBBI")
_LOAD_WORD = 0x20  # BPF_LD | BPF_W | BPF_ABS
_JUMP_EQUAL = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
_JUMP_GREATER_EQUAL = 0x35  # BPF_JMP | BPF_JGE | BPF_K
_RETURN = 0x06  # BPF_RET | BPF_K
_ALLOW = 0x7FFF0000
_FAIL = 0x00050000 | errno.EPERM  # SECCOMP_RET_ERRNO
_ARCH_OFFSET, _NUMBER_OFFSET = 4, 0  # in struct seccomp_data
_X32_BIT = 0x40000000

# (audit architecture, blocked system call numbers) per machine.
_BLOCKED = {
    "x86_64": (0xC000003E, {"ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311,
                            "kcmp": 312, "pidfd_getfd": 438, "bpf": 321, "perf_event_open": 298,
                            "userfaultfd": 323, "add_key": 248, "request_key": 249,
                            "keyctl": 250}),
    "aarch64": (0xC00000B7, {"ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271,
                             "kcmp": 272, "pidfd_getfd": 438, "bpf": 280, "perf_event_open": 241,
                             "userfaultfd": 282, "add_key": 217, "request_key": 218,
                             "keyctl": 219}),
}


def supported() -> bool:
    return platform.machine() in _BLOCKED


def program() -> bytes:
    """The filter for this machine's architecture, as bubblewrap's ``--seccomp`` reads it."""
    arch, numbers = _BLOCKED[platform.machine()]
    calls = sorted(numbers.values())
    fail_at = 4 + len(calls) + 1  # index of the final "fail" instruction
    code = [(_LOAD_WORD, 0, 0, _ARCH_OFFSET),
            # Another architecture's calls (e.g. i386 on x86_64) carry other numbers: refuse.
            (_JUMP_EQUAL, 0, fail_at - 2, arch),
            (_LOAD_WORD, 0, 0, _NUMBER_OFFSET),
            # The x32 ABI reaches the same calls with this bit set.
            (_JUMP_GREATER_EQUAL, fail_at - 4, 0, _X32_BIT)]
    for index, number in enumerate(calls):
        here = 4 + index
        code.append((_JUMP_EQUAL, fail_at - here - 1, 0, number))
    code += [(_RETURN, 0, 0, _ALLOW), (_RETURN, 0, 0, _FAIL)]
    return b"".join(_INSTRUCTION.pack(*instruction) for instruction in code)


def program_fd() -> int:
    """A file descriptor holding :func:`program`, positioned at its start (for ``--seccomp``)."""
    fd = os.memfd_create("nnkit-seccomp", os.MFD_CLOEXEC)
    os.write(fd, program())
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]


def install() -> None:
    """Load the filter into this process (for the child, between fork and exec)."""
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    libc = ctypes.CDLL(None, use_errno=True)
    filters = program()
    fprog = _SockFprog(len(filters) // _INSTRUCTION.size, filters)
    if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0) != 0 or \
            libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.byref(fprog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "cannot load the seccomp filter")
