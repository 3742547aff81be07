"""Simple formatting that campaigners write: Markdown, rendered by markdown-it-py and then
sanitised by nh3 to links, emphasis, lists, headings and paragraphs. Nothing else survives
(no images, raw HTML, scripts, styles or tables), so a text can go into a mail or a page
as it is. Links stay exactly as written: nothing is rewritten or tracked."""

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "a", "em", "strong", "ul", "ol", "li", "h1", "h2", "h3", "h4"}
ALLOWED_SCHEMES = {"https", "http", "mailto"}

_markdown = MarkdownIt("commonmark", {"html": False}).disable(["code", "fence"])


def markdown_to_html(text: str) -> str:
    """Safe HTML of a Markdown text (a string to mark safe in a template)."""
    html = _markdown.render(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener",
    )
