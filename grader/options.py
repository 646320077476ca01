"""How submissions are graded: :class:`Options`, their defaults, and the options of one run.

The sandbox (:mod:`grader.isolation`) reads only what :class:`grader.isolation.session.Settings`
names; everything above it passes an :class:`Options`.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field

from grader.isolation.walls import (
    Limits,
    Walls,
    default_process_cap,
    detect_walls,
    warn_missing_walls,
    worker_bundle,
)

DEFAULT_TIMEOUT = 10.0
# A whole submission's seconds: a notebook whose every graded function hangs costs about one
# test timeout per function (a function that timed out fails its later tests at once).
DEFAULT_BUDGET = 120.0
BUDGET_IN_TIMEOUTS = 12  # with a longer --timeout, the budget grows with it


@dataclass
class Options:
    """How a submission is graded.

    ``timeout`` bounds each test's time in the student's code; ``budget`` the whole
    submission's, tests and definitions together (the worst case one submission can cost).
    ``blame_reruns``: a function's failing test is run again with the reference in place of the
    graded helpers it calls (:mod:`grader.grading.blame`); off, grading is end to end.
    """

    timeout: float = DEFAULT_TIMEOUT
    limits: Limits = field(default_factory=Limits)
    walls: Walls | None = None
    budget: float = DEFAULT_BUDGET
    blame_reruns: bool = True

    @property
    def walls_here(self) -> Walls:
        """The walls asked for, or else what this machine gives (detected once per process)."""
        return self.walls or detect_walls()


def prepare_options(timeout: float, memory_mb: int | None, blame_reruns: bool = True) -> Options:
    """The options of one grading run on this machine: its walls (missing ones said once), the
    worker bundle made once for every grading process, the limits and the budget."""
    walls = detect_walls()
    warn_missing_walls(walls)
    worker_bundle()  # made here, once, so that parallel grading processes share it
    limits = Limits(process_cap=default_process_cap())
    if memory_mb:
        limits = dataclasses.replace(limits, memory_bytes=memory_mb * 1024 * 1024)
    budget = max(DEFAULT_BUDGET, BUDGET_IN_TIMEOUTS * timeout)
    return Options(timeout=timeout, limits=limits, walls=walls, budget=budget,
                   blame_reruns=blame_reruns)


def default_jobs() -> int:
    """Grading processes at once: the CPUs this process may run on."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)
