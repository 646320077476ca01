"""Print pip constraints that pin every declared requirement of nnkit to its floor.

``numpy>=1.26`` becomes ``numpy==1.26``, ``otter-grader[grading]==7.0.0`` stays pinned, for the
runtime dependencies and the ``dev`` extra (what the core tests need). pip has no "lowest"
resolution (``--upgrade-strategy`` only decides what gets upgraded), so .ci/pythons installs
with these as constraints: if a floor no longer works, that run fails and the floor in
pyproject.toml must be raised to what does. The constraints are read from pyproject.toml
every time, so they cannot drift from what is declared.

Usage: python .ci/lowest_constraints.py [pyproject.toml] > constraints.txt
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

# name[extras] >= or == version, the only two forms pyproject.toml uses for a floor
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*(>=|==)\s*([0-9][^,;\s]*)\s*$")


def floors(pyproject: Path, extras: tuple[str, ...] = ("dev",)) -> list[str]:
    """``name==floor`` for each requirement with a lower bound, dependencies then ``extras``.

    Args:
        pyproject: the project's pyproject.toml.
        extras: optional-dependency groups to include.

    Returns:
        Constraint lines; a requirement without ``>=`` or ``==`` raises ValueError, because
        a floor that is not declared cannot be tested.
    """
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project["optional-dependencies"][extra]
    lines = []
    for requirement in requirements:
        match = REQUIREMENT.match(requirement)
        if match is None:
            raise ValueError(f"no floor to pin in {requirement!r}")
        lines.append(f"{match[1]}=={match[4]}")
    return lines


def main(argv: list[str]) -> int:
    default = Path(__file__).resolve().parents[1] / "pyproject.toml"
    path = Path(argv[1]) if len(argv) > 1 else default
    print("\n".join(floors(path)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
