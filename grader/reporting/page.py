"""The HTML document around the report and the feedback pages: one file, inline CSS, no script.

Everything that reaches a page from a submission (names, statuses, messages) goes through
:func:`text` (:func:`grader.literal_text.html`) or :func:`with_code`, which escape it and show
its invisible characters; nothing of a submission is ever a tag.
"""

from __future__ import annotations

import re

from grader.literal_text import html as text  # the one escaper, under the name pages use

BASE_CSS = """
*{box-sizing:border-box}
body{margin:0;padding:12px;font:15px/1.55 system-ui,-apple-system,"Apple SD Gothic Neo",
"Noto Sans KR","NanumGothic","Malgun Gothic",sans-serif;color:#1d2433;background:#fff}
main{max-width:1100px;margin:0 auto}
h1{font-size:1.5em;margin:.3em 0}h2{font-size:1.25em;margin:1.6em 0 .5em;
border-bottom:2px solid #e3e7ee;padding-bottom:.2em}h3{font-size:1.05em;margin:1.2em 0 .4em}
code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.92em;
background:#f1f3f7;padding:0 .25em;border-radius:3px}
table{border-collapse:collapse;margin:.4em 0}
th,td{border:1px solid #dde2ea;padding:.25em .55em;text-align:left;vertical-align:top}
th{background:#f5f7fa}
.wide{overflow-x:auto;max-width:100%}
ul,ol{padding-left:1.4em}li{margin:.25em 0;overflow-wrap:anywhere}
a{color:#2457a6}
"""


def document(title: str, body: str, css: str = "") -> str:
    """A complete HTML page in Korean, readable on a phone (viewport, fluid widths)."""
    return ("<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{text(title)}</title><style>{BASE_CSS}{css}</style></head>"
            f"<body><main>\n{body}\n</main></body></html>\n")


def with_code(value: str) -> str:
    """Escaped text in which `backticked` spans become ``<code>`` (function names)."""
    return re.sub(r"`([^`\n]+)`", r"<code>\1</code>", text(value))
