"""Files written whole or not at all: what every writer of a graded folder or a build uses."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: str | bytes, mode: int | None = None) -> None:
    """Write to a temporary file beside ``path``, then rename: readers never see half a file,
    and two writers at once leave one whole file. Text is written as UTF-8, as it is.

    ``mode``: the file's permissions (default: the temporary file's, 0600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        stream.flush()
        os.fsync(stream.fileno())
        if mode is not None:
            os.fchmod(stream.fileno(), mode)
    os.replace(temporary, path)


def write_if_changed(path: Path, text: str) -> None:
    """:func:`write_atomically` unless ``path`` holds ``text`` already: rewriting (and syncing)
    a thousand unchanged feedback pages on each rerun costs seconds."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    write_atomically(path, text)
