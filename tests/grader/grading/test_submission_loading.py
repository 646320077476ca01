"""Loading a submission: the definition filter, clear error statuses, otter export zips."""

from __future__ import annotations

import ast
import json
import zipfile
from pathlib import Path

import pytest

from grader.grading import submission as loader
from grader.grading.submission import (
    SubmissionError,
    keep_definitions,
    load_submission,
    mentions_reference,
)


def notebook(*sources: str, **metadata) -> dict:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# 제목"}]
    cells += [{"cell_type": "code", "metadata": {}, "source": source, "outputs": [],
               "execution_count": None} for source in sources]
    kernel = {"name": "python3", "language": "python", "display_name": "Python 3"}
    return {"nbformat": 4, "nbformat_minor": 5, "cells": cells,
            "metadata": {"kernelspec": kernel, **metadata}}


def write(path: Path, content) -> Path:
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# ------------------------------------------------------------------------- definition filter

def test_definitions_and_literal_constants_are_kept():
    source = '''
import numpy as np
from math import pi as PI
LEARNING_RATE = 0.01
SIZES: tuple = (2, 4, 1)
NAMES = {"a": [1, 2.5, None], "b": (True, -3)}

def layer_sizes(X, Y):
    for i in range(3):
        print(i)
    return X.shape[0], 4, Y.shape[0]

async def later():
    return 1

class Model:
    rate = 0.1

    def forward(self, x):
        return x
'''
    kept = ast.parse(keep_definitions(source))
    names = [type(node).__name__ for node in kept.body]
    assert names == ["Import", "ImportFrom", "Assign", "AnnAssign", "Assign", "FunctionDef",
                     "AsyncFunctionDef", "ClassDef"]
    assert "print(i)" in keep_definitions(source)  # function bodies are untouched


def test_experiments_are_dropped():
    source = '''
import numpy as np
X = np.random.randn(2, 400)
parameters = nn_model(X, Y, n_h=4, num_iterations=10000)
for i in range(10 ** 9):
    pass
while True:
    pass
print("accuracy", 0.9)
plt.show()
if __name__ == "__main__":
    train()
with open("/etc/passwd") as f:
    f.read()
try:
    train()
except Exception:
    pass
del X
x += 1
cost = compute_cost(A2, Y)
'''
    assert keep_definitions(source).strip() == "import numpy as np"


def test_magics_and_shell_escapes_are_dropped():
    source = "%matplotlib inline\n!pip install torch\n  %time x = 1\ndef f():\n    return 1\n"
    assert keep_definitions(source).strip() == "def f():\n    return 1"


def test_cells_that_do_not_parse_are_dropped_whole():
    assert keep_definitions("def f(:\n    pass") == ""
    assert keep_definitions("x = (" * 500) == ""


@pytest.mark.parametrize(("source", "expected"), [
    ("import matplotlib.pyplot as plt", "plt = __lazy_import__('matplotlib.pyplot', None)"),
    ("import torch", "torch = __lazy_import__('torch', None)"),
    ("import torch.nn", "torch = __lazy_import__('torch', None)"),
    ("from otter import Notebook", "Notebook = __lazy_import__('otter', 'Notebook')"),
    ("from tensorflow import keras as K", "K = __lazy_import__('tensorflow', 'keras')"),
    ("import numpy as np", "import numpy as np"),
    ("from nnkit import checks", "from nnkit import checks"),
    ("from . import local", "from . import local"),
])
def test_heavy_imports_are_deferred(source, expected):
    assert keep_definitions(source).strip() == expected


def test_star_import_of_a_heavy_module_is_dropped():
    assert keep_definitions("from matplotlib.pyplot import *").strip() == ""


def test_definition_cells_label_each_kept_cell(tmp_path):
    path = write(tmp_path / "nb.ipynb",
                 notebook("import numpy as np", "print('hi')", "def f():\n    return 2",
                          "# GRADED FUNCTION: g\ndef g():\n    return 3"))
    cells = load_submission(path, "nb").definition_cells()
    assert [cell.filename for cell in cells] == ["<cell:코드 셀 1>", "<cell:코드 셀 3>",
                                                 "<cell:`g` 셀>"]


def test_kept_definitions_stay_on_their_lines():
    source = ("# a comment\nimport numpy as np\nfor i in range(3):\n    print(i)\n\n"
              "def f(x):\n    # why\n    return x\nimport matplotlib.pyplot as plt\nx = 1; y = g()")
    kept = keep_definitions(source).splitlines()
    assert kept[1] == "import numpy as np"
    assert kept[5:8] == ["def f(x):", "    # why", "    return x"]
    assert kept[8] == "plt = __lazy_import__('matplotlib.pyplot', None)"
    assert kept[9] == "x = 1"
    assert "g()" not in "\n".join(kept)


@pytest.mark.parametrize(("source", "flagged"), [
    ("from nnkit.reference import planar_classification as ref", True),
    ("import nnkit.reference.planar_classification", True),
    ("from nnkit import reference", True),
    ("def f():\n    import nnkit.reference as r\n    return r", True),
    ("mod = __import__('nnkit.reference.planar_classification')", True),
    ("from nnkit import checks", False),
    ("# reference: the textbook, chapter 3", False),
    ("x = 'see the reference answer in the book'", False),
])
def test_reference_mentions_are_noticed(source, flagged):
    assert mentions_reference(source) is flagged


