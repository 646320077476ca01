"""Charts for the instructor's report as inline SVG: no script, no network, any browser.

Each chart is one ``<svg>`` element sized by ``viewBox`` (it scales with the page) with a text
alternative (``role="img"``, ``aria-label``) and a ``<title>`` per bar for hovering.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from grader import words
from grader.reporting.page import text

BAR_COLOUR = "#3b6fb6"
FULL_COLOUR = "#2e8b57"
TRACK_COLOUR = "#e6e9ef"


@dataclass(frozen=True)
class Bin:
    label: str  # under the bar: the score, or the bin's lower edge
    count: int
    span: str  # the scores it holds, e.g. "2.5–5"


def histogram_bins(scores: list[float], max_score: float, most: int = 20) -> list[Bin]:
    """Counts of ``scores`` in equal bins over ``[0, max_score]``, the last bin closed.

    With integer scores and at most ``most`` possible values, one bin per value (0, 1, …, max);
    otherwise at most ``most`` bins of a round width (1, 2, 2.5 or 5 times a power of ten), so
    that the labels under the bars read 0, 2, 4, … rather than 0, 1.35, 2.7, ….
    """
    if max_score <= 0:
        return [Bin("0", len(scores), "0")]
    if max_score == int(max_score) and max_score + 1 <= most and all(
            s == int(s) for s in scores):
        counts = [0] * (int(max_score) + 1)
        for score in scores:
            counts[min(max(int(score), 0), int(max_score))] += 1
        return [Bin(str(value), count, str(value)) for value, count in enumerate(counts)]
    width = _round_width(max_score / most)
    counts = [0] * math.ceil(max_score / width)
    for score in scores:
        counts[min(max(int(score // width), 0), len(counts) - 1)] += 1
    return [Bin(f"{i * width:g}", count, f"{i * width:g}–{min((i + 1) * width, max_score):g}")
            for i, count in enumerate(counts)]


def _round_width(least: float) -> float:
    scale = 10 ** math.floor(math.log10(least))
    return next(f * scale for f in (1, 2, 2.5, 5, 10) if f * scale >= least)


def histogram_svg(bins: list[Bin], label: str) -> str:
    """Vertical bars, one per bin, with the counts above them and bin labels below."""
    width, height, left, bottom, top = 640, 220, 8, 36, 18
    step = (width - 2 * left) / max(len(bins), 1)
    tallest = max([b.count for b in bins] + [1])
    parts = []
    for index, item in enumerate(bins):
        bar = (height - bottom - top) * item.count / tallest
        x = left + index * step
        y = height - bottom - bar
        hover = text(words.histogram_bar(item.span, item.count))
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{step - 4:.1f}" height="{bar:.1f}" '
            f'fill="{BAR_COLOUR}"><title>{hover}</title></rect>'
            f'<text x="{x + step / 2:.1f}" y="{y - 4:.1f}" class="n">{item.count or ""}</text>'
            f'<text x="{x + step / 2:.1f}" y="{height - bottom + 16:.1f}" class="l">'
            f'{text(item.label)}</text>')
    axis = (f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" '
            f'y2="{height - bottom}" stroke="#888"/>')
    return _svg(width, height, label, axis + "".join(parts))


@dataclass(frozen=True)
class Bar:
    label: str  # a function name
    fraction: float  # 0..1
    text: str  # what is written at the end of the bar


def bars_svg(bars: list[Bar], label: str) -> str:
    """Horizontal bars on a 0–100 % track, one row per function."""
    row, name_width, track, gap = 26, 180, 280, 8
    width, height = name_width + track + 60, row * len(bars) + 8
    parts = []
    for index, item in enumerate(bars):
        y = 4 + index * row
        filled = track * min(max(item.fraction, 0.0), 1.0)
        parts.append(
            f'<text x="{name_width - gap}" y="{y + 16}" class="f">{text(item.label)}</text>'
            f'<rect x="{name_width}" y="{y + 3}" width="{track}" height="{row - 8}" '
            f'fill="{TRACK_COLOUR}"/>'
            f'<rect x="{name_width}" y="{y + 3}" width="{filled:.1f}" height="{row - 8}" '
            f'fill="{FULL_COLOUR}"><title>{text(item.label)}: {text(item.text)}</title></rect>'
            f'<text x="{name_width + track + gap}" y="{y + 16}" class="v">'
            f'{text(item.text)}</text>')
    return _svg(width, height, label, "".join(parts))


def _svg(width: int, height: int, label: str, body: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" style="max-width:{width}px" '
            f'role="img" aria-label="{text(label)}" xmlns="http://www.w3.org/2000/svg">'
            f'<title>{text(label)}</title>{body}</svg>')
