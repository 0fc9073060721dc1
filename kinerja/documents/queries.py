"""Reads what a document is built from: a stored Renja with its narasi, kepala and
evaluation tables, or every OPD of a pemda for one year and triwulan."""

from datetime import date

from babel.dates import format_date
from django.utils import timezone

from kinerja.accounts.models import Pemda, PerangkatDaerah
from kinerja.documents.e81_report import E81Source, OpdLine, pemda_summary_table
from kinerja.documents.model import Signature
from kinerja.documents.models import WordTemplate
from kinerja.documents.renja_document import RENJA_TABLES, RenjaSource
from kinerja.evaluation.tables import Table
from kinerja.evaluation.types import PlanInput
from kinerja.lib.numbers import LOCALE
from kinerja.monitoring import queries as monitoring
from kinerja.monitoring.evaluate import evaluation_tables, latest_triwulan, load_input
from kinerja.renja.models import NARASI_FIELDS, Renja, RenjaNarasi

EXAMPLE_NOTICE = "MEMUAT DATA CONTOH — bukan data resmi"


def word_template(pemda: Pemda) -> bytes | None:
    """The pemda's uploaded Word template, if any."""
    template = WordTemplate.objects.filter(pemda=pemda).only("data").first()
    return bytes(template.data) if template else None


def narasi_of(renja: Renja) -> RenjaNarasi:
    """The stored narasi of `renja`, or an unsaved empty one."""
    return RenjaNarasi.objects.filter(renja=renja).first() or RenjaNarasi(renja=renja)


def renja_source(renja: Renja) -> RenjaSource:
    """The Renja document's source: tables of the stored figures, narasi, signature."""
    plan = load_input(renja)
    triwulan = latest_triwulan(plan)
    names = [name for name in RENJA_TABLES if name != "serapan" or _has_realisasi(plan)]
    tables = dict(zip(names, evaluation_tables(plan, names, triwulan), strict=True))
    narasi = narasi_of(renja)
    opd = renja.perangkat_daerah
    signed = narasi.tanggal
    return RenjaSource(
        year=renja.year,
        pemda=opd.pemda.name,
        opd_name=opd.name,
        tables=tables,
        narasi={field: getattr(narasi, field) for field in NARASI_FIELDS},
        signature=signature(opd, place_date(narasi, renja.year)),
        cover_foot=(
            (opd.pemda.capital or "").upper(),
            str(signed.year if signed else renja.year - 1),
        ),
        notice=EXAMPLE_NOTICE if plan.has_example else "",
    )


def e81_source(renja: Renja, triwulan: int | None = None) -> E81Source:
    """The E.81 report's source for `triwulan` (the latest reported when None)."""
    plan = load_input(renja)
    quarter = triwulan or latest_triwulan(plan)
    e81, serapan = evaluation_tables(plan, ["e81", "serapan"], quarter)
    opd = renja.perangkat_daerah
    return E81Source(
        year=renja.year,
        triwulan=quarter,
        pemda=opd.pemda.name,
        opd_name=opd.name,
        e81=e81,
        serapan=serapan,
        rata_rata=monitoring.footer_average(e81),
        signature=signature(
            opd, place_date(narasi_of(renja), renja.year, today=timezone.localdate())
        ),
        notice=EXAMPLE_NOTICE if plan.has_example else "",
    )


def pemda_table(pemda: Pemda, year: int, triwulan: int | None = None) -> tuple[Table, int, bool]:
    """Bappeda's summary table of every OPD's Renja of `year`, the triwulan it is at,
    and whether any figure is example data."""
    plans = monitoring.load_plans(monitoring.renjas_of_year(pemda, year))
    quarter = triwulan or monitoring.default_triwulan(plans)
    summaries = [monitoring.summarize(renja, plan, quarter) for renja, plan in plans]
    lines = [
        OpdLine(
            name=summary.renja.perangkat_daerah.name,
            capaian=summary.capaian,
            pagu=summary.pagu,
            realisasi=summary.realisasi,
            serapan=summary.serapan,
            with_realisasi=summary.with_realisasi,
            without_realisasi=summary.without_realisasi,
        )
        for summary in summaries
    ]
    table = pemda_summary_table(lines, pemda=pemda.name, year=year, triwulan=quarter)
    return table, quarter, any(summary.is_example for summary in summaries)


def signature(opd: PerangkatDaerah, place_and_date: str) -> Signature:
    """The kepala's signature block as the OPD's record names them."""
    title = opd.kepala_title or f"Kepala {opd.name}"
    return Signature(
        place_date=place_and_date,
        title=(f"{title.upper()},",),
        name=opd.kepala_name,
        pangkat=opd.kepala_pangkat,
        nip=opd.kepala_nip_printed,
    )


def place_date(narasi: RenjaNarasi, year: int, *, today: date | None = None) -> str:
    """ "Kuala Tungkal, September 2023": the narasi's place and date; the pemda's capital
    and, without a date, `today` or a blank to fill in by hand."""
    place = narasi.tempat or narasi.renja.perangkat_daerah.pemda.capital
    when = narasi.tanggal or today
    if when is None:
        printed = f"................... {year - 1}"
    else:
        pattern = "d MMMM y" if narasi.cetak_hari or narasi.tanggal is None else "MMMM y"
        printed = format_date(when, pattern, locale=LOCALE)
    return f"{place}, {printed}" if place else printed


def _has_realisasi(plan: PlanInput) -> bool:
    return any(item.realisasi_anggaran for item in plan.items)
