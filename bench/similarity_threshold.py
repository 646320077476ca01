"""How long must a graded function be before two identical fingerprints mean something?

For every assignment: the written size (normalised AST nodes beyond the released stub) of the
reference answer and of each correct variant in ``tests/corpus/*/variants``, and whether any two
of them share a fingerprint. ``grader.grading.similarity.MIN_WRITTEN_NODES`` is chosen from this
table.

    python bench/similarity_threshold.py
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from grader.assignment import assignment_names, questions_in
from grader.grading.similarity import MIN_WRITTEN_NODES, shape_of, stub_sizes
from grader.grading.submission import load_submission, top_level_definitions

ROOT = Path(__file__).resolve().parents[1]


def measure(name: str) -> list[str]:
    stubs = stub_sizes(ROOT / "assignments" / f"{name}.ipynb")
    master = ROOT / "solutions" / f"{name}.ipynb"
    _, graded = questions_in(master)
    reference = top_level_definitions(load_submission(master, name).cells)
    variants: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in sorted((ROOT / "tests" / "corpus" / name / "variants").glob("*.py")):
        function, _, slug = path.stem.partition("__")
        variants[function].append((slug, path.read_text(encoding="utf-8")))
    lines = []
    for function, node in reference.items():
        if function not in graded:
            continue
        shapes = {"reference": shape_of(node)}
        for slug, source in variants[function]:
            found = top_level_definitions([source]).get(function)
            if found is not None:
                shapes[slug] = shape_of(found)
        written = {label: s.nodes - stubs[function] for label, s in shapes.items()}
        by_print = defaultdict(list)
        for label, shape in shapes.items():
            by_print[shape.fingerprint].append(label)
        collisions = [group for group in by_print.values() if len(group) > 1]
        compared = sum(size >= MIN_WRITTEN_NODES for size in written.values())
        lines.append(f"{name:<22}{function:<24}{written['reference']:>6}"
                     f"{min(written.values()):>6}{max(written.values()):>6}"
                     f"{len(shapes) - 1:>6}{compared:>6}  {collisions or '-'}")
    return lines


def main() -> None:
    print(f"MIN_WRITTEN_NODES = {MIN_WRITTEN_NODES}")
    print(f"{'assignment':<22}{'function':<24}{'ref':>6}{'min':>6}{'max':>6}{'vars':>6}"
          f"{'cmp':>6}  collisions")
    for name in assignment_names(ROOT):
        for line in measure(name):
            print(line)


if __name__ == "__main__":
    main()
