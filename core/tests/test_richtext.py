"""Campaigners' Markdown keeps links, emphasis, lists and headings, and nothing else."""

from core.richtext import markdown_to_html


def test_simple_formatting_survives():
    html = markdown_to_html(
        "## News\n\nWe *won* a **vote**: [read](https://example.org/a?b=1)\n\n- one\n- two"
    )
    assert "<h2>News</h2>" in html
    assert "<em>won</em>" in html and "<strong>vote</strong>" in html
    assert 'href="https://example.org/a?b=1"' in html  # the link exactly as written
    assert "<ul>" in html and "<li>one</li>" in html


def test_everything_else_is_removed_or_shown_as_text():
    html = markdown_to_html(
        '<script>alert(1)</script>\n\n<img src="https://tracker.example/p.gif">\n\n'
        "![pixel](https://tracker.example/p.gif)\n\n[x](javascript:alert(1))\n\n"
        '<a href="https://evil.example" onclick="x()">y</a>'
    )
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html  # raw HTML is shown as text, never run
    assert 'href="https://tracker.example' not in html
    assert 'href="javascript' not in html
    assert "<a " not in html
