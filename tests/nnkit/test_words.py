"""nnkit.words: one format (a constant without arguments, a function with them), and the
message shape it publishes for the grader's failure groups."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from grader.reporting.failure_groups import pattern
from nnkit import checks, words


def _public():
    return {name: getattr(words, name) for name in dir(words) if not name.startswith("_")
            and getattr(getattr(words, name), "__module__", words.__name__) == words.__name__}


def test_every_function_takes_arguments_and_returns_a_sentence():
    for name, member in _public().items():
        if not inspect.isfunction(member):
            continue
        parameters = [p for p in inspect.signature(member).parameters.values()
                      if p.default is p.empty]
        assert parameters, f"{name} takes no argument: make it a constant"
        sample = {"index": 3, "line": 3, "count": "m", "m": 3, "bad": 2, "size": 5,
                  "expected": 2, "got": 1, "chain": ["f", "g"], "frames": [("a", "b")],
                  "pair": "을/를"}
        said = member(*[sample.get(p.name, "x") for p in parameters])
        assert isinstance(said, str) and said, name


def test_every_constant_is_a_sentence():
    constants = {name: value for name, value in _public().items()
                 if name.isupper() and not callable(value)}
    assert "RESEEDS_PROBLEM" in constants and "HINT" in constants
    for name, value in constants.items():
        if name == "TYPE_NAMES":
            assert all(isinstance(v, str) and v for v in value.values())
        else:
            assert isinstance(value, str) and value, name


@pytest.mark.parametrize(("word", "pair", "said"), [
    ("sigmoid", "을/를", "sigmoid를"), ("W1", "이/가", "W1이"), ("model", "으로/로", "model로"),
    ("모델", "으로/로", "모델로"), ("X", "은/는", "X는"), ("3", "과/와", "3과(와)"),
    ("train_step", "을/를", "train_step을"),
])
def test_particles_follow_the_last_sound(word, pair, said):
    assert words.particle(word, pair) == said


def test_a_failure_reads_headline_notes_hint():
    failure = checks.CheckFailure("f", "A2", "문제", "고치세요", notes=("입력: X (2, 3)",))
    assert str(failure).splitlines() == [words.headline("f", "A2", "문제"), "입력: X (2, 3)",
                                         words.HINT + "고치세요"]


def test_the_position_word_is_what_the_failure_groups_read():
    """check_close writes POSITION before an element's index; failure_groups abstracts it as a
    position, not a shape, and two students with other positions make the same mistake."""
    messages = []
    for wrong in [(1, 2), (0, 3)]:
        got = np.zeros((2, 4))
        got[wrong] = 1.0
        with pytest.raises(checks.CheckFailure) as failure:
            checks.check_close("f", "A", got, np.zeros((2, 4)))
        assert words.at_position(str(wrong)) in str(failure.value)
        messages.append(str(failure.value))
    assert pattern(messages[0]) == pattern(messages[1])
    assert f"{words.POSITION} (…)" in pattern(messages[0])
