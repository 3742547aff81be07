"""Every class a public template puts on an element has a rule in the site's stylesheet, so a
page can never again show an element the stylesheet forgot (an unstyled error, a box flush
against the window's edge)."""

import itertools
import re
from pathlib import Path

from django.conf import settings

REPO = Path(settings.BASE_DIR)
STYLESHEET = REPO / "static" / "css" / "site.css"
# Classes that are hooks for site.js, not for styling.
BEHAVIOUR_PREFIX = "js-"
# Templates that are not public pages: the admin's, mails (inline styles only), test doubles.
NOT_PUBLIC = ("/admin/", "/mail/", "/tests/")

_CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}", re.S)
_TEMPLATE_VAR = re.compile(r"\{\{.*?\}\}", re.S)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_BRACES = re.compile(r"([{}])")
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def public_templates() -> list[Path]:
    found = []
    for path in REPO.glob("**/templates/**/*.html"):
        relative = "/" + path.relative_to(REPO).as_posix()
        if relative.startswith(("/.venv/", "/node_modules/", "/mutants/")):
            continue
        if not any(part in relative for part in NOT_PUBLIC):
            found.append(path)
    return found


def classes_in_template(source: str) -> set[str]:
    """Class names written literally in class attributes. A name built from a variable
    (`share__link--{{ link.key }}`) is left out: only its fixed part is known."""
    names = set()
    for value in _CLASS_ATTR.findall(source):
        value = _TEMPLATE_VAR.sub("\0", _TEMPLATE_TAG.sub(" ", value))
        names.update(name for name in value.split() if "\0" not in name)
    return names


def classes_in_stylesheet(css: str) -> set[str]:
    """Class names that appear in a selector: the text just before each `{` (declarations
    come just before a `}`)."""
    chunks = _BRACES.split(_COMMENT.sub("", css))
    selectors = [chunk for chunk, after in itertools.pairwise(chunks) if after == "{"]
    return set(_SELECTOR_CLASS.findall(" ".join(selectors)))


def test_the_parsers_find_what_they_should():
    """The checks below rely on these two parsers: a class from a variable or a condition,
    and a class named only in a declaration (a URL, a number), are told apart."""
    source = '<p class="a b{% if x %} c--on{% endif %} d--{{ key }}">'
    assert classes_in_template(source) == {"a", "b", "c--on"}
    css = "/* .gone */ .a, .b > .c--on:hover { background: url(x.png); width: 1.5rem; }"
    css += " @media (min-width: 2rem) { .d .e { color: red; } }"
    assert classes_in_stylesheet(css) == {"a", "b", "c--on", "d", "e"}


def test_every_class_used_in_a_public_template_has_css():
    styled = classes_in_stylesheet(STYLESHEET.read_text())
    missing = {}
    templates = public_templates()
    assert len(templates) > 40, "the template search found too few templates"
    for path in templates:
        for name in classes_in_template(path.read_text()):
            if name.startswith(BEHAVIOUR_PREFIX) or name in styled:
                continue
            missing.setdefault(name, []).append(str(path.relative_to(REPO)))
    assert not missing, "Classes without a CSS rule:\n" + "\n".join(
        f"  .{name}: {', '.join(sorted(paths))}" for name, paths in sorted(missing.items())
    )
