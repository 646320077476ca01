"""The class's mistakes, grouped: failing messages that differ only in numbers are one mistake.

Messages come from :mod:`nnkit.checks` (``[fn] quantity: problem`` and a line that starts with
:data:`nnkit.words.HINT`) and from the runner (student exceptions, timeouts). Each random test
case has its own sizes, so
``기대: (3, 1), 실제: (3,)`` and ``기대: (5, 1), 실제: (5,)`` are the same mistake. A message's
pattern keeps what identifies the mistake and abstracts what varies:

* in a tuple of integers (a shape), each size other than 0 and 1 becomes a letter, the same
  letter for the same size within one message: ``(3, 1)`` and ``(3,)`` → ``(a, 1)`` and ``(a,)``,
  while ``(3, 3)`` (a broadcast square) stays distinct from ``(3, 4)`` → ``(a, a)`` / ``(a, b)``;
* an element's position (:data:`nnkit.words.POSITION` then ``(2, 0)``) is not a shape: its
  numbers become ``…``;
* every other number becomes ``…``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from nnkit.words import POSITION

_INTEGERS = r"\(\s*\d+(?:\s*,\s*\d+)*\s*,?\s*\)"
VOLATILE = re.compile(
    rf"(?P<position>{re.escape(POSITION)} {_INTEGERS})|(?P<shape>{_INTEGERS})"
    # a number that is not part of a name (``W1``, ``db1`` keep their digits) nor an index
    # (``반환값[0]`` and ``반환값[1]`` are different quantities)
    r"|(?P<number>(?<![A-Za-z_\d.\[])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![A-Za-z_\d]))")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def pattern(message: str) -> str:
    """The part of a failing message that is the same for every student making that mistake."""
    sizes: dict[str, str] = {}

    def abstract(match: re.Match) -> str:
        if match["position"]:
            return f"{POSITION} (…)"
        if match["shape"]:
            return re.sub(r"\d+", lambda size: _letter(size[0], sizes), match[0])
        return "…"

    return re.sub(r"[ \t]+", " ", VOLATILE.sub(abstract, message.strip()))


def _letter(size: str, sizes: dict[str, str]) -> str:
    if int(size) in (0, 1):
        return str(int(size))
    if size not in sizes:
        sizes[size] = LETTERS[len(sizes) % len(LETTERS)]
    return sizes[size]


@dataclass
class Group:
    """One mistake in one function: its pattern, an actual message, and who made it."""

    pattern: str
    example: str
    students: list[str] = field(default_factory=list)


def group_failures(failures: dict[str, list[str]]) -> list[Group]:
    """Student → its messages for one function, as groups, the most students first.

    A student counts once per group however many of their messages fall in it; the example is
    the group's most frequent exact message.
    """
    groups: dict[str, Group] = {}
    examples: dict[str, Counter] = {}
    for student, messages in failures.items():
        for message in messages:
            key = pattern(message)
            group = groups.setdefault(key, Group(key, message))
            examples.setdefault(key, Counter())[message] += 1
            if not group.students or group.students[-1] != student:
                group.students.append(student)
    for key, group in groups.items():
        group.example = examples[key].most_common(1)[0][0]
    return sorted(groups.values(), key=lambda g: (-len(g.students), g.pattern))
