"""Indeks Profesionalitas ASN (PermenPANRB 38/2018, Peraturan BKN 8/2019) as configuration.

Every score the reference marks [R] (recalled, not confirmed) is named in
`IpAsnConfig.unconfirmed`, and every result carries the config id and that list, so a
printed index says which values it rests on.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from kinerja.evaluation.achievement import mean
from kinerja.evaluation.bands import IP_ASN_PERMENPANRB_38_2018, BandSet, predikat


def _d(values: Mapping[str, int]) -> Mapping[str, Decimal]:
    return MappingProxyType({key: Decimal(value) for key, value in values.items()})


@dataclass(frozen=True, kw_only=True)
class IpAsnConfig:
    """The scores of the four dimensions, their maxima and the category band set."""

    id: str
    kualifikasi: Mapping[str, Decimal]
    kompetensi: Mapping[str, Decimal]
    kompetensi_pelaksana: Mapping[str, Decimal]
    kompetensi_max: Decimal
    kinerja: Mapping[str, Decimal]
    kinerja_max: Decimal
    disiplin: Mapping[str, Decimal]
    disiplin_max: Decimal
    band_set: BandSet
    unconfirmed: tuple[str, ...]


IP_ASN_2018 = IpAsnConfig(
    id="ip-asn-permenpanrb-38-2018/r1",
    kualifikasi=_d({"S3": 25, "S2": 20, "S1": 15, "D4": 15, "D3": 10, "D2": 5, "D1": 5, "SLTA": 1}),
    kompetensi=_d({"kepemimpinan": 15, "fungsional": 15, "teknis": 15, "seminar": 10}),
    kompetensi_pelaksana=_d({"teknis": 25, "seminar": 15}),
    kompetensi_max=Decimal(40),
    kinerja=_d({"sangat_baik": 30, "baik": 25, "cukup": 20, "kurang": 15, "buruk": 10}),
    kinerja_max=Decimal(30),
    disiplin=_d({"tidak_pernah": 5, "ringan": 3, "sedang": 2, "berat": 1}),
    disiplin_max=Decimal(5),
    band_set=IP_ASN_PERMENPANRB_38_2018,
    unconfirmed=(
        "kualifikasi S1/D4 15, D3 10, D1/D2 5, SLTA ke bawah 1",
        "kompetensi pelaksana: diklat teknis 25, seminar 15",
        "kinerja maksimum 30 dan skor SKP 30/25/20/15/10",
        "disiplin maksimum 5 dan skor 5/3/2/1",
        "indeks instansi = rata-rata skor individu",
    ),
)


@dataclass(frozen=True, kw_only=True)
class AsnProfile:
    """What one employee's score is computed from.

    `pendidikan` is a key of `kualifikasi` (S3, S2, S1, D4, D3, D2, D1, SLTA; lower
    education counts as SLTA); `diklat` the kompetensi items met (keys of `kompetensi`,
    or of `kompetensi_pelaksana` for a `pelaksana`); `skp` a key of `kinerja`;
    `hukuman_disiplin` a key of `disiplin`.
    """

    pendidikan: str
    diklat: frozenset[str]
    pelaksana: bool
    skp: str
    hukuman_disiplin: str


@dataclass(frozen=True, kw_only=True)
class IpAsnScore:
    """One employee's dimension scores and their sum (0–100)."""

    kualifikasi: Decimal
    kompetensi: Decimal
    kinerja: Decimal
    disiplin: Decimal
    total: Decimal


@dataclass(frozen=True, kw_only=True)
class IpAsnIndex:
    """The instance index (mean of the scores), its predikat and what it rests on."""

    value: Decimal | None
    predikat: str | None
    count: int
    config: str
    band_set: str
    unconfirmed: tuple[str, ...]


def _score(table: Mapping[str, Decimal], key: str, dimension: str) -> Decimal:
    if key not in table:
        raise ValueError(f"{dimension} {key!r} tidak dikenal; pilihan: {', '.join(table)}")
    return table[key]


def score_asn(profile: AsnProfile, config: IpAsnConfig = IP_ASN_2018) -> IpAsnScore:
    """The individual IP ASN score of `profile`: the sum of the four dimensions.

    Kompetensi adds the items met (pelaksana use their own item scores) and is capped at
    `kompetensi_max`. An unknown category raises `ValueError` naming the choices.
    """
    items = config.kompetensi_pelaksana if profile.pelaksana else config.kompetensi
    kompetensi = sum((_score(items, key, "diklat") for key in sorted(profile.diklat)), Decimal(0))
    parts = (
        _score(config.kualifikasi, profile.pendidikan, "pendidikan"),
        min(kompetensi, config.kompetensi_max),
        min(_score(config.kinerja, profile.skp, "SKP"), config.kinerja_max),
        min(_score(config.disiplin, profile.hukuman_disiplin, "disiplin"), config.disiplin_max),
    )
    return IpAsnScore(
        kualifikasi=parts[0],
        kompetensi=parts[1],
        kinerja=parts[2],
        disiplin=parts[3],
        total=sum(parts, Decimal(0)),
    )


def instance_index(scores: Iterable[IpAsnScore], config: IpAsnConfig = IP_ASN_2018) -> IpAsnIndex:
    """The instance IP ASN: the mean of the individual totals [R], with its category.

    No employees give value and predikat None.
    """
    totals = [score.total for score in scores]
    value = mean(totals)
    return IpAsnIndex(
        value=value,
        predikat=None if value is None else predikat(value, config.band_set),
        count=len(totals),
        config=config.id,
        band_set=config.band_set.id,
        unconfirmed=config.unconfirmed,
    )
