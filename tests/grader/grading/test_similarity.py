"""Near-identical detection: planted copies are found, independent correct code is not."""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest

from grader.assignment import assignment_names, graded_name, questions_in
from grader.grading.similarity import (
    MIN_WRITTEN_NODES,
    common_limit,
    fingerprints,
    near_identical,
    shape_of,
    stub_sizes,
)
from grader.grading.submission import load_submission, top_level_definitions
from tests.support import ROOT

ASSIGNMENTS = assignment_names(ROOT)


def master_cells(name: str) -> list[str]:
    return load_submission(ROOT / "solutions" / f"{name}.ipynb", name).cells


def graded_names(name: str) -> list[str]:
    return questions_in(ROOT / "solutions" / f"{name}.ipynb")[1]


def stub(name: str) -> Path:
    return ROOT / "assignments" / f"{name}.ipynb"


def corpus_cells(name: str, kind: str) -> list[tuple[str, str]]:
    folder = ROOT / "tests" / "corpus" / name / kind
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.py"))]


class _Renamer(ast.NodeTransformer):
    """What a copier does: every local name and parameter gets another name."""

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = mapping

    def visit_Name(self, node):
        node.id = self.mapping.get(node.id, node.id)
        return node

    def visit_arg(self, node):
        node.arg = self.mapping.get(node.arg, node.arg)
        return node


def planted_copy(source: str, rng: random.Random) -> str:
    """``source`` with locals renamed, its docstring and comments changed, a print added."""
    tree = ast.parse(source)
    local = set()
    for top in tree.body:
        if isinstance(top, (ast.FunctionDef, ast.ClassDef)):
            for node in ast.walk(top):
                if isinstance(node, ast.arg):
                    local.add(node.arg)
                elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    local.add(node.id)
    mapping = {name: f"{name.lower()}_{rng.randrange(10**6)}" for name in sorted(local)}
    tree = _Renamer(mapping).visit(tree)
    for top in tree.body:
        if isinstance(top, ast.FunctionDef):
            top.body.insert(0, ast.Expr(ast.Constant("내가 직접 쓴 함수입니다.")))
            top.body.insert(1, ast.parse("print('debug', 1)").body[0])
    header = graded_name(source)
    lines = [f"# GRADED FUNCTION: {header}"] if header else []
    for line in ast.unparse(tree).splitlines():
        lines.append(line)
        if rng.random() < 0.3:
            lines.append(" " * (len(line) - len(line.lstrip())) + f"# 메모 {rng.random():.3f}")
            lines.append("")
    return "\n".join(lines) + "\n"


def long_enough(name: str, cells: list[str]) -> dict[str, str]:
    return fingerprints(cells, graded_names(name), stub(name))


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_planted_copies_of_every_long_function_are_found(name):
    rng = random.Random(13)
    compared = 0
    solution = [("solution", c) for c in master_cells(name) if graded_name(c)]
    for label, source in solution + corpus_cells(name, "variants") + corpus_cells(name, "bugs"):
        original = long_enough(name, [source])
        copy = long_enough(name, [planted_copy(source, rng)])
        assert copy == original, label
        compared += bool(original)
    assert compared >= 10  # most graded cells are long enough to compare


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_a_class_with_planted_copies_pairs_exactly_the_copiers(name):
    """Students who each wrote a different correct variant, plus two who copied: one pair."""
    rng = random.Random(name)
    solution = master_cells(name)
    students = {f"variant-{slug}": [source] for slug, source in corpus_cells(name, "variants")}
    students["original"] = solution
    copied = [planted_copy(cell, rng) if graded_name(cell) else cell
              for cell in solution]
    rng.shuffle(copied)  # the copier also reordered the cells
    students["copier"] = copied
    prints = {student: long_enough(name, cells) for student, cells in students.items()}
    found = near_identical(prints, graded_names(name))
    assert [(p.first, p.second) for p in found.pairs] == [("copier", "original")]
    assert set(found.pairs[0].functions) == set(prints["original"])
    assert len(found.pairs[0].functions) >= 3
    assert not found.common


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_independent_correct_variants_never_share_a_fingerprint(name):
    reference = top_level_definitions(master_cells(name))
    seen: dict[tuple[str, str], str] = {}
    for label, source in [("reference", "")] + corpus_cells(name, "variants"):
        found = top_level_definitions([source]) if source else reference
        for function in graded_names(name):
            if function in found:
                key = (function, shape_of(found[function]).fingerprint)
                assert key not in seen or seen[key] == label, f"{label} = {seen.get(key)}"
                seen.setdefault(key, label)


# Prints are normalised away (students add and drop them freely): a bug that lives only in
# what a print call formats cannot change the fingerprint, and need not.
BUGS_IN_A_PRINT_CALL = {"nn_model__crashes_when_printing"}


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_each_bug_changes_the_fingerprint_of_its_function(name):
    reference = top_level_definitions(master_cells(name))
    for label, source in corpus_cells(name, "bugs"):
        function = label.partition("__")[0]
        bug = top_level_definitions([source]).get(function)
        if bug is not None and label not in BUGS_IN_A_PRINT_CALL:
            assert shape_of(bug) != shape_of(reference[function]), label


def test_short_functions_and_untouched_stubs_are_not_compared():
    name = "planar_classification"
    solution = long_enough(name, master_cells(name))
    assert "layer_sizes" not in solution and "predict" not in solution  # one-line formulas
    assert {"backward_propagation", "nn_model"} <= set(solution)
    released = load_submission(stub(name), name).cells
    assert long_enough(name, released) == {}
    assert max(stub_sizes(stub(name)).values()) >= MIN_WRITTEN_NODES  # skeletons are long


def test_normalisation_keeps_what_changes_the_computation():
    base = "def f(x, y):\n    z = np.dot(x, y)\n    return z + 1\n"
    renamed = ("def f(a, b):\n    '''doc'''\n    # c\n    q = np.dot(a, b)\n    print(q)\n"
               "    return q + 1\n")
    same = shape_of(top_level_definitions([renamed])["f"])
    assert shape_of(top_level_definitions([base])["f"]) == same
    for changed in ("def f(x, y):\n    z = np.matmul(x, y)\n    return z + 1\n",
                    "def f(x, y):\n    z = np.dot(x, y)\n    return z + 2\n",
                    "def f(x, y):\n    z = np.dot(y, x)\n    return z + 1\n"):
        assert shape_of(top_level_definitions([changed])["f"]) != same, changed


def test_the_definition_graded_is_the_last_one():
    first, last = "def f(x):\n    return x\n", "def f(x):\n    return x * 2\n"
    both = top_level_definitions([first, last])["f"]
    assert shape_of(both) == shape_of(top_level_definitions([last])["f"])


def test_a_form_shared_by_many_is_common_not_pairs():
    rng = random.Random(5)
    students = 40
    prints = {f"s{i:02d}": {"g": f"other{i}"} for i in range(students)}
    crowd = rng.sample(sorted(prints), common_limit(students) + 1)
    ring = rng.sample(sorted(set(prints) - set(crowd)), 3)
    for student in crowd:
        prints[student]["f"] = "natural"
    for student in ring:
        prints[student]["g"] = "copied"
    found = near_identical(prints, ["f", "g"])
    assert [(c.function, sorted(c.students)) for c in found.common] == [("f", sorted(crowd))]
    assert {(p.first, p.second) for p in found.pairs} == \
        {tuple(sorted(pair)) for pair in [(ring[0], ring[1]), (ring[0], ring[2]),
                                           (ring[1], ring[2])]}
    assert all(p.functions == ("g",) for p in found.pairs)
