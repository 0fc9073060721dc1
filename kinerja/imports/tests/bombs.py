"""Hostile and corrupt files built in the tests (never committed): bombs and broken parts."""

import zipfile
from io import BytesIO

from openpyxl import Workbook

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""
SHEET = "xl/worksheets/sheet1.xml"


def workbook(rows: int = 3, title: str = "Renja") -> bytes:
    """A small valid workbook: text in column A (shared strings), numbers in B."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in range(1, rows + 1):
        sheet.append([f"teks {row}", row])
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def replace_members(content: bytes, replaced: dict[str, bytes], *, level: int = 9) -> bytes:
    """The container with some members' bytes replaced (or added), packed again."""
    source = zipfile.ZipFile(BytesIO(content))
    output = BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, replaced.pop(info.filename, source.read(info)))
        for name, body in replaced.items():
            archive.writestr(name, body)
    return output.getvalue()


def sheet_xml(rows: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + rows + b"</sheetData></worksheet>"
    )


def zip_bomb_xlsx(megabytes: int = 150) -> bytes:
    """About 150 MB of identical rows in the sheet, compressed about 1000:1."""
    row = b'<row r="1"><c r="A1" t="inlineStr"><is><t>lol</t></is></c></row>'
    body = row * (megabytes * 1024 * 1024 // len(row))
    return replace_members(workbook(), {SHEET: sheet_xml(body)})


def shared_string_out_of_range() -> bytes:
    """Row 2 points at shared string 99 of a table holding one."""
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (r, r, 99 if r == 2 else 0)
        for r in (1, 2, 3)
    )
    content = workbook()
    relations = zipfile.ZipFile(BytesIO(content)).read("xl/_rels/workbook.xml.rels")
    relation = (
        b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
    )
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        b'uniqueCount="1"><si><t>Renja</t></si></sst>'
    )
    return replace_members(
        content,
        {
            SHEET: sheet_xml(rows),
            "xl/_rels/workbook.xml.rels": relations.replace(
                b"</Relationships>", relation + b"</Relationships>"
            ),
            "xl/sharedStrings.xml": strings,
        },
    )


def malformed_sheet_xml() -> bytes:
    """The sheet's XML breaks in row 3 (an unclosed cell)."""
    rows = (
        b'<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>'
        b'<row r="3"><c r="A3"><v>3</v></row><row r="4"><c r="A4"><v>4</v></c></row>'
    )
    return replace_members(workbook(), {SHEET: sheet_xml(rows)})


def far_cell_xlsx() -> bytes:
    """One cell at XFD1048576: tiny, but a reader walking the rectangle meets 17 billion."""
    rows = (
        b'<row r="1"><c r="A1"><v>1</v></c></row>'
        b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    return replace_members(workbook(), {SHEET: sheet_xml(rows)})


def merged_bomb_xlsx() -> bytes:
    """One merged range over the whole sheet (openpyxl makes an object for each cell)."""
    merged = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    body = sheet_xml(b'<row r="1"><c r="A1"><v>1</v></c></row>').replace(
        b"</sheetData>", b"</sheetData>" + merged
    )
    return replace_members(workbook(), {SHEET: body})


def entity_xlsx() -> bytes:
    """A sheet declaring an entity (the XML form of the billion laughs)."""
    body = sheet_xml(b'<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>')
    body = body.replace(b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY x "lol">]><worksheet', 1)
    return replace_members(workbook(), {SHEET: body})


def docx_bomb(megabytes: int = 150) -> bytes:
    """A Word document whose body is about 150 MB of empty paragraphs, ~1000:1."""
    import docx

    document = docx.Document()
    document.add_paragraph("Rencana Kerja")
    output = BytesIO()
    document.save(output)
    source = zipfile.ZipFile(BytesIO(output.getvalue()))
    xml = source.read("word/document.xml")
    at = xml.index(b"<w:body>") + len(b"<w:body>")
    paragraphs = b"<w:p/>" * (megabytes * 1024 * 1024 // 6)
    body = xml[:at] + paragraphs + xml[at:]
    return replace_members(output.getvalue(), {"word/document.xml": body})
