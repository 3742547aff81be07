"""The text of a PDF written by fpdf2, read in pure Python for the tests: every string shown
with Tj or TJ, decoded through its font's ToUnicode map. Enough for fpdf2's own output (one
content stream per page, literal strings of two-byte glyph codes), not a general reader."""

import re
import zlib

OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
STREAM = re.compile(rb"^(.*?)stream\r?\n(.*)\r?\nendstream", re.S)
FONT_REF = re.compile(rb"/(F\d+) (\d+) 0 R")
TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    found: dict[int, tuple[bytes, bytes | None]] = {}
    for match in OBJECT.finditer(pdf):
        body = match.group(2)
        stream = STREAM.match(body.lstrip())
        if stream:
            head, data = stream.group(1), stream.group(2)
            if b"/FlateDecode" in head:
                data = zlib.decompress(data)
            found[int(match.group(1))] = (head, data)
        else:
            found[int(match.group(1))] = (body, None)
    return found


def _cmap(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    text = data.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, dst in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", block):
            start = int(dst, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """The literal string opening at data[start] ("("), unescaped, and where it ends."""
    out = bytearray()
    depth, i = 1, start + 1
    while True:
        char = data[i : i + 1]
        if char == b"\\":
            nxt = data[i + 1 : i + 2]
            if nxt in ESCAPES:
                out += ESCAPES[nxt]
                i += 2
            elif nxt.isdigit():
                digits = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4])
                assert digits
                out.append(int(digits.group(0), 8) & 0xFF)
                i += 1 + len(digits.group(0))
            else:
                out += nxt
                i += 2
            continue
        if char == b"(":
            depth += 1
        elif char == b")":
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out += char
        i += 1


def pdf_text(pdf: bytes) -> str:
    """Every shown string of the PDF, in order, one per line."""
    objects = _objects(pdf)
    fonts: dict[bytes, dict[int, str]] = {}
    for name, number in FONT_REF.findall(pdf):
        head = objects.get(int(number), (b"", None))[0]
        ref = TO_UNICODE.search(head)
        if ref:
            fonts[name] = _cmap(objects[int(ref.group(1))][1] or b"")
    lines: list[str] = []
    for _head, data in objects.values():
        if data is None or b"BT" not in data or b"Tf" not in data:
            continue
        font: dict[int, str] = {}
        i = 0
        line: list[str] = []
        while i < len(data):
            if data[i : i + 1] == b"/":
                match = re.match(rb"/(F\d+) [\d.]+ Tf", data[i:])
                if match:
                    font = fonts.get(match.group(1), {})
                    i += match.end()
                    continue
            if data[i : i + 1] == b"(":
                raw, i = _literal(data, i)
                line.append(
                    "".join(
                        font.get(int.from_bytes(raw[k : k + 2], "big"), "?")
                        for k in range(0, len(raw) - 1, 2)
                    )
                )
                continue
            if data[i : i + 2] == b"ET" and line:
                lines.append("".join(line))
                line = []
            i += 1
    return "\n".join(lines)
