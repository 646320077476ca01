"""Seconds per submission on (emulated) Gradescope: our zip vs the otter zip of before.

    python bench/gradescope_zip.py              # 5 runs of each, planar_classification
    python bench/gradescope_zip.py --runs 9

Both zips grade the planar solution in the emulated Gradescope container of
tests/support/gradescope_emulation.py (bubblewrap as root: /autograder bound, the system and this
interpreter read-only), one fresh container per run, timed from the start of run_autograder to
its end:

- ours: ``build/NAME/NAME-autograder.zip``, with bubblewrap working in the container and with it
  failing there (the unprivileged-user fallback);
- otter's: the zip ``otter assign`` makes (what ``build`` published until now), its setup
  emulated the way the old setup.sh did it (the full nnkit wheel, answers included, installed
  for the interpreter that runs the student's notebook), run as its run_autograder does
  (``python run_otter.py`` in that environment): it executes the whole notebook in a kernel.

Prints the median and the spread. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.assignment import Paths  # noqa: E402
from grader.authoring.build import build, otter_zip  # noqa: E402
from grader.authoring.wheel import trusted_spec, write_wheel  # noqa: E402
from tests.support import gradescope_emulation as emulation  # noqa: E402

NAME = "planar_classification"
# The old zip's run_autograder, its conda environment being this interpreter plus lib/.
OTTER_RUN_AUTOGRADER = ("#!/usr/bin/env bash\nPYTHONPATH=/autograder/source/lib "
                        "python3 /autograder/source/run_otter.py\n")


def otter_image(paths: Paths, folder: Path) -> emulation.Image:
    """The otter zip unpacked, with what its setup.sh installed: nnkit with its answers."""
    source = folder / "source"
    with zipfile.ZipFile(otter_zip(paths)) as archive:
        archive.extractall(source)
    wheel = write_wheel(ROOT, trusted_spec(ROOT), folder / "wheel")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--target", str(source / "lib"), str(wheel)], check=True,
                   env=os.environ | {"PIP_ROOT_USER_ACTION": "ignore"})
    (source / "run_autograder").write_text(OTTER_RUN_AUTOGRADER, encoding="utf-8")
    os.chmod(source / "run_autograder", 0o755)
    return emulation.Image(source)


def time_runs(image: emulation.Image, notebook: bytes, scratch: Path, runs: int,
              bubblewrap: bool = True) -> tuple[list[float], str]:
    """Seconds of each run, and the score the last one wrote."""
    seconds, score = [], ""
    for index in range(runs):
        run = emulation.run_autograder(image, scratch / f"run{index}",
                                       {f"{NAME}.ipynb": notebook}, bubblewrap=bubblewrap,
                                       timeout=600)
        if run.results is None:
            raise RuntimeError(f"run {index} wrote no results.json:\n{run.output[-2000:]}")
        seconds.append(run.seconds)
        tests = [t for t in run.results["tests"] if t.get("max_score")]
        total = run.results.get("score", sum(t.get("score", 0) for t in tests))
        score = f"{total:g}/{sum(t['max_score'] for t in tests):g}"
    return seconds, score


def describe(label: str, seconds: list[float], score: str) -> str:
    return (f"  {label:<38} {statistics.median(seconds):6.2f} s per submission "
            f"(min {min(seconds):.2f}, max {max(seconds):.2f}, {len(seconds)} runs; "
            f"score {score})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nnkit-bench-gradescope-") as scratch_dir:
        scratch = Path(scratch_dir)
        shutil.copytree(ROOT / "solutions", scratch / "project" / "solutions")
        paths = Paths(scratch / "project", NAME)
        build(paths, run_tests=False, update_student=False)
        notebook = paths.solution_notebook.read_bytes()
        ours = emulation.install(paths.build / f"{NAME}-autograder.zip", scratch / "ours")
        theirs = otter_image(paths, scratch / "otter")
        results = {
            "our zip, bubblewrap": time_runs(ours, notebook, scratch / "a", args.runs),
            "our zip, unprivileged-user fallback": time_runs(ours, notebook, scratch / "b",
                                                             args.runs, bubblewrap=False),
            "otter's zip (grading in the kernel)": time_runs(theirs, notebook, scratch / "c",
                                                             args.runs),
        }
    print(f"Gradescope, emulated: {NAME} solution, one fresh container per run "
          f"(load average {os.getloadavg()[0]:.1f})")
    for label, (seconds, score) in results.items():
        print(describe(label, seconds, score))
    ratio = statistics.median(results["otter's zip (grading in the kernel)"][0]) / \
        statistics.median(results["our zip, bubblewrap"][0])
    print(f"  otter's zip / ours: {ratio:.1f}x")


if __name__ == "__main__":
    main()
