"""One voice: the Korean words live in grader/words.py, nnkit/words.py and beside each known
mistake (nnkit/reference/mistakes/), and nowhere else in grader/ or nnkit/."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import grader
import nnkit
from grader import words

GRADER = Path(grader.__file__).parent
NNKIT = Path(nnkit.__file__).parent
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Where Korean may stand in grader/ besides words.py, and why.
GRADER_ALLOWED = {
    "words.py": "the words themselves",
    "isolation/worker.py": "runs in the sandbox, which has no grader to import (N번째 줄)",
}
NNKIT_ALLOWED = {"words.py": "the checks', the notebook front end's and the data sets' words",
                 **{f"reference/mistakes/{path.name}": "each known mistake's hint, beside it"
                    for path in (NNKIT / "reference" / "mistakes").glob("*.py")}}


def _strings(tree: ast.AST) -> list[ast.Constant]:
    """String constants that are not docstrings."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                       ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in docstrings]


def _korean_outside(package: Path, allowed: dict[str, str]) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if relative in allowed:
            continue
        for node in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if HANGUL.search(node.value):
                found.append(f"{relative}:{node.lineno}: {node.value[:40]!r}")
    return found


def test_korean_strings_of_the_grader_are_in_words_py():
    found = _korean_outside(GRADER, GRADER_ALLOWED)
    assert not found, "Korean outside grader/words.py:\n" + "\n".join(found)


def test_korean_strings_of_nnkit_are_in_words_py_and_beside_the_mistakes():
    found = _korean_outside(NNKIT, NNKIT_ALLOWED)
    assert not found, "Korean outside nnkit/words.py and the mistakes:\n" + "\n".join(found)


def test_the_guard_sees_korean_where_it_stands():
    """The scan finds a Korean string constant, and leaves docstrings alone."""
    source = '"""모듈 설명"""\ndef f():\n    """함수 설명"""\n    return "안녕"\n'
    assert [node.value for node in _strings(ast.parse(source))
            if HANGUL.search(node.value)] == ["안녕"]


def test_every_word_is_a_function_returning_str_or_a_tuple_of_str():
    """One format: the modules that say these words only lay them out."""
    for name in dir(words):
        member = getattr(words, name)
        if name.startswith("_") or not callable(member) or member.__module__ != words.__name__:
            continue
        parameters = [p for p in inspect.signature(member).parameters.values()
                      if p.default is p.empty]
        said = member(*[_sample(p.name) for p in parameters])
        assert isinstance(said, (str, tuple)) and said, name
        assert all(isinstance(part, str) for part in (said if isinstance(said, tuple) else [said]))


def _sample(parameter: str):
    numbers = {"starts", "index", "count", "megabytes", "submissions", "functions", "graded",
               "scored", "grader_errors", "student_errors", "groups", "students", "seconds",
               "budget"}
    lists = {"blamed", "helpers", "flags", "names"}
    if parameter in numbers:
        return 3
    if parameter in lists:
        return ["f", "g"]
    return "x"
