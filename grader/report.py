"""The instructor's report: ``DIR/report.html``, the class at a glance, and ``feedback/*.html``.

Written by ``grade`` after the gradebook and rebuilt by ``python -m grader report DIR`` from the
saved results alone: ``DIR/.report.json`` keeps what the results do not (the assignment's
questions and points, and which submissions the last ``grade`` covered, in order).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from grader.assignment import Assignment, Question
from grader.charts import Bar, bars_svg, histogram_svg
from grader.failure_groups import Group
from grader.feedback_html import feedback_page
from grader.gradebook import Result, feedback_path, load_result, write_atomically
from grader.page import document, text, with_code
from grader.report_model import GRADED, ClassReport, FunctionReport, build, status_kind
from grader.similarity import CommonForm, Pair

REPORT_FILE = "report.html"
INPUT_FILE = ".report.json"
MAX_GROUPS = 8  # mistakes listed per function; the rest are counted
MAX_PAIRS = 200  # near-identical pairs listed; the rest are counted

Link = Callable[[str, str], str]  # (submission, ".html" or ".md") → a relative URL


@dataclass(frozen=True)
class ReportInput:
    """What the report needs besides the results: saved beside them by ``grade``."""

    assignment: str
    questions: list[Question]
    submissions: list[str]

    def to_json(self) -> str:
        return json.dumps({"assignment": self.assignment,
                           "questions": [[q.name, q.points] for q in self.questions],
                           "submissions": self.submissions}, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, raw: str) -> ReportInput:
        data = json.loads(raw)
        return cls(data["assignment"], [Question(n, float(p)) for n, p in data["questions"]],
                   list(data["submissions"]))


class ReportError(Exception):
    """The folder holds no graded class to report on."""


def write_report(out: Path, assignment: Assignment, results: list[Result]) -> Path:
    """Save the report's input beside the results, then write the pages."""
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
        title = f"{source.assignment} 채점 결과: {result.submission}"
        _write_if_changed(feedback_path(out, result.submission, ".html"),
                          feedback_page(title, result.feedback))
    model = build(source.assignment, source.questions, results)
    page = out / REPORT_FILE
    write_atomically(page, render(model, lambda name, suffix: _link(out, name, suffix)))
    return page


def _write_if_changed(path: Path, page: str) -> None:
    """Rewriting (and syncing) a thousand unchanged pages on each rerun costs seconds."""
    try:
        if path.read_text(encoding="utf-8") == page:
            return
    except (OSError, UnicodeDecodeError):
        pass
    write_atomically(path, page)


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
                _needs_a_look(model, link), _students(model, link)]
    return document(f"{model.assignment} 채점 보고서", "\n".join(sections), REPORT_CSS)


def _header(model: ClassReport) -> str:
    total = _number(model.summary.max_score)
    return (f"<header><h1><code>{text(model.assignment)}</code> 채점 보고서</h1>"
            f"<p class=\"sub\">제출 {model.summary.submissions}건 · "
            f"함수 {len(model.questions)}개 · 배점 {total}점</p><nav>"
            "<a href=\"#summary\">요약</a><a href=\"#functions\">함수별</a>"
            "<a href=\"#look\">살펴볼 제출</a><a href=\"#students\">모든 학생</a></nav></header>")


