"""Mutants a master accepts: ``solutions/NAME.mutants.toml``, each with its reason.

```toml
[[allow]]
id = "axis_changed@41d23952"          # as `python -m grader mutate NAME` prints it
function = "backward_propagation"
reason = "n_y = 1 in this course: summing db2 over every axis gives the same (1, 1)"
```

A file beside the master rather than its raw config cells: editing it rebuilds nothing (the
master's source hash, the student notebook and the autograder zip stay as they are), it can
be reviewed as a plain diff, and a mutant's id is only known after the build. An id names the
mutated source, so an entry whose mutant no longer exists (the reference changed) is stale and
must be looked at again.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from grader.assignment import Paths


@dataclass(frozen=True)
class Allowance:
    id: str
    function: str
    reason: str


def allow_file(paths: Paths) -> Path:
    return paths.root / "solutions" / f"{paths.name}.mutants.toml"


def allowances(paths: Paths) -> dict[str, Allowance]:
    """``id → Allowance`` from the master's list; none when it has no file.

    An entry without a reason is an error: accepting a survivor is a decision to explain.
    """
    path = allow_file(paths)
    if not path.exists():
        return {}
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("allow", [])
    found = {}
    for entry in entries:
        if not str(entry.get("reason", "")).strip():
            raise ValueError(f"{path.name}: mutant {entry.get('id')!r} is listed without a reason")
        found[entry["id"]] = Allowance(entry["id"], entry.get("function", ""), entry["reason"])
    return found
