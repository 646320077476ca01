"""The report in a real browser: Debian's Chromium, headless, renders it from a file:// URL."""

from __future__ import annotations

import os
import random

import numpy as np
import pytest
from matplotlib.image import imread

from grader.grading.gradebook import ReportInput, Result
from grader.reporting.feedback_html import feedback_page
from grader.reporting.report import write_pages
from tests.grader.reporting.test_report import HOSTILE, QUESTIONS
from tests.support.browser import CHROMIUM, dump_dom, screenshot

pytestmark = [
    pytest.mark.slow,
    # CI sets NNKIT_REQUIRE_BROWSER: there a missing browser fails instead of skipping.
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("NNKIT_REQUIRE_BROWSER"),
                       reason="chromium is not installed: apt-get install chromium "
                              "(setup.sh does, as root)"),
]


def synthetic_class(size: int, seed: int) -> list[Result]:
    rng = random.Random(seed)
    names = [f"학생{i:03d}" for i in range(size - len(HOSTILE))] + HOSTILE
    results = []
    for name in names:
        questions = {q.name: float(rng.choice([0, q.points])) for q in QUESTIONS}
        messages = {q: [f"[{q}] 반환값: 모양 (shape)이 다릅니다. 기대: ({n}, 1), 실제: ({n},)."]
                    for q, n in ((q, rng.randint(2, 9)) for q in questions) if not questions[q]}
        results.append(Result(
            submission=name, status="ok", score=sum(questions.values()), max_score=7.0,
            questions=questions, messages=messages, feedback=f"# mini 채점 결과: {name}\n",
            fingerprints={"affine": f"f{rng.randrange(size // 2)}"}))
    return results


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    results = synthetic_class(60, seed=2)
    return write_pages(out, ReportInput("mini", QUESTIONS, [r.submission for r in results]),
                       results), results


def test_the_dom_holds_every_submission_function_and_chart(page):
    path, results = page
    dom = dump_dom(path)
    from html import unescape

    text = unescape(dom)
    for result in results:
        assert result.submission in text
    for question in QUESTIONS:
        assert f"<code>{question.name}</code>" in dom
    assert dom.count('<svg class="chart"') == 2  # histogram and per-function bars
    assert dom.count("<rect") >= len(QUESTIONS) * 2
    assert "<script" not in dom.replace("&lt;script", "")


def test_the_screenshot_is_not_blank(page, tmp_path):
    path, _ = page
    pixels = imread(screenshot(path, tmp_path / "report.png"))[..., :3]
    assert pixels.shape[:2] == (1800, 1400)
    inked = np.mean(np.any(pixels < 0.9, axis=-1))
    assert inked > 0.02  # text, bars and tables, not a white page
    blue = np.all(np.abs(pixels - np.array([0x3b, 0x6f, 0xb6]) / 255) < 0.02, axis=-1)
    assert blue.sum() > 500  # the histogram's bars were painted


def right_margin_is_empty(png) -> bool:
    """Nothing painted in the page's right padding: no line ran past the screen's edge."""
    pixels = imread(png)[..., :3]
    return not np.any(pixels[:, -8:] < 0.9)


def test_pages_fit_a_phone_screen(page, tmp_path):
    path, _ = page
    long_line = "- [affine] 반환값: " + "아주 긴 설명 " * 30 + "x" * 300 + "\n"
    feedback = tmp_path / "long.html"
    feedback.write_text(feedback_page("긴 피드백", "# 결과\n\n" + long_line * 3),
                        encoding="utf-8")
    for target in (feedback, path):
        assert right_margin_is_empty(screenshot(target, tmp_path / "phone.png", "390,844"))
    wide = tmp_path / "wide.html"  # the check itself: a page that does not wrap fails it
    wide.write_text(f"<p style='white-space:nowrap'>{'x' * 400}</p>", encoding="utf-8")
    assert not right_margin_is_empty(screenshot(wide, tmp_path / "wide.png", "390,844"))
