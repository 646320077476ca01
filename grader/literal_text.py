"""Text a submission controls, made literal for every place it is shown.

A submission decides exception messages, printed output, its file name and its notebook's
metadata. Wherever the grader shows one of them — feedback Markdown, HTML pages, ``grades.csv``,
Gradescope's results.json — it goes through this module and nowhere else, so that it reads as
the characters it is and never as markup:

- :func:`visible`: control and invisible format characters (bidi overrides such as U+202E,
  zero-width marks, escape sequences) become visible escapes such as ``\\u202e``, so that a name
  cannot show as another student's or hide part of itself;
- :func:`markdown_code` and :func:`markdown_block`: a CommonMark code span or fenced block whose
  backtick run is longer than any inside the text, so nothing in it can end it;
- :func:`html`: escaped text for an HTML element or attribute value;
- :func:`csv_cell`: a cell a spreadsheet shows as text, never as a formula.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape

# Categories shown as escapes: controls, format characters (bidi, zero-width, BOM), line and
# paragraph separators (line breaks to some renderers, not to others), lone surrogates (from
# file names that are not UTF-8) and unassigned code points (a renderer may give them a meaning
# later). Private-use characters are left alone: they render as a box at worst.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"})
_MULTILINE_KEPT = frozenset("\n\t")
_BACKTICK_RUN = re.compile(r"`+")
_FORMULA_STARTS = ("=", "+", "-", "@")  # tabs and returns are escaped by visible()


def visible(text: str, multiline: bool = False) -> str:
    """``text`` with every control or invisible format character written as an escape.

    ``multiline``: keep ``\\n`` and ``\\t`` (a message of several lines); a name keeps neither.
    """
    kept = _MULTILINE_KEPT if multiline else frozenset()
    return "".join(c if c in kept or not _is_hidden(c) else _escape(c) for c in text)


def _is_hidden(character: str) -> bool:
    return unicodedata.category(character) in _HIDDEN_CATEGORIES


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def markdown_code(text: str) -> str:
    """``text`` as one CommonMark code span: shown literally, on one line, in any Markdown."""
    shown = visible(text)
    fence = "`" * (_longest_backtick_run(shown) + 1)
    # A span that starts or ends with a backtick needs a space between it and the fence, and
    # a renderer strips one space from each end when both ends have one: pad both ends then.
    if shown[:1] == "`" or shown[-1:] == "`" or (shown[:1] == shown[-1:] == " "
                                                 and shown.strip(" ")):
        shown = f" {shown} "
    elif not shown:
        shown = " "  # an empty span is not a span: show one blank instead
    return f"{fence}{shown}{fence}"


def markdown_block(text: str) -> str:
    """``text`` as one fenced CommonMark code block (its own lines, at the left margin)."""
    shown = visible(text, multiline=True)
    fence = "`" * max(3, _longest_backtick_run(shown) + 1)
    return f"{fence}\n{shown}\n{fence}"


def html(text: object, multiline: bool = False) -> str:
    """Escaped, visible text for an HTML element or a quoted attribute value.

    ``multiline``: keep line breaks and tabs (for a ``<pre>``), as :func:`visible` does.
    """
    return escape(visible(str(text), multiline), quote=True)


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as the visible text, never as a formula."""
    shown = visible(text)
    return f"'{shown}" if shown.startswith(_FORMULA_STARTS) else shown


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in _BACKTICK_RUN.findall(text)), default=0)
