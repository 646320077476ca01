"""A failed check: the one exception every check raises, and :func:`fail` for the tests' own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NoReturn

from nnkit import words

Hint = str | Callable[[], str | None] | None


class CheckFailure(AssertionError):
    """A failed check: which function, which quantity, what is wrong, and the likely cause.

    ``notes`` are extra lines (the inputs of the case, which returned parts are right) shown
    between the problem and the hint. ``hint`` may be a function that finds it: it runs when the
    message is first shown (a ratio over large arrays costs time, and a failure that
    :func:`nnkit.checking.comparison.matches` catches is never shown).
    """

    def __init__(self, fn: str, quantity: str, problem: str, hint: Hint = None,
                 notes: Sequence[str] = ()) -> None:
        self.fn, self.quantity, self.problem = fn, quantity, problem
        self._hint = hint
        self.notes = tuple(notes)
        super().__init__(fn, quantity, problem)

    @property
    def hint(self) -> str | None:
        if callable(self._hint):
            self._hint = self._hint()
        return self._hint

    def __str__(self) -> str:
        lines = [words.headline(self.fn, self.quantity, self.problem), *self.notes]
        if self.hint:
            lines.append(words.hint_line(self.hint))
        return "\n".join(lines)

    def with_notes(self, *notes: str) -> CheckFailure:
        """The same failure with more lines of context."""
        return CheckFailure(self.fn, self.quantity, self.problem, self._hint,
                            (*self.notes, *(n for n in notes if n)))

    def with_first_notes(self, *notes: str) -> CheckFailure:
        """The same failure with lines of context before its own (the case's inputs)."""
        return CheckFailure(self.fn, self.quantity, self.problem, self._hint,
                            (*notes, *self.notes))


def fail(fn: str, quantity: str, problem: str, hint: str | None = None) -> NoReturn:
    """Fail a test with a message in the checks' voice: ``[fn] quantity: problem`` and a hint.

    For the checks a test needs beyond the ones here (``W2 drawn before W1``, a loss that does
    not go down): every student-visible failure reads the same way.
    """
    raise CheckFailure(fn, quantity, problem, hint)
