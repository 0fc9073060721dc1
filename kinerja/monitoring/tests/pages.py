"""Helpers of the evaluation page tests: fetching pages, counting queries, reading tables.

`html_tables` reads the tables of a page back into rows of cells (text, class, title),
so tests can assert on one cell of one row.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

PAGES = ("tc29", "tc30", "tc33", "e81", "serapan")


def page_url(name: str, renja_id: int, query: str = "") -> str:
    return reverse(f"monitoring:{name}", args=[renja_id]) + query


def get_page(client, user, url: str):
    user.refresh_from_db()  # the demo may have reset the password, which ends sessions
    client.force_login(user)
    return client.get(url)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


@dataclass
class HtmlCell:
    text: str = ""
    css: str = ""
    title: str = ""
    colspan: int = 1


@dataclass
class HtmlTable:
    code: str
    rows: list[list[HtmlCell]] = field(default_factory=list)

    def row_with(self, text: str) -> list[HtmlCell]:
        """The first body row with a cell whose text contains `text`."""
        return next(row for row in self.rows if any(text in cell.text for cell in row))


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[HtmlTable] = []
        self.cell: HtmlCell | None = None
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            self.tables.append(HtmlTable(code=attributes.get("data-code") or ""))
        elif tag == "tbody" and self.tables:
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.tables[-1].rows.append([])
        elif tag == "td" and self.in_body:
            self.cell = HtmlCell(
                css=attributes.get("class") or "",
                title=attributes.get("title") or "",
                colspan=int(attributes.get("colspan") or 1),
            )

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.cell.text = " ".join(self.cell.text.split())
            self.tables[-1].rows[-1].append(self.cell)
            self.cell = None
        elif tag == "table":
            self.in_body = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.text += data


def html_tables(html: str) -> dict[str, HtmlTable]:
    """The body rows of every table of a page, by the table's `data-code`."""
    parser = _TableParser()
    parser.feed(html)
    return {table.code: table for table in parser.tables}
