"""What ``/proc`` says of processes: enough to find a worker's descendants and to know when a
killed process is gone."""

from __future__ import annotations

import os
from collections.abc import Iterator


def pids() -> Iterator[int]:
    """The processes running now (some may end while this is read)."""
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            yield int(entry.name)


def stat_fields(pid: int) -> list[bytes] | None:
    """The fields of ``/proc/PID/stat`` after the command name — state first, then the parent's
    pid — or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stream:
            # The command name may hold spaces or parentheses: the fields follow the last ")".
            fields = stream.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields if len(fields) >= 2 else None


def is_alive(pid: int) -> bool:
    """Running, or stopped: not gone and not a zombie (which holds nothing; its parent, gone
    too, will not reap it)."""
    fields = stat_fields(pid)
    return fields is not None and fields[0] != b"Z"
