"""The sandbox boundary: what runs on the untrusted side, and what talks to it across the pipe.

Untrusted (copied into the sandbox, run there by the worker's own interpreter):

- :mod:`~grader.isolation.worker` — runs a submission's definitions and answers calls;
- :mod:`~grader.isolation.wire` — plain data across the boundary, imported by both sides.

:data:`grader.isolation.walls.WORKER_SOURCES` copies these two files, by path, into the worker's
bundle as ``_grader_worker.py`` and ``_grader_wire.py`` (the worker imports the wire under that
name). They import only the standard library and NumPy, never ``grader`` or ``nnkit``: the
sandbox has neither (``tests/grader/isolation/test_wire.py`` holds them to it). The trusted side
imports them too (``wire`` everywhere; :mod:`~grader.isolation.callbacks` uses
``worker.same_rng_state``), which is sound for the same reason: nothing in them reaches back into
the grader.

Trusted (this process), around and across the boundary:

- :mod:`~grader.isolation.walls` — bubblewrap, resource limits, starting and killing a worker,
  with :mod:`~grader.isolation.cgroups`, :mod:`~grader.isolation.seccomp`,
  :mod:`~grader.isolation.unprivileged` (the fallback without bubblewrap) and
  :mod:`~grader.isolation.procfs` (what ``/proc`` says of a process);
- :mod:`~grader.isolation.channel` — the pipe to one worker: requests with deadlines, replies
  type-checked in one place;
- :mod:`~grader.isolation.session` — a worker holding one submission's definitions, restarted
  after a hang or a crash, within the submission's budget;
- :mod:`~grader.isolation.proxies` — the student's functions and objects as the tests see them;
- :mod:`~grader.isolation.callbacks` — the reference's answers to a worker's callbacks (blame
  isolation);
- :mod:`~grader.isolation.probe` — which walls hold, asked from inside a worker (``doctor``,
  Gradescope's instructor entry).

Nothing outside this package starts a worker or reads its pipe.
"""
