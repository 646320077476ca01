"""Judge every mutant of an assignment: in parallel, each verdict cached.

A verdict depends on the mutant's source and on nothing else but the assignment's build (the
solution notebook, the tests), its reference and case modules, and this package; the cache key
is the hash of all of those (:func:`fingerprint`) with the mutant's source. A rerun with nothing
changed grades nothing: ``build/.mutation-cache/NAME/<key>.json`` (or under
``$NNKIT_MUTATION_CACHE``).

The unmutated reference is judged first, as a mutant: it must be equivalent and keep every
point, or the mutants of that function prove nothing (a test that fails the reference, or a
reference that needs a name the notebook lacks).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from grader.assignment import Paths, load_assignment
from grader.files import write_atomically
from grader.mutation import classify
from grader.mutation.mutants import Mutant, cell_for, graded_part, mutants_of, plain_source

CACHE = ".mutation-cache"
BASELINE = "reference"  # the operator name of the unmutated reference
# The modules a verdict is computed by (the graded cell itself is part of each key): a change
# to one of them judges every mutant again.
JUDGING = ("classify", "equivalence")


@dataclass
class Run:
    verdicts: list[classify.Verdict]  # mutants only
    baselines: list[classify.Verdict]  # the unmutated reference of each function
    seconds: float
    graded: int  # verdicts computed now, not read from the cache


def cache_folder(paths: Paths) -> Path:
    """Where verdicts are kept: ``build/.mutation-cache/NAME``, or ``$NNKIT_MUTATION_CACHE/NAME``
    (CI keeps it outside its fresh clone: the keys are content hashes, so checkouts can share
    it)."""
    shared = os.environ.get("NNKIT_MUTATION_CACHE")
    return (Path(shared) if shared else paths.build.parent / CACHE) / paths.name


def functions(paths: Paths) -> list[str]:
    """The graded names, in notebook order."""
    return list(load_assignment(paths).graded_names)


def baseline(paths: Paths, function: str) -> Mutant:
    source = plain_source(paths.name, function)
    return Mutant(function, BASELINE, "the reference itself", 0, source, source)


def run(paths: Paths, jobs: int = 2, only: list[str] | None = None,
        progress: bool = False) -> Run:
    """The verdict of every mutant of every graded function (or of ``only`` those)."""
    started = time.monotonic()
    names = [f for f in functions(paths) if only is None or f in only]
    todo = [baseline(paths, f) for f in names] + [m for f in names
                                                  for m in mutants_of(paths.name, f)
                                                  if graded_part(paths, m)]
    verdicts, graded = cached_verdicts(paths, todo, cache_folder(paths), jobs=jobs,
                                       progress=progress, prune=only is None)
    return Run([v for v in verdicts if v.operator != BASELINE],
               [v for v in verdicts if v.operator == BASELINE],
               time.monotonic() - started, graded)


def cached_verdicts(paths: Paths, todo: list[Mutant], folder: Path, *, jobs: int = 2,
                    progress: bool = False, prune: bool = True,
                    kind: Callable[..., Any] = classify.Verdict,
                    judge: Callable[[Paths, Mutant], Any] = classify.judge,
                    noun: str = "mutants", salt: str = "") -> tuple[list[Any], int]:
    """The verdict of each of ``todo``, in order, and how many were judged now: read from
    ``folder`` where cached, else judged in ``jobs`` processes with ``judge`` and cached as a
    ``kind``. ``salt`` keeps one kind's keys apart from another's; ``prune`` forgets the
    verdicts of what ``todo`` no longer holds (a full run's)."""
    folder.mkdir(parents=True, exist_ok=True)
    assignment_key = fingerprint(paths)
    files = [folder / f"{_key(paths, assignment_key, change, salt)}.json" for change in todo]
    found = {i: verdict for i, file in enumerate(files)
             if (verdict := _read(file, kind)) is not None}
    missing = [i for i in range(len(todo)) if i not in found]
    if missing:
        _judge(paths, [(todo[i], files[i]) for i in missing], jobs, progress, found, missing,
               judge=judge, noun=noun)
    if prune:
        _prune(folder, keep=set(files))
    return [found[i] for i in range(len(todo))], len(missing)


def _judge(paths: Paths, work: list[tuple[Mutant, Path]], jobs: int, progress: bool,
           found: dict[int, Any], indices: list[int],
           judge: Callable[[Paths, Mutant], Any] = classify.judge, noun: str = "mutants") -> None:
    """Judge ``work`` in ``jobs`` processes with ``judge`` (a verdict with ``error`` and
    ``to_json``, :mod:`.full_marks`' too); each verdict is cached as soon as it is known."""
    with ProcessPoolExecutor(max_workers=max(1, jobs), initializer=_one_blas_thread) as pool:
        futures = [pool.submit(judge, paths, mutant) for mutant, _ in work]
        for done, (index, (_, file), future) in enumerate(zip(indices, work, futures,
                                                              strict=True), 1):
            found[index] = verdict = future.result()
            _write(file, verdict)
            if progress:
                print(f"\r  judged {done}/{len(work)} {noun}", end="", file=sys.stderr,
                      flush=True)
    if progress:
        print(file=sys.stderr)


def fingerprint(paths: Paths) -> str:
    """What every verdict of this assignment depends on, besides the mutant's own source."""
    import nnkit.reference

    reference = Path(nnkit.reference.__file__).parent
    sources = [paths.manifest, *sorted(paths.tests.glob("*.py")),
               reference / f"{paths.name}.py", reference / "cases" / f"{paths.name}.py",
               *(Path(__file__).with_name(f"{m}.py") for m in JUDGING)]
    digest = hashlib.sha256(_code_of(paths.solution_notebook).encode())
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()


def _code_of(notebook: Path) -> str:
    """The code cells' sources: what a submission made from the notebook runs. Not its outputs
    or metadata, which differ from one build of the same sources to the next."""
    cells = nbformat.read(notebook, as_version=4).cells
    return "\n\0".join(cell.source for cell in cells if cell.cell_type == "code")


def _key(paths: Paths, fingerprint_: str, mutant: Mutant, salt: str = "") -> str:
    """The verdict's cache key: the assignment's fingerprint and the mutant's graded cell."""
    text = (f"{fingerprint_}\n{salt}{mutant.operator}\n{mutant.description}\n"
            f"{cell_for(paths, mutant)}")
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _read(path: Path, kind: Callable[..., Any] = classify.Verdict) -> Any:
    """The cached verdict at ``path`` as a ``kind``; None when there is none (or an old one)."""
    try:
        return kind(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _write(path: Path, verdict: Any) -> None:
    """Write aside and rename: a reader never meets half a verdict."""
    if verdict.error:
        return  # the machine failed, not the mutant: judge it again next time
    write_atomically(path, json.dumps(verdict.to_json()))


def _prune(folder: Path, keep: set[Path]) -> None:
    """Forget the verdicts of builds and mutants that no longer exist (a full run keeps its own)."""
    for path in folder.glob("*.json"):
        if path not in keep and not path.name.startswith("."):  # not another run's half-written
            path.unlink(missing_ok=True)


def _one_blas_thread() -> None:
    """Two workers on two cores: one BLAS thread each resists contention (see shared notes)."""
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(1)
