"""Size and render time of the instructor's report for a class of 200 and of 1,000.

The classes are synthetic results for planar_classification's eight functions (no grading):
scores drawn per function; the failing messages that the real checks (``nnkit.checks``) give
for six kinds of mistake (flat, transposed, broadcast, sign, missing 1/m, offset) at random
sizes; feedback rendered by ``grader.reporting.feedback``; a few timeouts, flags and unreadable
files; fingerprints with a planted copy every 50 students and one form common to all.

For each size: the size of ``report.html``; the time to build the pages from the saved results
(``grader.reporting.report.rebuild_report``, what ``python -m grader report DIR`` runs), once and
then again with nothing changed; and in headless Chromium (``tests/support/browser.py``) the time
from navigation to the report loaded and laid out, measured inside the browser by a harness page
that loads the report in an iframe and forces layout (the first row: the harness on an empty page).

    python bench/report_size.py [--sizes 200 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from grader import feedback  # noqa: E402
from grader.assignment import Question  # noqa: E402
from grader.files import write_atomically
from grader.grading.gradebook import INPUT_FILE, ReportInput, Result, save_result  # noqa: E402
from grader.grading.runner import CaseResult, Outcome  # noqa: E402
from grader.reporting.report import REPORT_FILE, rebuild_report  # noqa: E402
from grader.run.grade import graded_result  # noqa: E402
from nnkit import checks  # noqa: E402
from tests.support.browser import CHROMIUM, dump_dom  # noqa: E402

QUESTIONS = [Question(name, points) for name, points in [
    ("layer_sizes", 1), ("initialize_parameters", 2), ("forward_propagation", 3),
    ("compute_cost", 2), ("backward_propagation", 4), ("update_parameters", 2),
    ("nn_model", 4), ("predict", 2)]]


def mistake(rng: random.Random, function: str) -> str:
    """One failing message as the checks word it, for a mistake drawn at random sizes."""
    n, m = rng.randint(2, 9), rng.randint(3, 40)
    expected = np.random.default_rng(rng.randrange(10**6)).standard_normal((n, 1)) + 2
    quantity = rng.choice(["반환값['db1']", "반환값['dW1']", "반환값 A2", "반환값"])
    wrong = rng.choice([expected.ravel(), expected.T, np.tile(expected, (1, n)), -expected,
                        m * expected, expected + 0.5])
    try:
        checks.check_close(function, quantity, wrong, expected, m=m)
    except AssertionError as error:
        return str(error)
    raise AssertionError("every drawn mistake fails its check")


def synthetic_result(rng: random.Random, name: str, index: int) -> Result:
    assignment = SimpleNamespace(name="planar_classification", questions=QUESTIONS,
                                 max_score=sum(q.points for q in QUESTIONS))
    if rng.random() < 0.02:
        status = "error: not a JSON notebook (Expecting value, line 1)"
        return Result(name, status, 0.0, assignment.max_score, {q.name: 0.0 for q in QUESTIONS},
                      feedback=feedback.render_error(assignment, name, status))
    skill = rng.random()
    cases = []
    for question in QUESTIONS:
        for part in range(3):
            points = question.points / 3
            if rng.random() < 0.35 + 0.6 * skill:
                cases.append(CaseResult(question.name, f"t{part}", points, points, ""))
            else:
                kind = rng.choices(["failed", "error", "timeout"], [0.9, 0.08, 0.02])[0]
                cases.append(CaseResult(question.name, f"t{part}", points, 0.0,
                                        mistake(rng, question.name), kind))
    outcome = Outcome(cases, ["reference-import"] if rng.random() < 0.01 else [], [])
    original = index - 1 if index % 50 == 1 else index  # a planted copy every 50 students
    prints = {q.name: f"{q.name}-{original}" for q in QUESTIONS[2:]}
    prints["update_parameters"] = "common"  # the one natural way, written by most
    return graded_result(assignment, name, outcome, fingerprints=prints)


def write_class(out: Path, size: int, seed: int) -> None:
    rng = random.Random(seed)
    names = [f"{rng.choice('김이박최정강조윤장임')}{rng.choice('민서지하도수')}{i:04d}"
             for i in range(size)]
    for index, name in enumerate(names):
        save_result(out, synthetic_result(rng, name, index))
    write_atomically(out / INPUT_FILE,
                     ReportInput("planar_classification", QUESTIONS, names).to_json())


HARNESS = """<!DOCTYPE html><html><body><pre id="t">pending</pre>
<iframe id="f" style="width:1400px;height:1800px"></iframe><script>
const f = document.getElementById('f');
f.onload = () => {
  const loaded = performance.now();
  f.contentDocument.body.getBoundingClientRect();  // forces style and layout
  document.getElementById('t').textContent = loaded + ' ' + performance.now();
};
f.src = 'REPORT';
</script></body></html>"""


def load_and_layout_ms(page: Path, repeat: int) -> float:
    """Median milliseconds from navigation to the report loaded and laid out, in Chromium."""
    harness = page.parent / "harness.html"
    harness.write_text(HARNESS.replace("REPORT", page.name), encoding="utf-8")
    times = []
    for _ in range(repeat):
        dom = dump_dom(harness, "--allow-file-access-from-files")
        times.append(float(re.search(r'id="t">[\d.]+ ([\d.]+)<', dom)[1]))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| submissions | report.html | `report DIR` | `report DIR` again (nothing changed) | "
          "load + layout in Chromium |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory(prefix="report-bench-") as folder:
        empty = Path(folder) / "empty.html"
        empty.write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
        print(f"| an empty page | – | – | – | {browser(empty, args.repeat)} |", flush=True)
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="report-bench-") as folder:
            out = Path(folder)
            write_class(out, size, seed=size)
            first, page = timed(rebuild_report, out)
            again, _ = timed(rebuild_report, out)
            kib = (out / REPORT_FILE).stat().st_size / 1024
            print(f"| {size} | {kib:.0f} KiB | {first:.2f} s | {again:.2f} s | "
                  f"{browser(page[0], args.repeat)} |", flush=True)


def timed(function, *args):
    started = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - started, value


def browser(page: Path, repeat: int) -> str:
    if CHROMIUM is None:
        return "chromium not installed"
    return f"{load_and_layout_ms(page, repeat):.0f} ms"


if __name__ == "__main__":
    main()
