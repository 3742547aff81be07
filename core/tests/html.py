"""Reading rendered pages the way a browser would, with the standard library's parser."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

# Elements whose src/href the browser fetches by itself while loading the page.
FETCHING = {"link", "script", "img", "source", "iframe", "video", "audio", "embed", "object"}


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fetched: list[str] = []
        self.anchors: list[dict[str, str]] = []
        self.html_lang: str | None = None
        self.title = ""
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag == "title":
            self._in_title = True
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.meta[key] = attributes.get("content", "")
        if tag == "link":
            self.links.append(attributes)
        if tag == "a":
            self.anchors.append(attributes)
        if tag in FETCHING:
            for name in ("src", "href", "srcset", "data", "poster"):
                if attributes.get(name):
                    self.fetched.append(attributes[name])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parse(content: bytes | str) -> PageParser:
    parser = PageParser()
    parser.feed(content.decode() if isinstance(content, bytes) else content)
    return parser


def foreign_resources(page: PageParser, *, allowed_origins: set[str]) -> list[str]:
    """URLs the browser would fetch from another origin than ours."""
    foreign = []
    for url in page.fetched:
        parts = urlsplit(url)
        if not parts.scheme and not parts.netloc:
            continue  # relative: our own origin
        if parts.scheme == "data":
            continue
        if f"{parts.scheme}://{parts.netloc}" not in allowed_origins:
            foreign.append(url)
    return foreign
