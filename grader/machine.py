"""What this machine gives the grader, in lines an instructor can read and paste into an issue."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

from grader.isolation.walls import Walls
from grader.runner import Options


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


def wall_lines(walls: Walls) -> list[str]:
    lines = [f"bubblewrap: {bubblewrap_version(walls)}"]
    lines += [f"missing wall: {wall}" for wall in walls.missing]
    return lines


def limit_lines(options: Options) -> list[str]:
    limits = options.limits
    return [f"limits: {limits.memory_bytes // 2**20} MB of address space per worker, "
            f"{options.timeout:g} s per test, {limits.cpu_seconds} s of CPU per worker"]


def describe(options: Options) -> list[str]:
    """Everything above, for the canary's refusal and for ``doctor``."""
    return interpreter_lines() + wall_lines(options.walls_here) + limit_lines(options)
