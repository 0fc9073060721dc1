"""Mutations of seed inputs: bytes and lines for text, the XML inside a ZIP for Office files.

Every function takes a `random.Random`, so one integer reproduces one input exactly.
"""

import random
import re
import zipfile
from io import BytesIO

TOKENS = [
    b"0", b"-1", b"-", b"1.000.000,00", b"9" * 40, b"1e999", b"NaN", b"Infinity", b"(1.000)",
    b"Rp", b"%", b"\t", b"\n", b"\r\n", b";", b",", b".", b'"', b"'", b"\x00", b"\xff\xfe",
    b"\xef\xbb\xbf", "٣".encode(), "①".encode(), "Ⅳ".encode(), b"1.01.01.2.01.0001",
    b"X.XX", b"5.03", b"&a [1]", b"*a", b"{", b"}", b"[", b"]", b": ", b"- ", b"!!python/",
    b"TOTAL", b"JUMLAH", b"Tabel 4.1", b"Rincian Belanja", b"1\t2\t3\t4\t5\t6",
]  # fmt: skip
XML_TOKENS = [
    b'<c r="XFD1048576"><v>1</v></c>', b'<c r="A1" t="s"><v>99999</v></c>', b' t="s"',
    b' t="n"', b' t="b"', b' t="e"', b' t="d"', b' t="inlineStr"', b"<v>x</v>",
    b'<mergeCell ref="A1:C3"/>', b' r="A0"', b' r="0"', b' s="999"', b"&amp;", b"&#0;",
    b"<![CDATA[x]]>", b"</row>", b'<row r="3">', b"<is><t>x</t></is>", b'<f>SUM(A1)</f>',
    b' w:gridSpan="9"', b'<w:gridSpan w:val="0"/>', b'<w:vMerge w:val="restart"/>',
    b'<w:vMerge/>', b"<w:tc><w:p/></w:tc>", b"<w:tr></w:tr>", b"<w:tbl>", b"</w:tbl>",
]  # fmt: skip


def mutate_bytes(data: bytes, rng: random.Random, pool: list[bytes], tokens: list[bytes]) -> bytes:
    """One to four stacked edits: flip, insert a token, delete, duplicate, splice, line ops."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out = bytearray(rng.choice(_EDITS)(bytes(out), rng, pool, tokens))
    return bytes(out)


def _flip(data: bytes, rng: random.Random, pool: list[bytes], tokens: list[bytes]) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    at = rng.randrange(len(data))
    return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]


def _insert(data: bytes, rng: random.Random, pool: list[bytes], tokens: list[bytes]) -> bytes:
    at = rng.randint(0, len(data))
    return data[:at] + rng.choice(tokens) + data[at:]


def _delete(data: bytes, rng: random.Random, pool: list[bytes], tokens: list[bytes]) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randint(1, 64) :]


def _duplicate(data: bytes, rng: random.Random, pool: list[bytes], tokens: list[bytes]) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    span = data[at : at + rng.randint(1, 256)]
    to = rng.randint(0, len(data))
    return data[:to] + span * rng.randint(1, 8) + data[to:]


def _splice(data: bytes, rng: random.Random, pool: list[bytes], tokens: list[bytes]) -> bytes:
    other = rng.choice(pool)
    if not other:
        return data
    at = rng.randrange(len(other))
    to = rng.randint(0, len(data))
    return data[:to] + other[at : at + rng.randint(1, 512)] + data[to:]


def _lines(data: bytes, rng: random.Random, pool: list[bytes], tokens: list[bytes]) -> bytes:
    lines = data.split(b"\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    action = rng.randrange(3)
    if action == 0:
        lines[i], lines[j] = lines[j], lines[i]
    elif action == 1:
        lines.insert(j, lines[i])
    elif len(lines) > 1:
        del lines[i]
    return b"\n".join(lines)


def _truncate(data: bytes, rng: random.Random, pool: list[bytes], tokens: list[bytes]) -> bytes:
    return data[: rng.randint(0, len(data))]


_EDITS = [_flip, _insert, _insert, _delete, _duplicate, _splice, _lines, _lines, _truncate]


VALUES = [
    b"A0", b"A1", b"XFD1048576", b"B", b"", b"1048577", b"-1", b"0", b"1", b"99999", b"s",
    b"str", b"inlineStr", b"e", b"b", b"n", b"d", b"A1:XFD1048576", b"A3:A1", b"Z9",
    b"1.000.000,00", b"9" * 40, b"1e999", b"NaN", b"Tabel 4.1", b"JUMLAH", b"restart",
    b"5.03.02.2.02.0001", b"\xc2\xa0", b"x" * 300,
]  # fmt: skip
_ELEMENT = re.compile(
    rb"<(row|c|si|mergeCell|w:tr|w:tc|w:p|w:tbl|w:gridCol)\b[^>]*?(/>|>.*?</\1>)", re.S
)
_ATTRIBUTE = re.compile(rb'="[^"]*"')
_TEXT = re.compile(rb">([^<]{1,200})<")


def mutate_xml(body: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    """An edit that mostly keeps the XML well formed: an element duplicated, dropped or
    moved, an attribute or a text changed, a token put between two tags."""
    action = rng.randrange(7)
    if action == 6:
        return mutate_bytes(body, rng, pool, XML_TOKENS + TOKENS)
    if action == 5:
        ends = [m.end() for m in re.finditer(rb">", body[:200_000])] or [0]
        at = rng.choice(ends)
        return body[:at] + rng.choice(XML_TOKENS) + body[at:]
    pattern = (_ELEMENT, _ELEMENT, _ELEMENT, _ATTRIBUTE, _TEXT)[action]
    found = list(pattern.finditer(body[:200_000]))
    if not found:
        return mutate_bytes(body, rng, pool, XML_TOKENS + TOKENS)
    match = rng.choice(found)
    start, end = match.span()
    if action == 0:
        return body[:end] + body[start:end] * rng.choice((1, 2, 10)) + body[end:]
    if action == 1:
        return body[:start] + body[end:]
    if action == 2:
        other = rng.choice(found)
        return body[:start] + body[other.start() : other.end()] + body[end:]
    if action == 3:
        return body[:start] + b'="' + rng.choice(VALUES) + b'"' + body[end:]
    return body[: start + 1] + rng.choice(VALUES + TOKENS) + body[end - 1 :]


def unzip(data: bytes) -> list[tuple[str, bytes]]:
    """The members of a seed container, in order."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def mutate_zip(members: list[tuple[str, bytes]], rng: random.Random, pool: list[bytes]) -> bytes:
    """Mutate the XML of one or two members (sheets and the document most often), rarely
    drop a member or damage the ZIP itself, and pack it again."""
    members = list(members)
    for _ in range(rng.randint(1, 2)):
        weights = [8 if _main_part(name) else 1 for name, _ in members]
        index = rng.choices(range(len(members)), weights)[0]
        name, body = members[index]
        members[index] = (name, mutate_xml(body, rng, pool))
    if rng.random() < 0.05:
        del members[rng.randrange(len(members))]
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, body in members:
            archive.writestr(name, body)
    packed = buffer.getvalue()
    if rng.random() < 0.03:
        packed = _flip(packed, rng, pool, TOKENS)
    return packed


def _main_part(name: str) -> bool:
    return name.startswith(("xl/worksheets/", "xl/sharedStrings", "word/document"))
