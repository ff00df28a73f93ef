"""The project's documents as the About pages show them: read in the reader's language (else in
English), their links to other documents of the repository made to work on a web page, and, for a
page without a Markdown component (the static site), rendered as HTML."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from dashboard.paths import DOCS_DIR
from layouts import i18n

ON_THE_PAGE = {"methodology.md": "#methodology", "accessibility.md": "#accessibility"}
"""Documents the About page shows, by the section that holds them."""

DOC_LINK = re.compile(r"\[([^\]]+)\]\(([\w./-]+\.md)(#[\w-]+)?\)")


def document(name: str) -> tuple[str, str] | None:
    """The text of docs/<language>/<name> for the language in force, else of the English
    docs/<name>, with the language it is written in; None when neither exists."""
    language = i18n.language()
    for code, path in ((language, DOCS_DIR / language / name), (i18n.SOURCE_LANGUAGE, DOCS_DIR / name)):
        if path.is_file():
            return path.read_text(encoding="utf-8"), code
    return None


def page_links(text: str) -> str:
    """Markdown links to the repository's documents: to the About page's section where the page
    shows that document (its headings have no anchors there), else the words alone (`sentences.md`
    led to a page that does not exist)."""

    def replace(match: re.Match) -> str:
        words, target = match.group(1), match.group(2).split("/")[-1]
        section = ON_THE_PAGE.get(target)
        return f"[{words}]({section})" if section else words

    return DOC_LINK.sub(replace, text)


PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
"""CommonMark with tables; HTML inside a document is shown as text, not passed through."""


def html(text: str, shift: int = 1) -> str:
    """A document as HTML for a page: headings `shift` levels down (the page has its own h1),
    tables in Bootstrap's style and scrolling sideways on a phone when wider than it."""
    body = PARSER.render(page_links(text))
    body = re.sub(r"<h([1-6])>", lambda m: f'<h{min(int(m.group(1)) + shift, 6)} class="mt-3">', body)
    body = re.sub(r"</h([1-6])>", lambda m: f"</h{min(int(m.group(1)) + shift, 6)}>", body)
    return body.replace("<table>", '<div class="table-responsive"><table class="table table-sm">').replace(
        "</table>", "</table></div>")
