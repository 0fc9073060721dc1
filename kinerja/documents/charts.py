"""A document's `Chart` drawn as a PNG with matplotlib (no display needed), for DOCX and PDF.

Axis labels use the Indonesian number format; missing values leave a gap, never a zero.
"""

from decimal import Decimal
from io import BytesIO

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from kinerja.documents.model import Chart  # noqa: E402
from kinerja.lib.numbers import format_number  # noqa: E402

COLOURS = ("#1f4e79", "#e69f00", "#009e73", "#cc79a7", "#56b4e9")  # colour-blind safe
WIDTH_INCHES = 6.3
HEIGHT_INCHES = 3.2


HORIZONTAL_FROM = 5  # more categories than this: horizontal bars, labels readable


def chart_png(chart: Chart, *, dpi: int = 200) -> bytes:
    """The chart as PNG bytes, `WIDTH_INCHES` wide (taller when bars lie horizontally)."""
    horizontal = chart.kind == "bar" and len(chart.categories) > HORIZONTAL_FROM
    height = max(HEIGHT_INCHES, 0.45 * len(chart.categories) + 1) if horizontal else HEIGHT_INCHES
    figure, axes = pyplot.subplots(figsize=(WIDTH_INCHES, height), dpi=dpi)
    try:
        if horizontal:
            _draw_horizontal(axes, chart)
        else:
            _draw(axes, chart)
        _finish(axes, chart)
        figure.tight_layout()
        out = BytesIO()
        figure.savefig(out, format="png")
        return out.getvalue()
    finally:
        pyplot.close(figure)


def _values(values: tuple[Decimal | None, ...]) -> list[float]:
    return [float(v) if v is not None else float("nan") for v in values]


def _draw(axes: Axes, chart: Chart) -> None:
    positions = range(len(chart.categories))
    width = 0.8 / max(len(chart.series), 1)
    for index, series in enumerate(chart.series):
        colour = COLOURS[index % len(COLOURS)]
        if chart.kind == "line":
            axes.plot(
                list(positions), _values(series.values), marker="o", color=colour, label=series.name
            )
        else:
            offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
            axes.bar(offsets, _values(series.values), width=width, color=colour, label=series.name)
    axes.set_xticks(list(positions))
    axes.set_xticklabels([_wrap(label) for label in chart.categories], fontsize=7)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: _tick(value)))
    axes.set_ylabel(chart.unit, fontsize=8)
    axes.tick_params(axis="y", labelsize=7)
    axes.grid(axis="y", linewidth=0.3)


def _draw_horizontal(axes: Axes, chart: Chart) -> None:
    positions = range(len(chart.categories))
    height = 0.8 / max(len(chart.series), 1)
    for index, series in enumerate(chart.series):
        offsets = [p - 0.4 + height * (index + 0.5) for p in positions]
        colour = COLOURS[index % len(COLOURS)]
        axes.barh(offsets, _values(series.values), height=height, color=colour, label=series.name)
    axes.set_yticks(list(positions))
    axes.set_yticklabels([_wrap(label, 40) for label in chart.categories], fontsize=7)
    axes.invert_yaxis()  # the first category on top, as in the table
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: _tick(value)))
    axes.set_xlabel(chart.unit, fontsize=8)
    axes.tick_params(axis="x", labelsize=7)
    axes.grid(axis="x", linewidth=0.3)


def _finish(axes: Axes, chart: Chart) -> None:
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if chart.series:
        axes.legend(fontsize=7, frameon=False)


def _tick(value: float) -> str:
    return format_number(Decimal(str(value)), 0 if value == int(value) else 1)


def _wrap(label: str, width: int = 18) -> str:
    """At most three lines of about `width` characters."""
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines[:3])
