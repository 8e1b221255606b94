"""User Markdown (paragraphs, lists, bold, italics, links) rendered to sanitised HTML."""
from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# CommonMark without raw HTML, images, headings, tables or code blocks: a listing is prose.
_parser = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})
    .disable(["image", "heading", "lheading", "code", "fence", "html_block", "html_inline", "table",
              "hr", "blockquote", "reference"], ignoreInvalid=True)
)

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str | None) -> Markup:
    """Never trust the parser alone: its output goes through nh3's allow-list as well."""
    if not text:
        return Markup("")
    html = _parser.render(text)
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES,
                      link_rel="nofollow noopener ugc")
    return Markup(clean)  # noqa: S704 # nosec B704 # sanitised by nh3 just above
