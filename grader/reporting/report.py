"""The instructor's report: ``DIR/report.html``, the class at a glance, and ``feedback/*.html``.

Written by ``grade`` after the gradebook and rebuilt by ``python -m grader report DIR`` from the
saved results alone: ``DIR/.report.json`` keeps what the results do not (the assignment's
questions and points, and which submissions the last ``grade`` covered, in order).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from grader import words
from grader.assignment import Assignment, Question
from grader.course.changes import CHANGES_FILE, TOTAL, read_changes
from grader.files import write_atomically, write_if_changed
from grader.grading.gradebook import INPUT_FILE, ReportInput, Result, feedback_path, load_result
from grader.grading.similarity import CommonForm, Pair
from grader.literal_text import csv_cell
from grader.reporting.charts import Bar, bars_svg, histogram_svg
from grader.reporting.failure_groups import Group
from grader.reporting.feedback_html import feedback_page
from grader.reporting.page import document, text, with_code
from grader.reporting.report_model import (
    GRADED,
    ClassReport,
    FunctionReport,
    class_report,
    status_kind,
)
from grader.reporting.test_rates import Suspect

REPORT_FILE = "report.html"
MAX_GROUPS = 8  # mistakes listed per function; the rest are counted
MAX_PAIRS = 200  # near-identical pairs listed; the rest are counted

Link = Callable[[str, str], str]  # (submission, ".html" or ".md") → a relative URL
SECTIONS = ("summary", "functions", "look", "students")  # the anchors of the page's sections


class ReportError(Exception):
    """The folder holds no graded class to report on."""


def write_report(out: Path, assignment: Assignment, results: list[Result]) -> Path:
    """Save the report's input beside the results, then write the pages.

    The results are taken by submission name, not in the order they were found or graded, so
    that shards merged (:mod:`grader.course.shards`) write the same bytes as one run.
    """
    results = sorted(results, key=lambda r: r.submission)
    source = ReportInput(assignment.name, list(assignment.questions),
                         [r.submission for r in results])
    write_atomically(out / INPUT_FILE, source.to_json())
    return write_pages(out, source, results)


def rebuild_report(out: Path) -> tuple[Path, list[str]]:
    """The pages again from ``DIR``'s saved results; also the submissions whose result is gone."""
    try:
        source = ReportInput.from_json((out / INPUT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ReportError(f"{out / INPUT_FILE} is missing or unreadable ({error}): "
                          "run `python -m grader grade … --out DIR` first") from None
    loaded = {name: load_result(out, name) for name in source.submissions}
    results = [r for r in loaded.values() if r is not None]
    missing = [name for name, r in loaded.items() if r is None]
    return write_pages(out, source, results), missing


def write_pages(out: Path, source: ReportInput, results: list[Result]) -> Path:
    for result in results:
        title = words.feedback_title(source.assignment, result.submission)
        write_if_changed(feedback_path(out, result.submission, ".html"),
                          feedback_page(title, result.feedback))
    model = class_report(source.assignment, source.questions, results)
    model.changes = read_changes(out / CHANGES_FILE)
    page = out / REPORT_FILE
    write_atomically(page, render(model, lambda name, suffix: _link(out, name, suffix)))
    return page


def _link(out: Path, name: str, suffix: str) -> str:
    """A relative URL; letters of any script stay as they are (shorter than %-escapes)."""
    path = feedback_path(out, name, suffix).relative_to(out).as_posix()
    return "".join(c if c.isalnum() or c in "/._-~" else quote(c) for c in path)


# --------------------------------------------------------------------------- the page

REPORT_CSS = """
.sub{color:#5a6478;margin:0}
nav a{margin-right:1em}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin:.6em 0}
.card{border:1px solid #dde2ea;border-radius:6px;padding:.4em .8em;min-width:7.5em}
.card b{display:block;font-size:1.4em}
.card span{color:#5a6478;font-size:.9em}
.chart{width:100%;height:auto;display:block}
.chart text{font-size:13px;fill:#1d2433;text-anchor:middle}
.chart text.f{text-anchor:end;font-family:ui-monospace,Menlo,Consolas,monospace}
.chart text.v{text-anchor:start}
.note{color:#5a6478;font-size:.9em}
.count{font-weight:bold;margin-right:.4em}
.hint{color:#5a6478;font-size:.92em}
details{margin:.2em 0 .5em}
summary{cursor:pointer;color:#2457a6}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f7f8fa;padding:.4em;margin:.3em 0}
.names a{margin-right:.6em;white-space:nowrap}
td.lost{background:#fff3e0}
.num,.scores td{text-align:right;font-variant-numeric:tabular-nums}
.scores td:first-child,.scores td:nth-last-child(2){text-align:left}
.scores th{white-space:nowrap}.scores td:nth-last-child(2){min-width:16em}
#functions ol,#look,#students{content-visibility:auto;contain-intrinsic-size:auto 1500px}
"""


def render(model: ClassReport, link: Link) -> str:
    """The whole report page."""
    sections = [_header(model), _summary(model), _functions(model, link),
                _tests(model, link), _needs_a_look(model, link), _trail(model, link),
                _students(model, link)]
    return document(words.report_title(model.assignment), "\n".join(sections), REPORT_CSS)


def _header(model: ClassReport) -> str:
    subtitle = words.report_subtitle(model.summary.submissions, len(model.questions),
                                     _number(model.summary.max_score))
    links = "".join(f"<a href=\"#{anchor}\">{label}</a>" for anchor, label
                    in zip(SECTIONS, words.REPORT_NAVIGATION, strict=True))
    return (f"<header><h1>{words.report_title(f'<code>{text(model.assignment)}</code>')}</h1>"
            f"<p class=\"sub\">{subtitle}</p><nav>{links}</nav></header>")


def _summary(model: ClassReport) -> str:
    s = model.summary
    values = [s.submissions, s.graded, s.student_errors, s.grader_errors, s.not_submitted,
              _number(s.mean, 2), _number(s.median, 2)]
    cards = zip(values, words.summary_cards(_number(s.max_score)), strict=True)
    card_html = "".join(f"<div class=\"card\"><b>{text(v)}</b><span>{text(k)}</span></div>"
                        for v, k in cards)
    chart = histogram_svg(s.histogram, words.HISTOGRAM_LABEL)
    note = words.summary_explained(s.scored, s.grader_errors, s.student_errors, s.not_submitted)
    return (f"<section id=\"summary\"><h2>{words.SUMMARY_HEADING}</h2>"
            f"<div class=\"cards\">{card_html}</div><h3>{words.HISTOGRAM_HEADING}</h3>{chart}"
            f"<p class=\"note\">{text(note)}</p></section>")


def _functions(model: ClassReport, link: Link) -> str:
    bars = [Bar(f.question.name, f.full_rate or 0.0, _percent(f.full_rate))
            for f in model.functions]
    rows = "".join(
        f"<tr><td><a href=\"#fn-{text(f.question.name)}\"><code>{text(f.question.name)}</code>"
        f"</a></td><td class=\"num\">{_number(f.question.points)}</td>"
        f"<td class=\"num\">{_percent(f.full_rate)}</td>"
        f"<td class=\"num\">{_number(f.mean_points, 2)}</td>"
        f"<td class=\"num\">{len(f.groups)}</td></tr>" for f in model.functions)
    table = _table(list(words.FUNCTION_TABLE_HEADS), rows)
    details = "".join(_function_mistakes(f, link) for f in model.functions)
    return (f"<section id=\"functions\"><h2>{words.FUNCTIONS_HEADING}</h2>"
            f"<p class=\"note\">{words.functions_explained(model.summary.graded)}</p>"
            f"{bars_svg(bars, words.FULL_MARKS_CHART)}{table}{details}</section>")


def _function_mistakes(function: FunctionReport, link: Link) -> str:
    name = text(function.question.name)
    if not function.groups:
        body = f"<p class=\"note\">{words.NO_FAILURES}</p>"
    else:
        shown = "".join(_group(g, link) for g in function.groups[:MAX_GROUPS])
        rest = function.groups[MAX_GROUPS:]
        students = len({s for g in rest for s in g.students})
        more = (f"<p class=\"note\">{words.other_failures(len(rest), students)}</p>"
                if rest else "")
        body = f"<ol>{shown}</ol>{more}"
    return f"<h3 id=\"fn-{name}\">{words.common_failures(f'<code>{name}</code>')}</h3>{body}"


def _group(group: Group, link: Link) -> str:
    # The pattern's first line says what the group shares; its hint is shown as one student
    # saw it, since abstracting a hint's numbers also blurs its constants ("axis=1", "1/m").
    problem = group.pattern.partition("\n")[0]
    hint = group.example.partition("\n")[2]
    hint_html = f"<div class=\"hint\">{text(hint, multiline=True)}</div>" if hint else ""
    count = len(group.students)
    return (f"<li><span class=\"count\">{words.count_of_students(count)}</span>{text(problem)}"
            f"{hint_html}<details><summary>{words.example_message(count)}</summary>"
            f"<pre>{text(group.example, multiline=True)}</pre>{_names(group.students, link)}"
            "</details></li>")


def _names(students, link: Link) -> str:
    return "<div class=\"names\">" + "".join(_student(s, link) for s in students) + "</div>"


def _student(name: str, link: Link) -> str:
    return f"<a href=\"{text(link(name, '.html'))}\">{text(name)}</a>"


def _needs_a_look(model: ClassReport, link: Link) -> str:
    if model.concerns:
        rows = "".join(
            f"<tr><td>{_student(c.student, link)}</td>"
            f"<td><ul>{''.join(f'<li>{with_code(r)}</li>' for r in c.reasons)}</ul></td></tr>"
            for c in model.concerns)
        concerns = _table(list(words.CONCERN_TABLE_HEADS), rows)
    else:
        concerns = f"<p class=\"note\">{words.NOTHING_TO_LOOK_AT}</p>"
    return (f"<section id=\"look\"><h2>{words.NEEDS_A_LOOK_HEADING}</h2>{concerns}"
            f"<h3>{words.NEAR_IDENTICAL_HEADING}</h3>{_pairs(model.similarity.pairs, link)}"
            f"{_common(model.similarity.common, link)}</section>")


def _pairs(pairs: list[Pair], link: Link) -> str:
    explain = f"<p class=\"note\">{words.NEAR_IDENTICAL_EXPLAINED}</p>"
    if not pairs:
        return explain + f"<p class=\"note\">{words.NO_NEAR_IDENTICAL}</p>"
    rows = "".join(
        f"<tr><td>{_student(p.first, link)}</td><td>{_student(p.second, link)}</td>"
        f"<td>{' '.join(f'<code>{text(f)}</code>' for f in p.functions)}</td></tr>"
        for p in pairs[:MAX_PAIRS])
    more = (f"<p class=\"note\">{words.more_pairs(len(pairs) - MAX_PAIRS)}</p>"
            if len(pairs) > MAX_PAIRS else "")
    return explain + _table(list(words.PAIR_TABLE_HEADS), rows) + more


def _common(common: list[CommonForm], link: Link) -> str:
    if not common:
        return ""
    items = "".join(
        f"<li>{words.written_alike(f'<code>{text(c.function)}</code>', len(c.students))}"
        f"<details><summary>{words.SHOW_STUDENTS}</summary>{_names(c.students, link)}"
        "</details></li>" for c in common)
    return (f"<h3>{words.COMMON_FORMS_HEADING}</h3>"
            f"<p class=\"note\">{words.COMMON_FORMS_EXPLAINED}</p><ul>{items}</ul>")


def _tests(model: ClassReport, link: Link) -> str:
    """Each test's pass rate and the suspect tests; nothing for results without per-test
    outcomes (saved before they were kept)."""
    if not model.tests:
        return ""
    rows = "".join(
        f"<tr><td><code>{text(t.function)}</code></td><td><code>{text(t.name)}</code></td>"
        f"<td>{words.test_kind(t.hidden)}</td><td class=\"num\">{_percent(t.rate)}</td>"
        f"<td class=\"num\">{t.passed}/{t.runs}</td></tr>" for t in model.tests)
    if model.suspects:
        items = "".join(_suspect(s, link) for s in model.suspects)
        suspects = f"<p class=\"note\">{words.SUSPECTS_EXPLAINED}</p><ul>{items}</ul>"
    else:
        suspects = f"<p class=\"note\">{words.NO_SUSPECTS}</p>"
    return (f"<section id=\"tests\"><h2>{words.TESTS_HEADING}</h2>"
            f"<p class=\"note\">{words.tests_explained(model.summary.graded)}</p>"
            f"{_table(list(words.TEST_TABLE_HEADS), rows)}"
            f"<h3>{words.SUSPECTS_HEADING}</h3>{suspects}</section>")


def _suspect(suspect: Suspect, link: Link) -> str:
    line = words.suspect_line(f"<code>{text(suspect.name)}</code>",
                              f"<code>{text(suspect.function)}</code>", len(suspect.students))
    return (f"<li><b>{line}</b><pre>{text(suspect.message, multiline=True)}</pre>"
            f"<details><summary>{words.SHOW_STUDENTS}</summary>"
            f"{_names(suspect.students, link)}</details></li>")


def _trail(model: ClassReport, link: Link) -> str:
    """Regrades and staff adjustments; nothing at all for a class with neither."""
    adjusted = [(r.submission, a) for r in sorted(model.results, key=lambda r: r.submission)
                for a in r.adjustments]
    if not model.changes and not adjusted:
        return ""
    parts = [f"<section id=\"changes\"><h2>{words.CHANGES_HEADING}</h2>"]
    if model.changes:
        # changes.csv holds each name as a spreadsheet-safe cell (csv_cell): the cell '=x' is
        # shown, and linked, as the row named =x.
        names = {csv_cell(r.submission): r.submission for r in model.results}
        rows = "".join(
            f"<tr><td class=\"num\">{text(run)}</td>"
            f"<td>{_student(names.get(name, name), link)}</td>"
            f"<td>{_function_name(function)}</td><td class=\"num\">{text(old or '–')}</td>"
            f"<td class=\"num\">{text(new or '–')}</td>"
            f"<td>{text('; '.join(map(words.change_reason, reason.split('; '))))}</td></tr>"
            for run, name, _, function, old, new, reason in reversed(model.changes))
        parts.append(f"<p class=\"note\">{words.CHANGES_EXPLAINED}</p>"
                     f"{_table(list(words.CHANGE_TABLE_HEADS), rows)}")
    if adjusted:
        rows = "".join(
            f"<tr><td>{_student(name, link)}</td><td>{_function_name(a['function'])}</td>"
            f"<td class=\"num\">{a['points']:+g}</td><td>{text(a['reason'])}</td></tr>"
            for name, a in adjusted)
        parts.append(f"<h3>{words.ADJUSTMENTS_HEADING}</h3>"
                     f"<p class=\"note\">{words.ADJUSTMENTS_EXPLAINED}</p>"
                     f"{_table(list(words.ADJUSTMENT_TABLE_HEADS), rows)}")
    return "".join(parts) + "</section>"


def _function_name(function: str) -> str:
    return words.TOTAL_LABEL if function == TOTAL else f"<code>{text(function)}</code>"


def _students(model: ClassReport, link: Link) -> str:
    functions = [f"<code>{text(q.name)}</code>" for q in model.questions]
    # A course file's late policy (grade --course): the penalty and the final score beside the
    # raw total.
    penalties = any(r.penalty is not None for r in model.results)
    rows = "".join(_student_row(r, model.questions, link, penalties)
                   for r in sorted(model.results, key=lambda r: r.submission))
    heads = [*words.STUDENT_TABLE_HEADS, *(words.PENALTY_HEADS if penalties else ()),
             *functions, *words.STUDENT_TABLE_TAIL_HEADS]
    table = _table(heads, rows, "scores")
    return (f"<section id=\"students\"><h2>{words.students_heading(len(model.results))}</h2>"
            f"<p class=\"note\">{words.STUDENTS_EXPLAINED}</p>{table}</section>")


def _student_row(result: Result, questions: list[Question], link: Link,
                 penalties: bool = False) -> str:
    # Kept lean (classes only where a cell differs): a class of 1,000 makes 1,000 of these.
    graded = status_kind(result.status) == GRADED
    cells = []
    for question in questions:
        points = result.questions.get(question.name, 0.0)
        if not graded:
            cells.append("<td>–</td>")
        elif points < question.points:
            cells.append(f"<td class=\"lost\">{_number(points, 2)}</td>")
        else:
            cells.append(f"<td>{_number(points, 2)}</td>")
    markdown = link(result.submission, ".md")
    late = (f"<td>{_number(result.penalty, 2)}</td><td>{_number(result.final_score, 2)}</td>"
            if penalties else "")
    return (f"<tr><td>{_student(result.submission, link)}</td>"
            f"<td>{_number(result.score, 2)}</td>{late}{''.join(cells)}"
            f"<td>{text(result.status)}</td>"
            f"<td><a href=\"{text(markdown)}\">MD</a></td></tr>")


def _table(head: list[str], rows: str, css_class: str = "") -> str:
    """A table that scrolls sideways on a narrow screen; ``head`` and ``rows`` are HTML."""
    cells = "".join(f"<th>{h}</th>" for h in head)
    return (f"<div class=\"wide\"><table class=\"{css_class}\"><thead><tr>{cells}</tr></thead>"
            f"<tbody>{rows}</tbody></table></div>")


def _number(value: float | None, digits: int = 6) -> str:
    return "–" if value is None else f"{round(value, digits):g}"


def _percent(fraction: float | None) -> str:
    return "–" if fraction is None else f"{100 * fraction:.0f}%"
