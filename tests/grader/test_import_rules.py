"""The house rules of ``grader/``: each wing imports only the wings below it, and no module
imports itself back through others (``grader/__init__.py`` and ``docs/design.md`` draw it).

Every ``import`` counts, those inside functions too: an import deferred to dodge a cycle is
still an arrow.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import grader

GRADER = Path(grader.__file__).resolve().parent
BASE = ("words", "errors", "assignment", "literal_text", "files")
# Bottom to top: a room may import the base and any room listed before it.
LAYERS = (
    ("base",),
    ("isolation",),
    ("options",),
    ("grading",),
    ("course",),
    ("reporting",),
    ("run",),
    ("gradescope",),
    ("authoring",),
    ("validation",),
    ("mutation",),
    ("validate", "demo"),
    ("__main__",),
)
RANK = {room: rank for rank, rooms in enumerate(LAYERS) for room in rooms}


def module_name(path: Path) -> str:
    parts = path.relative_to(GRADER.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room(module: str) -> str:
    """``grader.run.grade`` → ``run``; ``grader.words`` → ``base``; ``grader`` → ``grader``."""
    parts = module.split(".")
    if len(parts) == 1:
        return "grader"
    return "base" if parts[1] in BASE else parts[1]


def imported_modules(path: Path, module: str) -> Iterator[str]:
    """The grader modules ``path`` imports, relative imports resolved; ``from grader import
    words`` is ``grader.words``."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("grader"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base == "grader":
                yield from (f"grader.{alias.name}" for alias in node.names)
            elif base.startswith("grader."):
                yield base


def import_graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in GRADER.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        targets = set()
        for target in imported_modules(path, name):
            while target not in modules and "." in target:  # a name imported from a module
                target = target.rpartition(".")[0]
            if target != name and target in modules:
                targets.add(target)
        graph[name] = targets
    return graph


GRAPH = import_graph()


def test_every_room_has_a_place_in_the_layers():
    rooms = {room(m) for m in GRAPH} - {"grader"}
    assert rooms <= set(RANK), f"rooms with no layer: {sorted(rooms - set(RANK))}"


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if m != "grader"))
def test_a_module_imports_only_its_own_room_and_the_rooms_below(module):
    own = room(module)
    upward = sorted(target for target in GRAPH[module]
                    if room(target) != own and RANK.get(room(target), 0) >= RANK[own]
                    and room(target) != "grader")
    assert not upward, f"{module} imports upward or sideways: {upward}"


def test_no_module_imports_itself_back():
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target] if target in path
                              else [module, target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, f"import cycles: {cycles}"


def test_the_rule_catches_an_upward_import(tmp_path):
    """The checker itself, against a module that imports a room above its own."""
    bad = tmp_path / "grader" / "isolation" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("from grader.run.grade import grade_one\nfrom .wire import encode\n",
                   encoding="utf-8")
    found = set(imported_modules(bad, "grader.isolation.bad"))
    assert found == {"grader.run.grade", "grader.isolation.wire"}
    assert RANK[room("grader.run.grade")] > RANK[room("grader.isolation.bad")]
