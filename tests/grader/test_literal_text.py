"""Student text is never markup: grader.literal_text's properties, then every writer using it.

The properties render with markdown-it's CommonMark preset plus tables, raw HTML *on* (stricter
than the feedback page, which turns it off; Gradescope's Markdown renderer is not ours to know). The
writer tests grade real submissions of the mini assignment and read what each writer wrote:
feedback/*.md (rendered), report.html, grades.csv and Gradescope's results.json.
"""

from __future__ import annotations

import csv
import html
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from grader.assignment import Assignment
from grader.gradescope import results
from grader.grading.gradebook import feedback_path
from grader.isolation import machine
from grader.isolation.probe import WallCheck
from grader.isolation.walls import Walls
from grader.literal_text import html as html_text
from grader.literal_text import markdown_block, markdown_code, visible
from grader.options import Options
from grader.reporting import feedback
from grader.run.grade import grade_all
from tests.support.grader_fixtures import submission
from tests.support.hostile_mini import TIMEOUT, cell

COMMONMARK = MarkdownIt("commonmark").enable("table")  # raw HTML on: the strictest reader
HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs", "Cn"}
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"

# Text that tries every way out of a code span or block, and every way to hide.
MARKUP = st.text(alphabet=st.sampled_from(list("`` ` \n\t<>&\"'*_#|![]()-=+:/\\~ab가")
                                          + list(BIDI) + ["\x1b", "\r", "\x00", "\u2028"]))
ANY_TEXT = st.one_of(MARKUP, st.text())


class Elements(HTMLParser):
    """The element names in an HTML fragment, and the text inside ``<code>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.code: list[str] = []
        self._in_code = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "code":
            self._in_code += 1
            self.code.append("")

    def handle_endtag(self, tag):
        if tag == "code":
            self._in_code -= 1

    def handle_data(self, data):
        if self._in_code:
            self.code[-1] += data


def elements(fragment: str) -> Elements:
    parser = Elements()
    parser.feed(fragment)
    parser.close()
    return parser


# ------------------------------------------------------------------------------ properties


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_a_code_span_is_one_code_element_holding_the_text(text):
    for line in (f"before {markdown_code(text)} after", f"# title: {markdown_code(text)}",
                 f"- item {markdown_code(text)}, 24/27"):
        found = elements(COMMONMARK.render(line))
        assert set(found.tags) <= {"p", "h1", "ul", "li", "code"}, (text, found.tags)
        assert found.tags.count("code") == 1
        assert found.code == [visible(text) or " "]


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_a_code_block_is_one_pre_element_holding_the_text(text):
    page = f"# heading\n\nbefore\n\n{markdown_block(text)}\n\n**after**\n"
    found = elements(COMMONMARK.render(page))
    assert found.tags == ["h1", "p", "pre", "code", "p", "strong"], (text, found.tags)
    assert found.code == [visible(text, multiline=True) + "\n"]


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_html_text_holds_no_markup_and_reads_back(text):
    escaped = html_text(text)
    assert "<" not in escaped and ">" not in escaped and '"' not in escaped
    assert html.unescape(escaped) == visible(text)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_no_control_or_invisible_character_survives(text):
    for shown, kept in ((visible(text), set()), (visible(text, multiline=True), {"\n", "\t"})):
        assert all(c in kept or unicodedata.category(c) not in HIDDEN for c in shown)
    assert visible(text) == text or any(unicodedata.category(c) in HIDDEN for c in text)


def test_escapes_are_readable():
    assert visible("\u202ekim") == "\\u202ekim"
    assert visible("a\nb\tc", multiline=True) == "a\nb\tc"
    assert visible("a\nb") == "a\\u000ab"
    assert visible("tag\U000e0041") == "tag\\U000e0041"
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`x`") == "`` `x` ``"


# ------------------------------------------------------------------------------ the writers

# A failing function's message planting a heading, a full-marks table, bold, raw HTML, an image.
FORGED_MESSAGE = ("ok\\n\\n# 채점 결과\\n\\n**총점: 7 / 7**\\n\\n| 함수 | 점수 |\\n| --- | --- |\\n"
                  "| `double` | 3 / 3 |\\n\\n모든 테스트를 통과했습니다.\\n"
                  "<img src=x onerror=alert(1)> ![seen](http://tracker.invalid/p.png)\\n```\\n")
FORGER = cell("double", f"""
    def double(x):
        raise ValueError("{FORGED_MESSAGE}")
