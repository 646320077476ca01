"""What a build decides for Gradescope (carried in the zip as ``gradescope.json``) and where
Gradescope puts things. The build (:mod:`grader.authoring`) reads only this module of the wing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

AUTOGRADER = Path("/autograder")


CONFIG_FILE = "gradescope.json"


VISIBILITIES = ("visible", "after_due_date", "after_published", "hidden")


@dataclass(frozen=True)
class ZipConfig:
    """The build's options, carried in the zip as ``gradescope.json``."""

    assignment: str
    visibility: str = "visible"  # of each function's entry: Gradescope's test visibility
    timeout: float = 10.0
    memory_mb: int | None = None

    def __post_init__(self) -> None:
        if self.visibility not in VISIBILITIES:
            raise ValueError(f"visibility must be one of {', '.join(VISIBILITIES)}, "
                             f"not {self.visibility!r}")

    @classmethod
    def read(cls, source: Path) -> ZipConfig:
        return cls(**json.loads((source / CONFIG_FILE).read_text(encoding="utf-8")))

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1) + "\n"


@dataclass(frozen=True)
class Layout:
    """Gradescope's folders."""

    root: Path = AUTOGRADER

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def submission(self) -> Path:
        return self.root / "submission"

    @property
    def results(self) -> Path:
        return self.root / "results"
