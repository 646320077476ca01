"""The instructor's report: grouping, statistics, escaping, rebuilding, the CLI verb."""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from grader.assignment import Question
from grader.grading.gradebook import (
    INPUT_FILE,
    ReportInput,
    Result,
    feedback_path,
    load_result,
    result_path,
    save_result,
)
from grader.options import Options
from grader.reporting.charts import histogram_bins
from grader.reporting.failure_groups import group_failures, pattern
from grader.reporting.report import REPORT_FILE, rebuild_report, write_pages
from grader.reporting.report_model import GRADER_ERROR, STUDENT_ERROR, class_report, status_kind
from grader.run.grade import grade_all
from nnkit import checks
from tests.support import ROOT
from tests.support.grader_fixtures import submission

QUESTIONS = [Question("double", 3.0), Question("affine", 3.0), Question("draw", 1.0)]


def result(name: str, status: str = "ok", score: float | None = 7.0, **extra) -> Result:
    extra.setdefault("questions", {q.name: q.points for q in QUESTIONS})
    extra.setdefault("feedback", f"# mini 채점 결과: {name}\n")
    return Result(submission=name, status=status, score=score, max_score=7.0, **extra)


def message(check, *args) -> str | None:
    """What a check says, or None when it passes."""
    try:
        check(*args)
    except AssertionError as error:
        return str(error)
    return None


# --------------------------------------------------------------------------- grouping


def mistakes(rng: random.Random) -> dict[str, list[str | None]]:
    """One family per mistake, each made at several random sizes; ``correct`` passes."""
    families: dict[str, list[str | None]] = {k: [] for k in
                                              ("correct", "flat", "transposed", "square", "sign",
                                               "missing_m")}
    for _ in range(6):
        n, m = rng.randint(2, 9), rng.randint(3, 40)
        expected = np.random.default_rng(rng.randrange(10**6)).standard_normal((n, 1)) + 3
        shape = ("backward_propagation", "반환값['db1']")
        families["correct"].append(message(checks.check_close, *shape, expected.copy(), expected))
        families["flat"].append(message(checks.check_close, *shape, expected.ravel(), expected))
        families["transposed"].append(message(checks.check_close, *shape, expected.T, expected))
        families["square"].append(message(checks.check_close, *shape,
                                          np.tile(expected, (1, n)), expected))
        families["sign"].append(message(checks.check_close, *shape, -expected, expected))
        families["missing_m"].append(message(checks.check_close, *shape, m * expected, expected,
                                             checks.RTOL, checks.ATOL, m))
    return families


def test_messages_differing_in_sizes_group_as_one_mistake():
    families = mistakes(random.Random(3))
    assert families.pop("correct") == [None] * 6
    failures = {f"{family}-{i}": [text] for family, texts in families.items()
                for i, text in enumerate(texts)}
    groups = group_failures(failures)
    assert sorted(sorted(g.students) for g in groups) == \
        sorted(sorted(f"{family}-{i}" for i in range(6)) for family in families)
    flat = next(g for g in groups if "flat-0" in g.students)
    assert "(a, 1)" in flat.pattern and "(a,)" in flat.pattern


def test_a_student_counts_once_per_group_and_big_groups_come_first():
    rng = random.Random(8)
    shape = "[f] 반환값: 모양 (shape)이 다릅니다. 기대: ({n}, 1), 실제: ({n},)."
    value = "[f] 반환값: 값이 다릅니다. 기대: {a}, 실제: {b}."
    failures = {}
    for i in range(rng.randint(5, 9)):
        failures[f"shape{i}"] = [shape.format(n=rng.randint(8, 50)), shape.format(n=7)]
    for i in range(rng.randint(1, 4)):
        failures[f"value{i}"] = [value.format(a=rng.random(), b=rng.random())]
    groups = group_failures(failures)
    assert [len(g.students) for g in groups] == \
        sorted([sum(k.startswith(p) for k in failures) for p in ("shape", "value")], reverse=True)
    assert groups[0].example == shape.format(n=7)  # the most frequent exact message


def test_a_pattern_keeps_names_and_the_shape_of_shapes():
    assert pattern("[f] dW1: 기대: (3, 4), 실제: (4, 3).") == "[f] dW1: 기대: (a, b), 실제: (b, a)."
    assert pattern("[f] A: 기대: (7, 1), 실제: (7, 7).") == "[f] A: 기대: (a, 1), 실제: (a, a)."
    assert pattern("[f] W2: 값 0.25 위치 (2, 0)") == pattern("[f] W2: 값 -1e-05 위치 (0, 3)")
    assert pattern("[f] 반환값[0]: 값 2.5") != pattern("[f] 반환값[1]: 값 2.5")


# --------------------------------------------------------------------------- statistics


