"""Band sets as data, and the IP ASN scoring configuration."""

from decimal import Decimal

import pytest

from kinerja.evaluation.bands import (
    BAND_SETS,
    IP_ASN_PERMENPANRB_38_2018,
    PERMENDAGRI86_2017,
    BandSet,
    get_band_set,
    predikat,
)
from kinerja.evaluation.ip_asn import IP_ASN_2018, AsnProfile, instance_index, score_asn
from kinerja.evaluation.tests.text_tables import Case, cases

IP_ASN_EDGES = """
value  | predikat
100    | Sangat Tinggi
91     | Sangat Tinggi
90.999 | Tinggi
81     | Tinggi
80.99  | Sedang
71     | Sedang
61     | Rendah
60.999 | Sangat Rendah
"""


@pytest.mark.parametrize("case", cases(IP_ASN_EDGES))
def test_ip_asn_band_set(case: Case) -> None:
    assert predikat(case.number("value"), IP_ASN_PERMENPANRB_38_2018) == case["predikat"]


def test_band_sets_are_versioned_data() -> None:
    assert set(BAND_SETS) == {"permendagri86-2017", "ip-asn-permenpanrb-38-2018"}
    assert get_band_set("permendagri86-2017") is PERMENDAGRI86_2017
    assert "[R]" in PERMENDAGRI86_2017.note
    assert PERMENDAGRI86_2017.describe() == (
        "≥ 91 Sangat Tinggi; ≥ 76 Tinggi; ≥ 66 Sedang; ≥ 51 Rendah; < 51 Sangat Rendah"
    )
    with pytest.raises(KeyError):
        get_band_set("unknown")


def test_a_band_set_needs_falling_thresholds() -> None:
    with pytest.raises(ValueError, match="menurun"):
        BandSet(id="x", bands=((Decimal(50), "a"), (Decimal(60), "b")), below="c", note="")


PROFILES = """
pend | diklat                                 | pel | skp         | hukuman      | kual | komp | total
S2   | kepemimpinan teknis seminar            | no  | baik        | tidak_pernah | 20   | 40   | 90
S1   | teknis seminar                         | yes | cukup       | ringan       | 15   | 40   | 78
S3   | kepemimpinan fungsional teknis seminar | no  | sangat_baik | tidak_pernah | 25   | 40   | 100
SLTA | -                                      | yes | kurang      | berat        | 1    | 0    | 17
D3   | teknis                                 | yes | buruk       | sedang       | 10   | 25   | 47
"""  # noqa: E501 - a text table reads best unwrapped


def profile(case: Case) -> AsnProfile:
    return AsnProfile(
        pendidikan=case.text("pend"),
        diklat=frozenset((case["diklat"] or "").split()),
        pelaksana=case["pel"] == "yes",
        skp=case.text("skp"),
        hukuman_disiplin=case.text("hukuman"),
    )


@pytest.mark.parametrize("case", cases(PROFILES))
def test_individual_ip_asn_score(case: Case) -> None:
    score = score_asn(profile(case))
    assert (score.kualifikasi, score.kompetensi, score.total) == (
        case.dec("kual"),
        case.dec("komp"),
        case.dec("total"),
    )


def test_instance_index_is_the_mean_and_names_its_unconfirmed_values() -> None:
    scores = [score_asn(profile(case)) for case in cases(PROFILES)[:2]]
    index = instance_index(scores)
    assert (index.value, index.predikat, index.count) == (Decimal(84), "Tinggi", 2)
    assert index.config == IP_ASN_2018.id
    assert index.band_set == "ip-asn-permenpanrb-38-2018"
    assert any("SKP" in item for item in index.unconfirmed)
    assert instance_index([]).value is None


def test_an_unknown_category_names_the_choices() -> None:
    case = Case(cases(PROFILES)[0] | {"pend": "S4"})
    with pytest.raises(ValueError, match="S3"):
        score_asn(profile(case))
