"""Which values an indikator allows: below 0 only when its semantics say so (ADR 0012).

An indikator declares `allows_negative` (default false) as part of its semantics: a
"tingkat penurunan" or a "pertumbuhan" that went the other way is negative, a count, a
share or a score never is. Every write of a target, kondisi or realisasi asks
`negative_refusal`; importers that infer semantics from a printed name ask
`change_word`, propose `allows_negative` for a rate of change, and say so in a finding.
"""

import re
from decimal import Decimal

from kinerja.evaluation.checks.report import angka
from kinerja.evaluation.types import INDEKS, KUALITATIF, PERSENTASE, RASIO

# Words that make a share, ratio or index a rate of change, which may turn negative. A
# count is left alone: "Jumlah dokumen perubahan Renja" counts documents, never below 0.
CHANGE_WORDS = ("penurunan", "pertumbuhan", "laju", "perubahan")
RATE_JENIS = (PERSENTASE, RASIO, INDEKS)
JENIS_LABELS = {
    "jumlah": "jumlah",
    "persentase": "persentase",
    "rasio": "rasio",
    "indeks": "indeks",
    "kualitatif": "kualitatif",
}


def change_word(name: str, jenis: str) -> str | None:
    """The word of `name` that makes it a rate of change; None for anything else and for
    every jumlah and kualitatif indikator."""
    if jenis not in RATE_JENIS:
        return None
    lower = name.lower()
    return next((word for word in CHANGE_WORDS if re.search(rf"\b{word}\b", lower)), None)


def negative_refusal(
    value: Decimal | None,
    *,
    what: str,
    name: str,
    jenis: str,
    allows_negative: bool,
    how_to_allow: str = "centang «Boleh negatif» pada indikatornya",
) -> str | None:
    """Why `value` (the `what` of indikator `name`) may not be stored; None when it may.

    >>> negative_refusal(Decimal("-5"), what="Realisasi", name="Jumlah ASN", jenis="jumlah",
    ...                  allows_negative=False)  # doctest: +ELLIPSIS
    'Realisasi tidak boleh negatif untuk indikator «Jumlah ASN» (jumlah): -5. ...'
    """
    if value is None or value >= 0 or (allows_negative and jenis != KUALITATIF):
        return None
    message = (
        f"{what} tidak boleh negatif untuk indikator «{name}» "
        f"({JENIS_LABELS.get(jenis, jenis)}): {angka(value)}. Periksa tanda minusnya"
    )
    if jenis == KUALITATIF:
        return f"{message}; nilai kualitatif adalah salah satu nilai skalanya."
    return (
        f"{message}; bila indikator ini memang dapat bernilai negatif (mis. tingkat "
        f"penurunan yang berbalik naik), {how_to_allow}."
    )
