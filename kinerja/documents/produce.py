"""One way to produce a document file: what (renja, e81, tables) × format (docx, pdf,
xlsx) for a stored Renja, used by the web downloads, the batch export and the CLI."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from django.utils import timezone

from kinerja.accounts.models import Pemda
from kinerja.documents import queries
from kinerja.documents.e81_report import e81_report, pemda_report
from kinerja.documents.model import Document, Section, TableBlock
from kinerja.documents.render_docx import render_docx
from kinerja.documents.render_pdf import render_pdf
from kinerja.documents.render_xlsx import render_xlsx
from kinerja.documents.renja_document import renja_document
from kinerja.documents.word_template import TemplateError
from kinerja.evaluation.tables.cells import ROMAN
from kinerja.monitoring.evaluate import TABLES, evaluation_tables, latest_triwulan, load_input
from kinerja.renja.models import Renja

WHATS = {"renja": "Dokumen Renja", "e81": "Evaluasi Renja (E.81)", "tables": "Tabel evaluasi"}
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
TABLE_NUMBERS = {
    "tc29": "Tabel 2.1",
    "tc30": "Tabel 2.2",
    "tujuan_sasaran": "Tabel 3.1",
    "tc33": "Tabel 4.1",
    "e81": "Formulir E.81",
    "serapan": "Serapan",
}
TEMPLATE_REFUSED = (
    "templat Word pemda tidak dapat dipakai. %(problems)s Minta verifikator Bappeda atau "
    "admin pemda memperbaiki templat atau menghapusnya di menu Templat Word pemda; PDF dan "
    "Excel tetap dapat diunduh"
)


class DocumentError(ValueError):
    """A document that cannot be produced as asked; the message is for the user."""


@dataclass(frozen=True)
class Produced:
    """A produced file: its name, media type and bytes."""

    filename: str
    content_type: str
    data: bytes


def build(renja: Renja, what: str, triwulan: int | None = None) -> Document:
    """The document `what` of `renja` (triwulan: the E.81 and tables' quarter; latest
    reported when None)."""
    if what == "renja":
        return renja_document(queries.renja_source(renja))
    if what == "e81":
        return e81_report(queries.e81_source(renja, triwulan))
    if what == "tables":
        return _tables_document(renja, triwulan)
    raise DocumentError(f"dokumen {what!r} tidak dikenal; pilih {', '.join(WHATS)}")


def _tables_document(renja: Renja, triwulan: int | None) -> Document:
    plan = load_input(renja)
    quarter = triwulan or latest_triwulan(plan)
    tables = evaluation_tables(plan, TABLES, quarter)
    opd = renja.perangkat_daerah.name
    return Document(
        kind="tables",
        title=f"Tabel Evaluasi {opd} Tahun {renja.year} Triwulan {ROMAN[quarter]}",
        sections=(
            Section(
                number="",
                title=f"TABEL EVALUASI {opd.upper()} TAHUN {renja.year}",
                blocks=tuple(
                    TableBlock(number=TABLE_NUMBERS[name], table=table)
                    for name, table in zip(TABLES, tables, strict=True)
                ),
                in_toc=False,
            ),
        ),
    )


def render(
    document: Document,
    fmt: str,
    *,
    template: bytes | None = None,
    context: dict[str, str] | None = None,
) -> bytes:
    """The document's file in `fmt`; a pemda's Word `template` applies to DOCX (one that
    cannot be used, e.g. stored before a check tightened, is a DocumentError)."""
    if fmt == "docx":
        try:
            return render_docx(document, template=template, context=context)
        except TemplateError as error:
            raise DocumentError(TEMPLATE_REFUSED % {"problems": error}) from error
    if fmt == "pdf":
        return render_pdf(document)
    if fmt == "xlsx":
        return render_xlsx(document)
    raise DocumentError(f"format {fmt!r} tidak dikenal; pilih {', '.join(FORMATS)}")


def produce(renja: Renja, what: str, fmt: str, triwulan: int | None = None) -> Produced:
    """Build and render one document of `renja`, with the pemda's template for DOCX."""
    if fmt not in FORMATS:
        raise DocumentError(f"format {fmt!r} tidak dikenal; pilih {', '.join(FORMATS)}")
    if triwulan is not None and triwulan not in ROMAN:
        raise DocumentError("triwulan harus 1, 2, 3 atau 4")
    document = build(renja, what, triwulan)
    opd = renja.perangkat_daerah
    template = queries.word_template(opd.pemda) if fmt == "docx" else None
    context = {
        "judul": document.title,
        "opd": opd.name,
        "pemda": opd.pemda.name,
        "tahun": str(renja.year),
    }
    data = render(document, fmt, template=template, context=context)
    return Produced(filename(renja, what, fmt, triwulan), FORMATS[fmt], data)


def filename(renja: Renja, what: str, fmt: str, triwulan: int | None = None) -> str:
    """`renja-2024-bkpsdm.docx`, `e81-2024-tw2-bkpsdm.pdf`."""
    opd = renja.perangkat_daerah
    code = (opd.short_name or opd.code or str(opd.pk)).lower().replace(" ", "-").replace("/", "-")
    quarter = f"-tw{triwulan}" if triwulan and what != "renja" else ""
    return f"{what}-{renja.year}{quarter}-{code}.{fmt}"


def pemda_summary(pemda: Pemda, year: int, triwulan: int | None, fmt: str) -> Produced:
    """Bappeda's pemda-wide E.81 summary as one file."""
    table, quarter, example = queries.pemda_table(pemda, year, triwulan)
    document = pemda_report(
        table,
        pemda=pemda.name,
        year=year,
        triwulan=quarter,
        notice=queries.EXAMPLE_NOTICE if example else "",
    )
    data = render(document, fmt)
    return Produced(f"rekap-e81-{year}-tw{quarter}.{fmt}", FORMATS[fmt], data)


def batch(
    renjas: Iterable[Renja],
    what: str,
    fmt: str,
    *,
    progress: Callable[[int, Renja], None] = lambda done, renja: None,
) -> Iterator[Produced]:
    """Every Renja's document in turn, calling `progress(done, renja)` after each."""
    for done, renja in enumerate(renjas, 1):
        produced = produce(renja, what, fmt)
        progress(done, renja)
        yield produced


def zip_files(files: Iterable[Produced]) -> bytes:
    """The files in one ZIP archive (stamped with the current time)."""
    out = BytesIO()
    stamp = timezone.localtime().timetuple()[:6]
    with ZipFile(out, "w", ZIP_DEFLATED) as archive:
        for produced in files:
            archive.writestr(_zip_info(produced.filename, stamp), produced.data)
    return out.getvalue()


def _zip_info(name: str, stamp: tuple[int, ...]) -> ZipInfo:
    info = ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = ZIP_DEFLATED
    return info