def test_a_reference_import_flags_the_submission(tmp_path):
    path = write(tmp_path / "nb.ipynb", notebook("from nnkit.reference import mini"))
    assert load_submission(path, "nb").flags == ["reference-import"]
    path = write(tmp_path / "ok.ipynb", notebook("import numpy as np"))
    assert load_submission(path, "ok").flags == []


# ------------------------------------------------------------------------------ error statuses

NOT_UTF8 = json.dumps(notebook("x = '\u00e9'")).replace("\\u00e9", "\u00e9").encode("latin-1")


@pytest.mark.parametrize(("content", "status"), [
    (b"", "error: empty file"),
    (b"  \n\t", "error: empty file"),
    (b"{not json", "error: not a JSON notebook"),
    (b"[1, 2]", "error: not a notebook (JSON is not an object)"),
    (NOT_UTF8, "error: not UTF-8 text"),
    ({"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []},
     "error: nbformat 3 is not supported"),
    ({"cells": []}, "error: nbformat None is not supported"),
    ({**notebook(), "cells": []}, "error: notebook has no cells"),
    ({**notebook(), "cells": "abc"}, "error: notebook has no cells"),
    (notebook(), "error: notebook has no code cells"),
    (notebook("x = 1", kernelspec={"name": "ir", "language": "R"}),
     "error: kernel 'ir' is not Python"),
    (notebook("x = 1", kernelspec={"name": "julia-1.9", "language": "julia"}),
     "error: kernel 'julia-1.9' is not Python"),
], ids=["empty", "blank", "not-json", "json-list", "latin-1", "nbformat-3", "no-nbformat",
        "no-cells", "cells-not-list", "no-code-cells", "ir-kernel", "julia-kernel"])
def test_unusable_files_give_a_clear_status(tmp_path, content, status):
    path = write(tmp_path / "bad.ipynb", content)
    with pytest.raises(SubmissionError) as raised:
        load_submission(path, "bad")
    assert str(raised.value).startswith(status)


def test_python_kernels_of_any_name_are_accepted(tmp_path):
    for kernel in ({"name": "python3", "language": "python"}, {"name": "python3.11"},
                   {"language": "Python"}, {}):
        path = write(tmp_path / "nb.ipynb", notebook("x = 1", kernelspec=kernel))
        assert load_submission(path, "nb").cells == ["x = 1"]


def test_list_sources_and_odd_cells_are_read(tmp_path):
    content = notebook("a = 1")
    content["cells"] += [{"cell_type": "code", "source": ["def f():\n", "    return 1\n"]},
                         {"cell_type": "code", "source": 42}, "not a cell",
                         {"cell_type": "code"}]
    cells = load_submission(write(tmp_path / "nb.ipynb", content), "nb").cells
    assert cells == ["a = 1", "def f():\n    return 1\n", "", ""]


def test_oversized_notebook_and_cells_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_NOTEBOOK_BYTES", 1000)
    big = write(tmp_path / "big.ipynb", notebook("x = 1", "#" * 2000))
    with pytest.raises(SubmissionError, match="larger than"):
        load_submission(big, "big")
    monkeypatch.setattr(loader, "MAX_NOTEBOOK_BYTES", 10**7)
    monkeypatch.setattr(loader, "MAX_CELL_CHARS", 50)
    cells = load_submission(big, "big").cells
    assert len(cells[1]) == 50


# ----------------------------------------------------------------------------------- zip files

def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_an_otter_export_zip_reads_like_its_notebook(tmp_path):
    content = json.dumps(notebook("def f():\n    return 1")).encode()
    path = make_zip(tmp_path / "hw_2024_01_01T00_00_00.zip", {
        "hw.ipynb": content, "hw.pdf": b"%PDF-1.4", ".OTTER_LOG": b"\x80\x04binary",
        "__zip_filename__": b"hw_2024_01_01T00_00_00.zip", "data/extra.ipynb": content,
        "__MACOSX/._hw.ipynb": b"junk"})
    direct = load_submission(write(tmp_path / "hw.ipynb", content), "hw")
    assert load_submission(path, "hw").cells == direct.cells


@pytest.mark.parametrize(("members", "status"), [
    ({}, "error: zip holds 0 notebooks at its top level, expected 1"),
    ({"hw.pdf": b"%PDF", "folder/hw.ipynb": b"{}"},
     "error: zip holds 0 notebooks at its top level, expected 1"),
    ({"a.ipynb": b"{}", "b.ipynb": b"{}"}, "error: zip holds 2 notebooks at its top level"),
], ids=["empty-zip", "nested-only", "two-notebooks"])
def test_zips_without_exactly_one_notebook_are_refused(tmp_path, members, status):
    with pytest.raises(SubmissionError) as raised:
        load_submission(make_zip(tmp_path / "hw.zip", members), "hw")
    assert str(raised.value).startswith(status)


def test_a_broken_zip_is_refused(tmp_path):
    for content in (b"", b"PK\x03\x04 truncated", b"not a zip at all"):
        with pytest.raises(SubmissionError) as raised:
            load_submission(write(tmp_path / "hw.zip", content), "hw")
        assert str(raised.value) in ("error: not a valid zip file", "error: empty file")


def test_an_oversized_zip_member_is_refused_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_NOTEBOOK_BYTES", 10_000)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("hw.ipynb", b" " * 1_000_000)  # compresses to about 1 kB
    assert path.stat().st_size < 10_000
    with pytest.raises(SubmissionError, match="notebook in zip larger than"):
        load_submission(path, "hw")
