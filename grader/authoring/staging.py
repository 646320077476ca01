"""``build/NAME``, written aside and published whole: two commands at once in one checkout.

A CI matrix or two terminals run ``build`` beside ``build``, or ``grade`` while a build writes.
So a build never writes where readers look:

* it writes into a stage of its own, ``build/.NAME.build-XXXXXXXX/``, laid out as a checkout
  (``solutions/NAME.ipynb``, the master it was built from, and ``build/NAME/``), so that every
  path the build computes from :class:`~grader.assignment.Paths` — the zip's ``build/NAME/…``
  entries included — is the one it will have once published;
* it publishes by replacing the symlink ``build/NAME`` → ``.NAME.build-XXXXXXXX/build/NAME`` in
  one ``rename``: a reader that looks ``build/NAME/…`` up finds the old build or the new one,
  never half of either;
* the previous build stays on disk until the next publish, so that a reader that resolved
  ``build/NAME`` just before the swap still reads a whole build; older ones, and stages left by
  a build that failed or was killed, are removed by the next publish;
* builds of one assignment take turns under ``fcntl.flock`` on ``build/.NAME.lock``.

Readers need no lock: every lookup meets a whole build, and two builds of the same sources are
byte-identical.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from grader.assignment import Paths

STAGE_MARK = ".build-"


@contextmanager
def build_lock(paths: Paths) -> Iterator[None]:
    """Hold ``build/.NAME.lock`` exclusively: one build of this assignment at a time.

    Not reentrant (flock locks are per open file): take it once per process and build inside.
    """
    folder = paths.build.parent
    folder.mkdir(parents=True, exist_ok=True)
    # "a": opening never truncates or replaces the file another process is locking.
    with open(folder / f".{paths.name}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # closing the file releases the lock, also when the process dies


@contextmanager
def staged(paths: Paths, copy_current: bool = False) -> Iterator[Paths]:
    """The paths of a fresh stage for ``paths``' assignment, published as ``build/NAME`` when the
    block ends without an error and removed when it raises. Hold :func:`build_lock` around it.

    ``copy_current``: the stage starts as a copy of the published build (to add to it).
    """
    stage = Path(tempfile.mkdtemp(prefix=f".{paths.name}{STAGE_MARK}", dir=paths.build.parent))
    os.chmod(stage, 0o755)  # mkdtemp's 0700 would hide the build from the course's other users
    staged_paths = Paths(stage, paths.name)
    try:
        staged_paths.build.parent.mkdir()
        if copy_current:
            shutil.copytree(paths.build, staged_paths.build, symlinks=True)
        yield staged_paths
        _publish(paths, stage)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise


def _publish(paths: Paths, stage: Path) -> None:
    """Point ``build/NAME`` at ``stage`` in one rename; keep the build it replaces."""
    link = paths.build
    previous = _published_stage(paths)
    temporary = link.with_name(f".{paths.name}.link-{secrets.token_hex(4)}")
    temporary.symlink_to(Path(stage.name) / "build" / paths.name)
    aside = None
    if link.is_dir() and not link.is_symlink():
        # A build folder from before stages: a folder cannot be replaced by a symlink in one
        # rename, so for this one publish a reader may briefly find no build/NAME.
        aside = link.with_name(f".{paths.name}.old-{secrets.token_hex(4)}")
        link.rename(aside)
    os.replace(temporary, link)
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    _remove_stages(paths, keep={stage.name, previous})


def _published_stage(paths: Paths) -> str | None:
    """The name of the stage ``build/NAME`` points at; None for a plain folder or none."""
    try:
        target = Path(os.readlink(paths.build))
    except OSError:
        return None
    return target.parts[0] if target.parts else None


def _remove_stages(paths: Paths, keep: set[str | None]) -> None:
    """Remove this assignment's stages other than ``keep``: superseded builds and the leftovers
    of builds that failed or were killed (only the lock holder builds, so none is in use)."""
    for stage in paths.build.parent.glob(f".{paths.name}{STAGE_MARK}*"):
        if stage.name not in keep:
            shutil.rmtree(stage, ignore_errors=True)
