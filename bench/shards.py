"""A class graded as N shards then merged, against the same class graded in one run.

The class is the ``mini`` test assignment (``tests/fixtures/mini``, built once into a temporary
folder): a quarter correct, a quarter with each function's bug, a few unreadable files. It is
graded once whole, then as ``--shard K/N`` for K = 1 … N one after another on this machine (each
standing for one machine of an array job), then merged. The bench fails unless the merged folder
holds the same bytes as the single run, file by file. Printed: the wall time of the single run,
of each shard, of the merge, and the slowest shard plus the merge (what N machines would take).

    python bench/shards.py [--class-size 1000] [--shards 4] [--jobs 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from grader.course.shards import Shard  # noqa: E402
from grader.options import prepare_options  # noqa: E402
from grader.run.grade import grade_all  # noqa: E402
from grader.run.merge import merge
from tests.support.grader_fixtures import build_mini, submission  # noqa: E402

BUGS = [
    {"double": "# GRADED FUNCTION: double\ndef double(x):\n    return 3 * x"},
    {"affine": "# GRADED FUNCTION: affine\ndef affine(X, W, b):\n    return X @ W"},
    {"draw": "# GRADED FUNCTION: draw\ndef draw(n):\n    np.random.seed(0)\n"
             "    return np.random.randn(n)"},
    {},
]


def make_class(paths, folder: Path, size: int) -> None:
    for i in range(size):
        if i % 97 == 13:  # an unreadable file: its row is an error, in every run alike
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"student{i:04d}.ipynb").write_text("{not json", encoding="utf-8")
        else:
            submission(paths, folder / f"student{i:04d}.ipynb", **BUGS[i % len(BUGS)])


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--class-size", type=int, default=1000)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nnkit-shards-") as temporary:
        root = Path(temporary)
        paths = build_mini(root / "project")
        make_class(paths, root / "class", args.class_size)
        options = prepare_options(10.0, None)

        def grade(out: Path, shard: Shard | None = None) -> None:
            grade_all(paths, [root / "class"], out, args.jobs, options, progress=False,
                      shard=shard)

        single = timed(lambda: grade(root / "whole"))
        print(f"class of {args.class_size}, --jobs {args.jobs}")
        print(f"one run:        {single:8.1f} s")
        shards = [root / f"shard{k}" for k in range(1, args.shards + 1)]
        times = []
        for k, folder in enumerate(shards, start=1):
            times.append(timed(lambda k=k, folder=folder: grade(folder, Shard(k, args.shards))))
            rows = len(list((folder / ".results").glob("*.json")))
            print(f"shard {k}/{args.shards}:    {times[-1]:8.1f} s  ({rows} submissions)")
        merging = timed(lambda: merge(shards, root / "merged"))
        print(f"merge:          {merging:8.1f} s")
        print(f"slowest shard + merge (N machines): {max(times) + merging:.1f} s; "
              f"all shards one after another: {sum(times) + merging:.1f} s")
        whole, merged = tree(root / "whole"), tree(root / "merged")
        differing = sorted(name for name in whole.keys() | merged.keys()
                           if whole.get(name) != merged.get(name))
        if differing:
            print(f"DIFFERENT: {len(differing)} file(s), e.g. {differing[:5]}")
            return 1
        print(f"same bytes: {len(whole)} files identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
