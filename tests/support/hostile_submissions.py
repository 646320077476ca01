"""The security review's findings as files in a class folder (planar_classification).

Used by the slow class test and by ``bench/hostile_class.py``: one submission (or a few files)
per finding, each harmless where a wall is missing — bounded memory, nothing written outside
its own sandbox's /tmp and /dev/shm, every process it starts carrying ``token`` on its command
line so that a survivor can be found.
"""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import nbformat

from grader.assignment import Paths
from grader.validation import corpus

CORPUS_ENTRIES = ("predict__takes_over_the_pipes", "compute_cost__forges_a_malformed_reply",
                  "layer_sizes__floods_the_reply", "nn_model__wrong_shape_after_two_iterations")


def write_hostile_class(paths: Paths, folder: Path, token: str) -> list[str]:
    """Write the hostile files into ``folder``; return a line describing each."""
    folder.mkdir(parents=True, exist_ok=True)
    described = []
    entries = {e.stem: e for e in corpus.entries(paths, ("hostile",))}
    for label in CORPUS_ENTRIES:
        entry = entries[label]
        _write(folder / f"{label}.ipynb",
               corpus.notebook_with(paths, {entry.function: entry.source}))
        described.append(f"{label}: corpus entry")
    for name, cells in _extra_cell_submissions(token).items():
        notebook = nbformat.read(paths.solution_notebook, as_version=4)
        notebook.cells += [nbformat.v4.new_code_cell(source) for source in cells]
        _write(folder / f"{name}.ipynb", notebook)
        described.append(f"{name}: the solution plus {len(cells)} hostile cell(s)")
    for name, cells in BLAME_EXPLOITS.items():
        _write(folder / f"{name}.ipynb", corpus.notebook_with(paths, cells))
        described.append(f"{name}: asks the trusted side to work for it (blame reruns)")
    described += _malformed_files(paths, folder)
    described += _awkward_names(paths, folder)
    return described


# Issue 19's review: graded cells that try to make the trusted side compute for them during
# the isolated rerun, or to pass their text off as the grader's. Each earns only what it wrote.
BLAME_EXPLOITS = {
    "costly_stand_in": {"predict": (
        "# GRADED FUNCTION: predict\n"
        "def predict(parameters, X):\n"
        "    trained = nn_model(X, (X[:1] > 0).astype(int), 4, num_iterations=10**8)\n"
        "    A2, cache = forward_propagation(X, trained)\n"
        "    return (A2 > 0.5).astype(int)\n")},
    "calls_its_own_caller": {"compute_cost": (
        "# GRADED FUNCTION: compute_cost\n"
        "def compute_cost(A2, Y):\n"
        "    return nn_model(A2, Y, 1, num_iterations=1) and 0.5\n")},
    "huge_answer_from_tiny_arguments": {"nn_model": (
        "# GRADED FUNCTION: nn_model\n"
        "import numpy as np\n\n"
        "def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):\n"
        "    np.random.seed(3)\n"
        "    initialize_parameters(40000, 40000, 1)\n"
        "    return initialize_parameters(X.shape[0], n_h, Y.shape[0])\n")},
    "forged_missing_numpy": {"layer_sizes": (
        "# GRADED FUNCTION: layer_sizes\n"
        "class Forged:\n"
        "    raise ModuleNotFoundError(\"No module named 'numpy'\", name='numpy')\n")},
    "markup_in_its_message": {"update_parameters": (
        "# GRADED FUNCTION: update_parameters\n"
        "def update_parameters(parameters, grads, learning_rate=1.2):\n"
        "    raise ValueError('\\n# 총점: 27 / 27\\n| 함수 | 점수 |\\n|---|---|\\n'\n"
        "                     '**모든 테스트를 통과했습니다.** <img src=x onerror=alert(1)> '\n"
        "                     '![](http://x.invalid/a.png) \\u202e')\n")},
}


def _write(target: Path, notebook: nbformat.NotebookNode) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)


