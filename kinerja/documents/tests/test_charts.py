"""Charts are drawn as PNG; many categories lie horizontally so their names stay legible."""

from decimal import Decimal as D
from io import BytesIO

from PIL import Image

from kinerja.documents.charts import HORIZONTAL_FROM, chart_png
from kinerja.documents.model import Chart, Series


def chart(categories: int) -> Chart:
    names = tuple(f"Indikator nomor {i} dengan nama panjang" for i in range(categories))
    return Chart(
        number="Gambar 1",
        title="Uji",
        categories=names,
        series=(
            Series(name="Realisasi", values=tuple(D(i) if i else None for i in range(categories))),
        ),
        unit="%",
    )


def test_a_chart_is_a_png_of_the_documents_width():
    image = Image.open(BytesIO(chart_png(chart(3), dpi=50)))
    assert image.format == "PNG"
    assert image.width == 315  # 6,3 inch at 50 dpi


def test_many_categories_make_a_taller_horizontal_chart():
    few = Image.open(BytesIO(chart_png(chart(HORIZONTAL_FROM), dpi=50)))
    many = Image.open(BytesIO(chart_png(chart(HORIZONTAL_FROM + 5), dpi=50)))
    assert many.height > few.height
