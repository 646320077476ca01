"""``python -m grader validate`` for every assignment, as CI runs it.

For each assignment: the master builds (otter assign executes the notebook top to bottom and runs
every test on the solution), the committed student notebook is what the build produces, the
solution scores 100 % and the released stubs 0 through the sandboxed grader, and every corpus bug
loses points with a message naming its function while every correct variant keeps full marks.
"""

from __future__ import annotations

import pytest

from grader.assignment import Paths, assignment_names
from grader.options import prepare_options
from grader.validate import validate_one
from tests.support import ROOT

ASSIGNMENTS = assignment_names(ROOT)


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_validate(name, notebook_data):
    paths = Paths(ROOT, name)
    if not paths.master.exists():
        pytest.fail(f"solutions/{name}.ipynb is missing")
    problems = validate_one(paths, prepare_options(timeout=10.0, memory_mb=None))
    assert not problems, "\n".join(problems)