def test_grader_errors_are_left_out_of_the_statistics_and_student_errors_are_zeros(tmp_path):
    rng = random.Random(21)
    results = [result(f"ok{i}", score=float(rng.randint(0, 7))) for i in range(rng.randint(5, 12))]
    results += [result("lost", "error: grader: worker pool broke", None),
                result("died", "error: grader: crashed (OSError: disk full)", None),
                result("broken", "error: not a JSON notebook (…)", 0.0)]
    model = class_report("mini", QUESTIONS, results)
    scored = [r.score for r in results if status_kind(r.status) != GRADER_ERROR]
    assert model.summary.mean == pytest.approx(statistics.fmean(scored))
    assert model.summary.median == statistics.median(scored)
    assert (model.summary.grader_errors, model.summary.student_errors) == (2, 1)
    assert sum(b.count for b in model.summary.histogram) == model.summary.scored == len(scored)
    assert status_kind("error: not UTF-8 text") == STUDENT_ERROR
    looked_at = {c.student for c in model.concerns}
    assert looked_at == {"lost", "died", "broken"}
    page = write_pages(tmp_path, ReportInput("mini", QUESTIONS, []), results)
    assert "lost" in "".join(parsed(page).text)  # a row without a score still gets its row


def test_full_marks_rate_and_mean_count_graded_submissions_only():
    rng = random.Random(4)
    results = []
    for i in range(20):
        scores = {q.name: float(rng.choice([0.0, q.points])) for q in QUESTIONS}
        results.append(result(f"s{i}", score=sum(scores.values()), questions=scores))
    results.append(result("broken", "error: empty file", 0.0,
                          questions={q.name: 0.0 for q in QUESTIONS}))
    model = class_report("mini", QUESTIONS, results)
    for function in model.functions:
        points = [r.questions[function.question.name] for r in results[:20]]
        assert function.full_marks == sum(p == function.question.points for p in points)
        assert function.mean_points == pytest.approx(statistics.fmean(points))


def test_histogram_bins_hold_every_score_once():
    rng = random.Random(30)
    top = rng.randint(5, 19)
    whole = [float(rng.randint(0, top)) for _ in range(200)] + [float(top)]
    bins = histogram_bins(whole, float(top))
    assert [b.label for b in bins] == [str(v) for v in range(top + 1)]
    assert [b.count for b in bins] == [whole.count(float(v)) for v in range(top + 1)]
    for top in (rng.uniform(20, 100), 27.0, 7.5):
        fractional = [rng.uniform(0, top) for _ in range(300)] + [0.0, top]
        bins = histogram_bins(fractional, top)
        width = float(bins[1].label) - float(bins[0].label)
        assert len(bins) <= 20 and float(bins[-1].label) < top <= len(bins) * width
        assert f"{width / 10 ** np.floor(np.log10(width)):g}" in ("1", "2", "2.5", "5")
        expected = [sum(i * width <= x < (i + 1) * width for x in fractional)
                    for i in range(len(bins))]
        expected[-1] += sum(x >= len(bins) * width for x in fractional)  # the last bin is closed
        assert [b.count for b in bins] == expected