def _summary(model: ClassReport) -> str:
    s = model.summary
    cards = [(s.submissions, "제출"), (s.graded, "채점 완료"),
             (s.student_errors, "제출 파일 오류"), (s.grader_errors, "채점기 오류"),
             (_number(s.mean, 2), f"평균 / {_number(s.max_score)}"),
             (_number(s.median, 2), f"중앙값 / {_number(s.max_score)}")]
    card_html = "".join(f"<div class=\"card\"><b>{text(v)}</b><span>{text(k)}</span></div>"
                        for v, k in cards)
    chart = histogram_svg(s.histogram, "총점 분포 (학생 수)")
    note = (f"평균·중앙값·분포: 점수가 있는 {s.scored}건 기준 (채점기 오류 {s.grader_errors}건 "
            f"제외, 제출 파일 오류 {s.student_errors}건은 0점으로 포함).")
    return (f"<section id=\"summary\"><h2>학급 요약 (class summary)</h2>"
            f"<div class=\"cards\">{card_html}</div><h3>총점 분포 (histogram)</h3>{chart}"
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
    table = _table(["함수", "배점", "만점 비율", "평균 점수", "실패 유형"], rows)
    details = "".join(_function_mistakes(f, link) for f in model.functions)
    graded = model.summary.graded
    return (f"<section id=\"functions\"><h2>함수별 결과 (per function)</h2>"
            f"<p class=\"note\">채점 완료 {graded}건 기준. 막대: 만점 비율.</p>"
            f"{bars_svg(bars, '함수별 만점 비율')}{table}{details}</section>")


def _function_mistakes(function: FunctionReport, link: Link) -> str:
    name = text(function.question.name)
    if not function.groups:
        body = "<p class=\"note\">실패한 제출이 없습니다.</p>"
    else:
        shown = "".join(_group(g, link) for g in function.groups[:MAX_GROUPS])
        rest = function.groups[MAX_GROUPS:]
        more = (f"<p class=\"note\">그 밖의 실패 유형 {len(rest)}개 (학생 "
                f"{len({s for g in rest for s in g.students})}명)</p>") if rest else ""
        body = f"<ol>{shown}</ol>{more}"
    return f"<h3 id=\"fn-{name}\"><code>{name}</code>: 자주 나온 실패</h3>{body}"


def _group(group: Group, link: Link) -> str:
    # The pattern's first line says what the group shares; its hint is shown as one student
    # saw it, since abstracting a hint's numbers also blurs its constants ("axis=1", "1/m").
    problem = group.pattern.partition("\n")[0]
    hint = group.example.partition("\n")[2]
    hint_html = f"<div class=\"hint\">{text(hint)}</div>" if hint else ""
    return (f"<li><span class=\"count\">{len(group.students)}명</span>{text(problem)}{hint_html}"
            f"<details><summary>학생 {len(group.students)}명 · 예시 메시지</summary>"
            f"<pre>{text(group.example)}</pre>{_names(group.students, link)}</details></li>")


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
        concerns = _table(["학생", "이유"], rows)
    else:
        concerns = ("<p class=\"note\">플래그, 시간 초과, 비정상 종료, 오류가 있는 제출이 "
                    "없습니다.</p>")
    return (f"<section id=\"look\"><h2>살펴볼 제출 (needs a look)</h2>{concerns}"
            f"<h3>거의 같은 제출 (near-identical)</h3>{_pairs(model.similarity.pairs, link)}"
            f"{_common(model.similarity.common, link)}</section>")


def _pairs(pairs: list[Pair], link: Link) -> str:
    explain = ("<p class=\"note\">주석, 공백, 지역 변수 이름, docstring, print를 지운 AST가 같은 "
               "채점 함수를 가진 제출의 쌍입니다 (셀 순서는 상관없음). 너무 짧은 함수는 "
               "비교하지 않습니다.</p>")
    if not pairs:
        return explain + "<p class=\"note\">거의 같은 제출이 없습니다.</p>"
    rows = "".join(
        f"<tr><td>{_student(p.first, link)}</td><td>{_student(p.second, link)}</td>"
        f"<td>{' '.join(f'<code>{text(f)}</code>' for f in p.functions)}</td></tr>"
        for p in pairs[:MAX_PAIRS])
    more = (f"<p class=\"note\">그 밖에 {len(pairs) - MAX_PAIRS}쌍</p>"
            if len(pairs) > MAX_PAIRS else "")
    return explain + _table(["학생 A", "학생 B", "같은 함수"], rows) + more


def _common(common: list[CommonForm], link: Link) -> str:
    if not common:
        return ""
    items = "".join(
        f"<li><code>{text(c.function)}</code>: {len(c.students)}명이 똑같이 작성"
        f"<details><summary>학생 보기</summary>{_names(c.students, link)}</details></li>"
        for c in common)
    return ("<h3>여러 학생이 똑같이 쓴 함수</h3><p class=\"note\">같은 코드를 쓴 학생이 많아 "
            "쌍으로 나열하지 않았습니다: 자연스러운 풀이이거나 공통 출처일 수 있습니다.</p>"
            f"<ul>{items}</ul>")


def _students(model: ClassReport, link: Link) -> str:
    functions = [f"<code>{text(q.name)}</code>" for q in model.questions]
    rows = "".join(_student_row(r, model.questions, link)
                   for r in sorted(model.results, key=lambda r: r.submission))
    table = _table(["학생", "총점", *functions, "상태", "원문"], rows, "scores")
    return (f"<section id=\"students\"><h2>모든 학생 ({len(model.results)}명)</h2>"
            "<p class=\"note\">이름을 누르면 학생에게 보이는 피드백 (HTML)이 열립니다.</p>"
            f"{table}</section>")


def _student_row(result: Result, questions: list[Question], link: Link) -> str:
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
    return (f"<tr><td>{_student(result.submission, link)}</td>"
            f"<td>{_number(result.score, 2)}</td>{''.join(cells)}<td>{text(result.status)}</td>"
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