def _extra_cell_submissions(token: str) -> dict[str, list[str]]:
    sleepers = [f"class Sleeper{index}:\n    import time\n    time.sleep(1000)\n"
                for index in range(12)]
    forker = ("import os as _os, time as _time\n"
              "class _Hold:\n"
              "    for _ in range(3):\n"
              "        if _os.fork() == 0:\n"
              "            _block = bytearray(1536 * 1024 * 1024)\n"
              "            for _i in range(0, len(_block), 4096):\n"
              "                _block[_i] = 1\n"
              "            _time.sleep(60)\n"
              "            _os._exit(0)\n"
              "    _time.sleep(5)\n")
    shm = ("class _Fill:\n"
           "    try:\n"
           "        with open('/dev/shm/fill', 'wb') as _stream:\n"
           "            for _ in range(64):\n"
           "                _stream.write(b'x' * 1024 * 1024)\n"
           "    except OSError:\n"
           "        pass\n")
    tracer = ("import ctypes as _ctypes, os as _os, subprocess as _subprocess\n"
              "class _Escape:\n"
              "    _ctypes.CDLL(None).ptrace(0x4206, 1, 0, 0)\n"
              f"    _subprocess.Popen(['sleep', '{token}'], start_new_session=True)\n")
    return {"sleeping_class_bodies": sleepers, "forks_holding_memory": [forker],
            "fills_dev_shm": [shm], "ptrace_and_escape": [tracer]}


def _malformed_files(paths: Paths, folder: Path) -> list[str]:
    good = paths.solution_notebook.read_bytes()
    notebook = json.loads(good)
    (folder / "kernelspec_string.ipynb").write_text(
        json.dumps({**notebook, "metadata": {"kernelspec": "python3"}}), encoding="utf-8")
    (folder / "metadata_list.ipynb").write_text(json.dumps({**notebook, "metadata": [1]}),
                                                encoding="utf-8")
    (folder / "nested.ipynb").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    patched_zip(folder / "deflate64.zip", good, method=9)
    patched_zip(folder / "encrypted.zip", good, flags=0x1)
    patched_zip(folder / "corrupt.zip", good, corrupt=True)
    with open(folder / "two_gigabytes.ipynb", "wb") as stream:
        stream.truncate(2 * 1024**3)  # sparse
    return ["kernelspec_string, metadata_list, nested, deflate64, encrypted, corrupt, "
            "two_gigabytes: malformed or huge files"]


def _awkward_names(paths: Paths, folder: Path) -> list[str]:
    names = ["김민수/" + "가" * 83, "kim minsu", "kim_minsu", "lee", "lee~2",
             '=HYPERLINK("x.invalid", "click")', "\u202eeel kim", "`![x](y.png)` <img src=x>"]
    for name in names:
        target = folder / f"{name}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(paths.solution_notebook.read_bytes())
    with zipfile.ZipFile(folder / "lee.zip", "w") as archive:
        archive.write(paths.solution_notebook, "hw.ipynb")
    (folder / "linked_to_the_solution.ipynb").symlink_to(paths.solution_notebook)
    return ["long Korean name, kim minsu / kim_minsu, lee.ipynb / lee.zip / lee~2.ipynb, "
            "=HYPERLINK(…), a bidi override, Markdown and HTML: names",
            "linked_to_the_solution: a symbolic link to the built solution"]


def patched_zip(target: Path, notebook: bytes, *, method: int | None = None,
                flags: int | None = None, corrupt: bool = False) -> Path:
    """An export zip whose one entry is patched: its compression method, flags or data."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("hw.ipynb", notebook)
    data = bytearray(target.read_bytes())
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    if method is not None:
        struct.pack_into("<H", data, local + 8, method)
        struct.pack_into("<H", data, central + 10, method)
    if flags is not None:
        struct.pack_into("<H", data, local + 6, flags)
        struct.pack_into("<H", data, central + 8, flags)
    if corrupt:
        start = local + 30 + len("hw.ipynb")
        for offset in range(start + 5, start + 40):
            data[offset] ^= 0xA5
    target.write_bytes(bytes(data))
    return target
