"""The one way to load an assignment's reference, cases and mistakes modules.

``nnkit.reference.<assignment>`` (the answers), ``nnkit.reference.cases.<assignment>`` (seeded
cases) and ``nnkit.reference.mistakes.<assignment>`` (known mistakes), with one failure rule:

* an **absent** module — the assignment has none (a tiny assignment whose tests carry their own
  answers), or ``nnkit.reference`` itself is not installed (the student install) — gives
  ``None``;
* a **broken** one — it exists but raises on import, a ``ModuleNotFoundError`` of something it
  imports included — raises: a typo inside a case module must not read as "no cases".
"""

from __future__ import annotations

import importlib
from types import ModuleType

PACKAGE = "nnkit.reference"


def reference_module(assignment: str) -> ModuleType | None:
    """``nnkit.reference.<assignment>``, or None where there is none."""
    return _load(f"{PACKAGE}.{assignment}")


def cases_module(assignment: str) -> ModuleType | None:
    """``nnkit.reference.cases.<assignment>``, or None where there is none."""
    return _load(f"{PACKAGE}.cases.{assignment}")


def mistakes_module(assignment: str) -> ModuleType | None:
    """``nnkit.reference.mistakes.<assignment>``, or None where there is none."""
    return _load(f"{PACKAGE}.mistakes.{assignment}")


def _load(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        # Absent: the module itself, or a package it lives in. A missing name that is not on
        # the way to ``name`` was imported by the module: the module is broken.
        if error.name is not None and (name == error.name or name.startswith(error.name + ".")):
            return None
        raise