# --------------------------------------------------------------------------- escaping


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(path: Path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


HOSTILE = ["<script>alert(1)</script>", '=HYPERLINK("http://x","y")',
           '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "ㄱ/../../etc"]


def test_nothing_from_a_submission_becomes_markup(tmp_path):
    results = []
    for name in HOSTILE:
        text = f"[affine] 반환값: {name} ![x](http://example.com/t.png) <b>굵게</b>"
        results.append(result(name, score=4.0, flags=["reference-import", name],
                              messages={"affine": [text]}, fingerprints={"affine": "same"},
                              incidents={"timeout": [name]}, feedback=f"# {name}\n\n- {text}\n",
                              questions={"double": 3.0, "affine": 0.0, "draw": 1.0}))
    source = ReportInput("mini", QUESTIONS, [r.submission for r in results])
    page = write_pages(tmp_path, source, results)
    for path in [page] + [feedback_path(tmp_path, r.submission, ".html") for r in results]:
        found = parsed(path)
        names = {tag for tag, _ in found.tags}
        assert not names & {"script", "img", "iframe", "object", "embed", "link", "form"}, path
        for _, attrs in found.tags:
            assert not any(key.startswith("on") for key in attrs), path
            assert not attrs.get("href", "").lower().startswith(("javascript:", "http", "//"))
            assert not attrs.get("src")
    text = "".join(parsed(page).text)
    for name in HOSTILE:
        assert name in text


# --------------------------------------------------------------------------- grading end to end


LONG_AFFINE = '''# GRADED FUNCTION: affine
def affine(X, W, b):
    """Loops all the way down."""
    m, n = X.shape
    k = W.shape[1]
    out = np.zeros((m, k))
    for i in range(m):
        for j in range(k):
            total = 0.0
            for t in range(n):
                total += X[i, t] * W[t, j]
            out[i, j] = total + b[j]
    return out
'''
# LONG_AFFINE copied by hand: names renamed, comments, a print and a blank line added.
COPIED_AFFINE = '''# GRADED FUNCTION: affine
def affine(X, W, b):
    # 내 풀이
    rows, cols = X.shape
    width = W.shape[1]
    result = np.zeros((rows, width))
    for r in range(rows):
        for c in range(width):
            acc = 0.0   # 누적
            for q in range(cols):
                acc += X[r, q] * W[q, c]
            print(acc)
            result[r, c] = acc + b[c]

    return result
'''
OWN_AFFINE = '''# GRADED FUNCTION: affine
def affine(X, W, b):
    out = np.empty((X.shape[0], W.shape[1]))
    for i in range(X.shape[0]):
        row = np.zeros(W.shape[1])
        for t in range(X.shape[1]):
            row = row + X[i, t] * W[t, :]
        out[i, :] = row + b
    return out
'''


@pytest.fixture(scope="module")
def graded(mini, tmp_path_factory):
    """A small class graded once: the report's end-to-end material."""
    folder = tmp_path_factory.mktemp("class")
    submission(mini, folder / "alice.ipynb", affine=LONG_AFFINE)
    submission(mini, folder / "bob.ipynb", affine=COPIED_AFFINE)
    submission(mini, folder / "carol.ipynb", affine=OWN_AFFINE)
    submission(mini, folder / "dave.ipynb",
               affine="# GRADED FUNCTION: affine\ndef affine(X, W, b):\n    return X @ W")
    submission(mini, folder / "hangs.ipynb",
               double="# GRADED FUNCTION: double\ndef double(x):\n    while True:\n        pass")
    submission(mini, folder / "exits.ipynb",
               double="# GRADED FUNCTION: double\nimport os\ndef double(x):\n    os._exit(3)")
    submission(mini, folder / "peeks.ipynb",
               draw="# GRADED FUNCTION: draw\nfrom nnkit.reference import mini\n"
                    "def draw(n):\n    return np.random.randn(n)")
    (folder / "broken.ipynb").write_text("{not json", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    results = grade_all(mini, [folder], out, jobs=2, options=Options(timeout=2.0),
                        progress=False)
    return out, {r.submission: r for r in results}


def test_results_carry_what_the_report_needs(graded):
    _, results = graded
    assert results["hangs"].incidents == {"timeout": ["double"]}
    assert results["exits"].incidents == {"crash": ["double"]}
    assert results["peeks"].flags == ["reference-import"]
    assert list(results["dave"].messages) == ["affine"]
    assert all("[affine]" in m for m in results["dave"].messages["affine"])
    assert results["alice"].fingerprints == results["bob"].fingerprints != {}
    assert results["carol"].fingerprints.get("affine") not in (None,
                                                                results["alice"].fingerprints)
    assert results["dave"].fingerprints == {}  # one line: too short to compare


def test_the_report_shows_the_class(graded):
    out, results = graded
    page = (out / REPORT_FILE).read_text(encoding="utf-8")
    model = class_report("mini", QUESTIONS, list(results.values()))
    assert [(p.first, p.second, p.functions) for p in model.similarity.pairs] == \
        [("alice", "bob", ("affine",))]
    assert {c.student for c in model.concerns} == {"hangs", "exits", "peeks", "broken"}
    text = "".join(parsed(out / REPORT_FILE).text)
    for name in results:
        assert name in text
    for question in QUESTIONS:
        assert f"<code>{question.name}</code>" in page
    links = {attrs["href"] for tag, attrs in parsed(out / REPORT_FILE).tags if tag == "a"}
    for name in results:
        html = feedback_path(out, name, ".html")
        assert html.relative_to(out).as_posix() in links and html.is_file()
        assert feedback_path(out, name, ".md").relative_to(out).as_posix() in links


def test_rebuilding_from_saved_results_gives_the_same_pages(graded):
    out, results = graded
    before = {p: p.read_bytes() for p in [out / REPORT_FILE, *(out / "feedback").glob("*.html")]}
    for path in before:
        path.unlink()
    page, missing = rebuild_report(out)
    assert page == out / REPORT_FILE and missing == []
    assert {p: p.read_bytes() for p in before} == before


def test_the_report_verb(graded, tmp_path):
    out, _ = graded
    expected = (out / REPORT_FILE).read_bytes()
    (out / REPORT_FILE).unlink()
    completed = subprocess.run([sys.executable, "-m", "grader", "report", str(out)],
                               capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr
    assert (out / REPORT_FILE).read_bytes() == expected
    empty = subprocess.run([sys.executable, "-m", "grader", "report", str(tmp_path)],
                           capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert empty.returncode == 2 and INPUT_FILE in empty.stderr


def test_results_saved_before_the_report_existed_still_load(tmp_path):
    new = result("old", score=5.0, messages={"affine": ["[affine] x"]})
    save_result(tmp_path, new)
    path = result_path(tmp_path, "old")
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("incidents", "fingerprints"):
        del data[key]
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_result(tmp_path, "old")
    assert loaded is not None and loaded.fingerprints == {} and loaded.score == 5.0
    source = ReportInput("mini", QUESTIONS, ["old", "gone"])
    (tmp_path / INPUT_FILE).write_text(source.to_json(), encoding="utf-8")
    page, missing = rebuild_report(tmp_path)
    assert missing == ["gone"] and "old" in "".join(parsed(page).text)
