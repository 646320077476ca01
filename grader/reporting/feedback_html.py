"""A student's feedback Markdown (:mod:`grader.reporting.feedback`) as a page of its own.

markdown-it-py (CommonMark, already a dependency of otter-grader through jupytext) renders it.
What a submission put in the Markdown is a code span or block already (:mod:`grader.literal_text`);
raw HTML, images, links and autolinks are off besides, so that nothing can make the page fetch
anything or point anywhere even if a message escaped its block.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from grader.reporting.page import document

FEEDBACK_CSS = """
main{max-width:760px}
li{white-space:normal}
table{width:100%}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f7f8fa;padding:.5em .7em;
border-radius:4px}
pre code{background:none;padding:0}
"""

_MARKDOWN = (MarkdownIt("commonmark", {"html": False, "breaks": True})
             .enable("table").disable(["image", "link", "autolink"]))


def feedback_page(title: str, markdown: str) -> str:
    """The feedback as a complete HTML page titled ``title``."""
    return document(title, _MARKDOWN.render(markdown), FEEDBACK_CSS)
