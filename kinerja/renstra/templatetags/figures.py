"""Template filters printing figures the Indonesian way: `{% load figures %}`.

`money` prints rupiah (`1.590.078.504`); `figure` prints an indikator value with at most
the indikator's decimals (`64`, `10,3`, `10,3%` when its satuan is a percent, the scale label
for a kualitatif indikator); `figure_unit` adds the satuan as Tabel 4.1 prints targets
(`146 Dokumen`). All formatting goes through `kinerja.lib.numbers` (Babel).
"""

from decimal import Decimal

from django import template

from kinerja.lib.numbers import format_money, format_value
from kinerja.renstra.models import IndikatorSemantics, Jenis

register = template.Library()

PERCENT_UNITS = {"%", "persen"}


def is_percent(indikator: IndikatorSemantics) -> bool:
    return indikator.satuan.strip().lower() in PERCENT_UNITS


def scale_label(value: Decimal, scale: list[str]) -> str | None:
    """The label at 1-based position `value` of a kualitatif scale, if there is one."""
    position = int(value) if value == value.to_integral_value() else 0
    return scale[position - 1] if 1 <= position <= len(scale) else None


def format_figure(value: Decimal | None, indikator: IndikatorSemantics) -> str:
    """An indikator value as tables print it; empty when there is no value."""
    if value is None:
        return ""
    is_scaled = indikator.jenis == Jenis.KUALITATIF and indikator.scale
    label = scale_label(value, indikator.scale) if is_scaled else None
    if label is not None:
        return label
    text = format_value(value, indikator.decimals)
    return text + "%" if is_percent(indikator) else text


@register.filter
def money(value: Decimal | None) -> str:
    return format_money(value)


@register.filter
def figure(value: Decimal | None, indikator: IndikatorSemantics) -> str:
    return format_figure(value, indikator)


@register.filter
def figure_unit(value: Decimal | None, indikator: IndikatorSemantics) -> str:
    text = format_figure(value, indikator)
    unit = indikator.satuan.strip()
    # A percent is already in the number; a scale label needs no unit.
    plain = is_percent(indikator) or indikator.jenis == Jenis.KUALITATIF
    return f"{text} {unit}" if text and unit and not plain else text
