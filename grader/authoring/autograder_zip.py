"""``build/NAME/NAME-autograder.zip``: Gradescope grades with our runner (:mod:`grader.gradescope`).

Gradescope unpacks the zip into /autograder/source; at its root:

- ``setup.sh``, ``install_grader.sh``, ``run_autograder``: from ``grader/gradescope/files/``;
- ``requirements.txt``: the dependencies and all they require, at the versions this interpreter
  has, for every Python the project supports (:mod:`grader.authoring.pins`); setup.sh installs them
  into a venv of their own;
- ``files/nnkit-V+trusted-py3-none-any.whl``: nnkit with its answers, and the grader — the
  trusted side, installed where only root reads;
- ``build/NAME/manifest.json``, ``build/NAME/tests/*.py``: the assignment, laid out as in the
  project's ``build/`` so that the grader reads it the same way;
- ``build/NAME/dist/autograder/NAME.ipynb``: the solution, graded first (the canary);
- ``gradescope.json``: the build's options (:class:`grader.gradescope.ZipConfig`);
- ``not_graded.json``: the results.json of a run in which the grader could not even start.

The student's code gets none of it: the worker's ``nnkit`` is a copy without ``reference``, and
the image's site-packages hold only third-party packages.
"""

from __future__ import annotations

import json
from pathlib import Path

from grader.assignment import Paths
from grader.authoring import pins
from grader.authoring.wheel import (
    project_metadata,
    trusted_spec,
    write_reproducible_zip,
    write_wheel,
)
from grader.errors import EXIT_GRADER_ERRORS
from grader.gradescope.config import CONFIG_FILE, ZipConfig
from grader.gradescope.results import Environment, Verdict, results_json

SCRIPTS = Path(__file__).resolve().parents[1] / "gradescope" / "files"
EXECUTABLES = ("setup.sh", "install_grader.sh", "run_autograder")
REQUIREMENTS_HEADER = ("# The grader's dependencies and all they require, at the versions its "
                       "build tested; setup.sh installs them with --no-deps.")
NOT_GRADED_REASON = ("run_autograder: python3 could not run the grader (see the autograder "
                     "output: a package missing from the image, or the wrong Python)")


def zip_path(paths: Paths) -> Path:
    return paths.build / f"{paths.name}-autograder.zip"


def write_autograder_zip(paths: Paths, code_root: Path, config: ZipConfig) -> Path:
    """Write the zip from a built assignment; ``code_root`` is the checkout whose nnkit and
    grader the trusted side runs (a test's temporary project holds only ``solutions/``)."""
    wheel = write_wheel(code_root, trusted_spec(code_root), paths.build / "trusted")
    # pyproject.toml's list, the one copy; pinned_closure drops a requirement's own extras
    # (otter-grader[grading] brings a Jupyter kernel for otter's own grading; ours needs none).
    project = project_metadata(code_root)
    requirements = project["dependencies"]
    entries: dict[str, bytes] = {name: (SCRIPTS / name).read_bytes() for name in EXECUTABLES}
    entries |= {
        "requirements.txt": _lines([REQUIREMENTS_HEADER, *pins.requirement_lines(
            pins.pinned_closure(requirements), project.get("requires-python", ""))]),
        f"files/{wheel.name}": wheel.read_bytes(),
        CONFIG_FILE: config.to_json().encode(),
        "not_graded.json": _not_graded_json(config),
    }
    for path in [paths.manifest, paths.solution_notebook, *sorted(paths.tests.glob("*.py"))]:
        entries[path.relative_to(paths.root).as_posix()] = path.read_bytes()
    return write_reproducible_zip(zip_path(paths), entries.items(), EXECUTABLES)


def _lines(items: list[str]) -> bytes:
    return "".join(f"{item}\n" for item in items).encode()


def _not_graded_json(config: ZipConfig) -> bytes:
    report = results_json(Verdict(EXIT_GRADER_ERRORS, reason=NOT_GRADED_REASON), Environment(),
                          config.visibility)
    return (json.dumps(report, ensure_ascii=False, indent=1) + "\n").encode()
