"""A student's feedback Markdown (:mod:`grader.feedback`) as a page of its own.

markdown-it-py (CommonMark, already a dependency of otter-grader through jupytext) renders it
with raw HTML off, so a message holding ``<script>`` shows as text; images, links and autolinks
are off too, so a message cannot make the page fetch anything or point anywhere.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from grader.page import document

FEEDBACK_CSS = """
main{max-width:760px}
li{white-space:normal}
table{width:100%}
"""

_MARKDOWN = (MarkdownIt("commonmark", {"html": False, "breaks": True})
             .enable("table").disable(["image", "link", "autolink"]))


def feedback_page(title: str, markdown: str) -> str:
    """The feedback as a complete HTML page titled ``title``."""
    return document(title, _MARKDOWN.render(markdown), FEEDBACK_CSS)