""")
# A file name (no "/" possible) with backticks, a Markdown image and an HTML image.
IMAGE_NAME = "kim`` ![a](tracker.png) <img src=y onerror=alert(2)> ``x"
SPOOFED_NAME = "\u202eeel\u2066 kim"  # U+202E first: shows as "kim eel" reversed in a browser


@pytest.fixture(scope="module")
def graded(mini, tmp_path_factory) -> tuple[Path, dict]:
    """One class graded by ``grade_all``: the forger, the image name, the spoofed name."""
    root = tmp_path_factory.mktemp("literal")
    folder = root / "class"
    submission(mini, folder / "forger.ipynb", double=FORGER)
    submission(mini, folder / f"{IMAGE_NAME}.ipynb")
    submission(mini, folder / f"{SPOOFED_NAME}.ipynb")
    out = root / "out"
    rows = grade_all(mini, [folder], out, jobs=1, options=Options(timeout=TIMEOUT),
                     progress=False)
    return out, {row.submission: row for row in rows}


def rendered(markdown: str) -> Elements:
    return elements(COMMONMARK.render(markdown))


def no_markup_of_the_student(found: Elements) -> None:
    assert "img" not in found.tags and "a" not in found.tags and "script" not in found.tags


def test_a_forged_message_stays_inside_its_code_block(mini, graded):
    out, rows = graded
    forger = rows["forger"]
    assert forger.status == "ok" and forger.score == 4  # double's 3 points lost
    page = feedback_path(out, "forger").read_text(encoding="utf-8")
    found = rendered(page)
    no_markup_of_the_student(found)
    assert found.tags.count("h1") == 1 and found.tags.count("table") == 1
    assert found.tags.count("strong") == 1  # the real total, 4 / 7, and no other
    assert "**총점: 4 / 7**" in page
    # The forged text is still shown, whole, as the student's message.
    assert any("총점: 7 / 7" in code and "<img src=x" in code for code in found.code)

    report = results.results_json(results.Verdict(0, Assignment(mini), forger),
                                     results.Environment(), "visible")
    assert report["output_format"] == "md"
    for entry in report["tests"]:
        assert entry["output_format"] == "md", entry["name"]
        entry_found = rendered(entry["output"])
        no_markup_of_the_student(entry_found)
        assert "h1" not in entry_found.tags and "table" not in entry_found.tags
    assert "<img src=x" in report["tests"][0]["output"]  # as text, in its code block


@pytest.mark.parametrize("name", [IMAGE_NAME, SPOOFED_NAME], ids=["images", "bidi"])
def test_a_hostile_file_name_is_literal_and_visible_everywhere(mini, graded, name):
    out, rows = graded
    row = rows[name]
    assert row.score == 7
    shown = visible(name)
    # The feedback page's heading: the name as one code span, its controls as escapes.
    heading = rendered(feedback_path(out, name).read_text(encoding="utf-8"))
    no_markup_of_the_student(heading)
    assert heading.code[0] == shown
    # report.html and the feedback page: escaped, no control character left in them.
    for page in (out / "report.html", feedback_path(out, name, ".html")):
        text = page.read_text(encoding="utf-8")
        assert "<img" not in text and 'src="tracker.png"' not in text
        assert not any(c in text for c in BIDI), page
        assert html_text(name) in text
    # grades.csv: the visible name in the submission column.
    with open(out / "grades.csv", newline="", encoding="utf-8") as stream:
        names = [r["submission"] for r in csv.DictReader(stream)]
    assert shown in names and not any(c in "".join(names) for c in BIDI)
    # Gradescope: the student's summary and the instructor's hidden entry.
    verdict = results.Verdict(0, Assignment(mini), row)
    report = results.results_json(verdict, results.Environment(), "visible")
    instructor = report["tests"][-1]
    assert instructor["name"] == results.INSTRUCTOR_TEST
    for markdown in (report["output"], instructor["output"]):
        found = rendered(markdown)
        no_markup_of_the_student(found)
        assert shown in found.code and not any(c in markdown for c in BIDI)


def test_an_unreadable_file_status_is_literal(mini, tmp_path):
    status = "error: kernel '<img src=z> **x**' is not Python"
    page = feedback.render_error(Assignment(mini), "a`b", status)
    found = rendered(page)
    no_markup_of_the_student(found)
    assert found.code[:2] == ["a`b", status]


def test_the_instructor_entry_says_one_thing_about_each_wall(mini):
    """Without bubblewrap, the machine's lines once predicted 'missing wall: filesystem
    namespace (… readable)' above a worker's own '✓ filesystem' (Gradescope closes its
    folders to the worker's user): only what the worker saw is said when it was asked."""
    options = Options(timeout=TIMEOUT, walls=Walls(bubblewrap=None))
    seen = [WallCheck("filesystem", True, "the answers and the grader are out of sight"),
            WallCheck("network", False, "the worker connected to a port on this machine")]
    environment = results.Environment(
        sandbox="no bubblewrap", walls=seen,
        machine=machine.describe(options, walls_checked=True),
        predicted=machine.missing_wall_lines(options.walls_here))
    text = results.instructor_text(results.Verdict(0), environment)
    assert "missing wall" not in text
    assert [line for line in text.splitlines() if "filesystem" in line] == \
        ["  - ✓ filesystem: the answers and the grader are out of sight"]
    # No worker answered: then, and only then, the prediction is the word on the walls.
    unasked = results.Environment(sandbox="no bubblewrap", walls_error="no worker",
                                     predicted=machine.missing_wall_lines(options.walls_here))
    assert "missing wall: filesystem namespace" in results.instructor_text(
        results.Verdict(0), unasked)
    assert any(line.startswith("missing wall:") for line in machine.describe(options))
