"""Which values an indikator allows (ADR 0012): below 0 only with `allows_negative`, never
for kualitatif; which printed names propose it (a rate of change, not a count)."""

from decimal import Decimal

import pytest

from kinerja.evaluation.values import change_word, negative_refusal


@pytest.mark.parametrize(
    ("value", "jenis", "allows", "refused"),
    [
        ("-12.5", "persentase", False, True),
        ("-12.5", "persentase", True, False),
        ("-1", "jumlah", False, True),
        ("-1", "jumlah", True, False),
        ("-1", "kualitatif", True, True),  # a position on a scale is never below 0
        ("0", "jumlah", False, False),
        ("12.5", "indeks", False, False),
    ],
)
def test_negative_values_need_the_flag(value: str, jenis: str, allows: bool, refused: bool) -> None:
    refusal = negative_refusal(
        Decimal(value), what="Realisasi", name="X", jenis=jenis, allows_negative=allows
    )
    assert (refusal is not None) is refused


def test_the_refusal_names_the_indikator_its_jenis_and_the_value() -> None:
    refusal = negative_refusal(
        Decimal("-1250.5"), what="Target", name="Jumlah ASN", jenis="jumlah", allows_negative=False
    )
    assert refusal == (
        "Target tidak boleh negatif untuk indikator «Jumlah ASN» (jumlah): -1.250,5. Periksa "
        "tanda minusnya; bila indikator ini memang dapat bernilai negatif (mis. tingkat "
        "penurunan yang berbalik naik), centang «Boleh negatif» pada indikatornya."
    )
    assert negative_refusal(None, what="T", name="X", jenis="jumlah", allows_negative=False) is None


@pytest.mark.parametrize(
    ("name", "jenis", "word"),
    [
        ("Tingkat Penurunan Pelanggaran Disiplin ASN", "persentase", "penurunan"),
        ("Laju Pertumbuhan Ekonomi", "persentase", "pertumbuhan"),
        ("Laju inflasi", "persentase", "laju"),
        ("Rasio perubahan tutupan lahan", "rasio", "perubahan"),
        ("Jumlah Pengelolaan Kenaikan Pangkat ASN", "jumlah", None),
        ("Jumlah Dokumen Perubahan Renja", "jumlah", None),
        ("Persentase ASN yang mengikuti diklat", "persentase", None),
        ("Tingkat penurunan kemiskinan", "kualitatif", None),
        ("Penurunanan", "persentase", None),  # a whole word only
    ],
)
def test_a_rate_of_change_is_proposed_by_its_name(name: str, jenis: str, word: str | None) -> None:
    assert change_word(name, jenis) == word
