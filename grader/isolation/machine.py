"""What this machine gives the grader, in lines an instructor can read and paste into an issue."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

from grader.isolation.session import Settings
from grader.isolation.walls import Walls


def interpreter_lines() -> list[str]:
    executable = Path(sys.executable)
    resolved = executable.resolve()
    where = f"{executable}" + (f" → {resolved}" if resolved != executable else "")
    return [
        f"interpreter: {where} ({platform.python_implementation()} {platform.python_version()})",
        f"prefix: {sys.prefix}" + (f" (base prefix {sys.base_prefix})"
                                   if sys.base_prefix != sys.prefix else ""),
    ]


def bubblewrap_version(walls: Walls) -> str:
    if not walls.bubblewrap:
        return "not used"
    try:
        completed = subprocess.run([walls.bubblewrap, "--version"], capture_output=True,
                                   text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return walls.bubblewrap
    return f"{walls.bubblewrap} ({completed.stdout.strip() or 'version unknown'})"


def missing_wall_lines(walls: Walls) -> list[str]:
    """The walls this machine cannot build, as predicted before any worker starts.

    Only where no worker was asked (:func:`grader.isolation.probe.check_walls`): what a wall's
    absence exposes depends on more than the machine (on Gradescope the grader's folders are
    closed to the worker's user), and a report must not say one thing here and another there.
    """
    return [f"missing wall: {wall}" for wall in walls.missing]


def limit_lines(options: Settings) -> list[str]:
    limits = options.limits
    return [f"limits: {limits.memory_bytes // 2**20} MB of address space per worker, "
            f"{options.timeout:g} s per test, {limits.cpu_seconds} s of CPU per worker"]


def describe(options: Settings, walls_checked: bool = False) -> list[str]:
    """The interpreter, bubblewrap and the limits, for the canary's refusal, ``doctor`` and
    Gradescope's instructor entry.

    ``walls_checked``: the caller shows what a worker saw of each wall
    (:func:`grader.isolation.probe.check_walls`), so the predicted missing walls are left out.
    """
    walls = options.walls_here
    predicted = [] if walls_checked else missing_wall_lines(walls)
    return (interpreter_lines() + [f"bubblewrap: {bubblewrap_version(walls)}"] + predicted
            + limit_lines(options))
