"""Grading speed: ``python -m grader grade`` vs ``otter run`` on the same files, in one run.

    python bench/grading_vs_otter.py            # 10 solution copies, then a class of 200
    python bench/grading_vs_otter.py --copies 5 --class-size 40

Part 1 grades N copies of the planar solution one at a time with each tool and prints seconds
per submission and the ratio. Part 2 grades a realistic class (correct, buggy, hanging and hostile
submissions from tests/corpus) with ``--jobs 2`` and otter with two processes side by side, and
prints submissions per minute. ``otter run`` has no timeout of its own: here each of its runs is
cut at --otter-timeout seconds (a hanging submission would otherwise stall it forever).
Not a test: timings depend on the machine; nothing here asserts them.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader import corpus  # noqa: E402
from grader.assignment import Paths  # noqa: E402
from grader.authoring.build import build, is_current, otter_zip  # noqa: E402

NAME = "planar_classification"


def grade_with_grader(folder: Path, out: Path, jobs: int, timeout: float) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "grader", "grade", NAME, str(folder), "--out", str(out),
                    "--jobs", str(jobs), "--timeout", str(timeout)],
                   cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def otter_run_one(zip_path: Path, notebook: Path, out: Path, timeout: float) -> bool:
    out.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["otter", "run", "-a", str(zip_path), "-o", str(out), str(notebook)],
                       check=False, capture_output=True, timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        return False


def grade_with_otter(zip_path: Path, notebooks: list[Path], out: Path, jobs: int,
                     timeout: float) -> tuple[float, int]:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        finished = list(pool.map(
            lambda pair: otter_run_one(zip_path, pair[1], out / str(pair[0]), timeout),
            enumerate(notebooks)))
    return time.perf_counter() - started, finished.count(False)


def write_class(paths: Paths, folder: Path, size: int, seed: int) -> dict[str, int]:
    entries = corpus.entries(paths, ("bugs", "variants", "hostile"))
    hostile = [e for e in entries if e.kind == "hostile"]
    hanging = [e for e in hostile if "hang" in e.slug or "loop" in e.slug]
    others = [e for e in entries if e not in hanging]
    rng = random.Random(seed)
    counts = {"correct": 0, "corpus": 0, "hanging": 0}
    for index in range(size):
        roll = rng.random()
        target = folder / f"student{index:03d}.ipynb"
        if roll < 0.5:
            shutil.copyfile(paths.solution_notebook, target)
            counts["correct"] += 1
            continue
        entry = rng.choice(hanging) if roll > 0.95 and hanging else rng.choice(others)
        import nbformat

        nbformat.write(corpus.notebook_with(paths, {entry.function: entry.source}), target)
        counts["hanging" if entry in hanging else "corpus"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--class-size", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=3.0, help="grader's per-test timeout")
    parser.add_argument("--otter-timeout", type=float, default=120.0)
    parser.add_argument("--otter-sample", type=int, default=20,
                        help="class submissions that otter runs (it needs ~40 s each: "
                             "it executes whole notebooks); its rate is per submission")
    args = parser.parse_args()

    paths = Paths(ROOT, NAME)
    if not is_current(paths):
        build(paths, run_tests=False, update_student=False)
    zip_path = otter_zip(paths)  # otter's own zip: `otter run` grades in the student's kernel
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        copies = scratch / "copies"
        copies.mkdir()
        for index in range(args.copies):
            shutil.copyfile(paths.solution_notebook, copies / f"copy{index:03d}.ipynb")
        ours = grade_with_grader(copies, scratch / "ours", jobs=1, timeout=args.timeout)
        theirs, _ = grade_with_otter(zip_path, sorted(copies.iterdir()), scratch / "otter",
                                     jobs=1, timeout=args.otter_timeout)
        print(f"Part 1: {args.copies} copies of the solution, one at a time (2-core machine)")
        print(f"  python -m grader grade : {ours / args.copies:6.2f} s per submission "
              f"(process start and imports included)")
        print(f"  otter run              : {theirs / args.copies:6.2f} s per submission")
        print(f"  ratio grader/otter     : {ours / theirs:6.2f}")

        if args.class_size:
            klass = scratch / "class"
            klass.mkdir()
            counts = write_class(paths, klass, args.class_size, seed=0)
            ours = grade_with_grader(klass, scratch / "class-ours", args.jobs, args.timeout)
            everything = sorted(klass.iterdir())
            step = max(1, len(everything) // max(args.otter_sample, 1))
            sample = everything[::step][: args.otter_sample]  # spread over the whole mix
            theirs, cut = grade_with_otter(zip_path, sample, scratch / "class-otter", args.jobs,
                                           args.otter_timeout)
            theirs = theirs * args.class_size / max(len(sample), 1)  # same rate, whole class
            print(f"\nPart 2: a class of {args.class_size} ({counts}), --jobs {args.jobs}")
            print(f"  python -m grader grade : {ours:7.1f} s, "
                  f"{60 * args.class_size / ours:6.1f} submissions/minute")
            print(f"  otter run ({args.jobs} parallel) : {theirs:7.1f} s for the class at the rate "
                  f"measured on {len(sample)} of them: {60 * args.class_size / theirs:6.1f} "
                  f"submissions/minute ({cut} runs cut at {args.otter_timeout:g} s)")
            print(f"  ratio grader/otter     : {ours / theirs:6.2f}")


if __name__ == "__main__":
    main()
