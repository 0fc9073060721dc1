"""A Renja as a reader found it (`SourceRenja`) → plan-file data (`kinerja-plan` v1).

Pure: no Django, no database. `to_plan` returns the data of a plan file holding the OPD
and the Renja of the document (no `renstra`: the importer attaches the Renja to the
OPD's Renstra already in the database) and the findings of the mapping:

- `semantics-inferred` (info), one per indikator: the file format wants every
  indikator's jenis, polaritas, sifat and decimals, which a printed Renja does not
  state. They are inferred from the satuan and the name (`infer_semantics`) and the
  planner is told exactly what was assumed, to confirm or change; a rate of change
  ("tingkat penurunan", "pertumbuhan", "laju" …) is proposed as `allows_negative`.
- `number-typo` (error): a target or pagu that is not a clean number (`6I`, `1O0`,
  words) is left out of the data, never guessed; (warning) a target whose separators
  read two ways (`1.500`) is kept in its Indonesian reading and reported.
- `code-format` (info): a Kode/No cell that is not a nomenclature code (a row number)
  is not used as a code. Codes are taken only as printed, never invented.

Pagu goes on sub kegiatan only; the printed kegiatan, program and grand totals are
compared with their parts by the checks and are not stored.
"""

import re
from decimal import Decimal
from typing import Any

from kinerja.evaluation.source import Printed, SourceIndikator, SourceItem, SourceRenja
from kinerja.evaluation.types import (
    INDEKS,
    JUMLAH,
    KUMULATIF,
    NEGATIF,
    NON_KUMULATIF,
    PERSENTASE,
    POSITIF,
    RASIO,
    SUB_KEGIATAN,
    Finding,
)
from kinerja.evaluation.values import change_word
from kinerja.imports.plan_values import canonical_decimal

TABLE = "Tabel 4.1"
LEVEL_LABELS = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}

# Lower is better when the name counts something bad …
NEGATIVE_WORDS = (
    "pelanggaran",
    "kematian",
    "kesakitan",
    "kecelakaan",
    "kemiskinan",
    "pengangguran",
    "stunting",
    "temuan",
    "tunggakan",
    "kerugian",
    "kebakaran",
    "kriminalitas",
    "putus sekolah",
    "sengketa",
    "pengaduan",
    "keluhan",
)
# … unless it counts the bad thing going down or being dealt with.
IMPROVEMENT_WORDS = (
    "penurunan",
    "menurun",
    "berkurang",
    "pengurangan",
    "terselesaikan",
    "diselesaikan",
    "penyelesaian",
    "tertangani",
    "ditangani",
    "penanganan",
    "ditindaklanjuti",
    "tindak lanjut",
    "pencegahan",
)
INDEX_NAMES = ("indeks", "nilai", "skor", "ikm")
INDEX_SATUAN = ("indeks", "nilai", "skor", "poin")
# Words an all-capitals agency name keeps in capitals, and those it writes in lower case.
ACRONYMS = {"SDM", "ASN", "UKM", "UMKM", "KB", "PTSP", "BPBD", "RSUD", "DPRD", "PMD", "SKPD"}
SMALL_WORDS = {"dan", "di", "ke", "dari", "pada", "yang", "untuk", "serta", "atau"}


def to_plan(
    doc: SourceRenja,
    *,
    pemda: str,
    opd_code: str,
    opd_name: str | None = None,
    stage: str = "final",
) -> tuple[dict[str, Any], list[Finding]]:
    """The plan-file data of the Renja in `doc`, and the findings of the mapping.

    `pemda` is the pemda's name, `opd_code` the OPD's code in Kinerja; `opd_name`
    defaults to the agency named on the document's cover (capitalised as a name).
    Without a document year there is no Renja to write: the data holds the OPD only and
    a finding says why.
    """
    findings: list[Finding] = []
    data: dict[str, Any] = {
        "format": "kinerja-plan",
        "version": 1,
        "note": (
            f"Dibaca dari {doc.source} (Tabel 4.1). Jenis, polaritas dan sifat indikator "
            "diasumsikan pembaca; periksa temuan semantics-inferred."
        ),
        "pemda": {"name": pemda},
        "perangkat_daerah": {
            "code": opd_code,
            "name": opd_name or name_case(doc.opd_name) or opd_code,
        },
    }
    if doc.year is None:
        findings.append(
            Finding(
                rule="missing-value",
                severity="error",
                table=TABLE,
                message="tahun Renja tidak terbaca dari judul dokumen; Renja tidak dipetakan",
            )
        )
        return data, findings
    items = [_item(item, findings) for item in doc.items]
    renja: dict[str, Any] = {"year": doc.year, "stage": stage, "version": 1}
    if items:
        renja["items"] = items
    data["renja"] = [renja]
    return data, findings


def name_case(text: str) -> str:
    """`BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM` → `Badan Kepegawaian dan Pengembangan SDM`;
    a name not written in capitals stays as it is."""
    if not text.isupper():
        return text
    words = []
    for index, word in enumerate(text.split()):
        if word in ACRONYMS:
            words.append(word)
        elif index and word.lower() in SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append(word.capitalize())
    return " ".join(words)


def _item(item: SourceItem, findings: list[Finding]) -> dict[str, Any]:
    out: dict[str, Any] = {"level": item.level}
    code = _code(item, findings)
    if code:
        out["code"] = code
    out["name"] = item.name
    for key in ("lokasi", "sumber_dana", "catatan_penting"):
        if getattr(item, key):
            out[key] = getattr(item, key)
    if item.level == SUB_KEGIATAN:
        for key, printed in (("pagu", item.pagu), ("pagu_n1", item.pagu_n1)):
            value = _value(printed, item, key, findings, money=True)
            if value is not None:
                out[key] = value
    indikator = [_indikator(ind, item, findings) for ind in item.indikator]
    if any(indikator):
        out["indikator"] = [ind for ind in indikator if ind]
    if item.children:
        out["children"] = [_item(child, findings) for child in item.children]
    return out


def _code(item: SourceItem, findings: list[Finding]) -> str:
    """The printed code when it is a nomenclature code (`5.03.01…`), else ""."""
    if not item.code or len(item.code.strip(".").split(".")) >= 3:
        return item.code.strip(".")
    findings.append(
        Finding(
            rule="code-format",
            severity="info",
            table=TABLE,
            row=item.name,
            column="1",
            actual=item.code,
            line=item.location.line,
            message=(
                f"'{item.code}' pada {LEVEL_LABELS[item.level]} '{item.name}' bukan kode "
                "nomenklatur (nomor baris?); tidak dipakai sebagai kode"
            ),
        )
    )
    return ""


def _value(
    printed: Printed | None,
    item: SourceItem,
    what: str,
    findings: list[Finding],
    *,
    money: bool = False,
) -> Decimal | int | None:
    """The exact value of a printed number; None (and a finding) when it is not clean."""
    if printed is None:
        return None
    parsed = printed.parsed
    if parsed.problem == "empty":
        return None
    where = f"{what} {LEVEL_LABELS[item.level]} '{item.name}'"
    if parsed.value is None or (money and parsed.value < 0):
        reason = parsed.message or f"'{printed.text}' bukan jumlah rupiah yang sah"
        findings.append(
            _typo(printed, item, "error", f"{where}: {reason}; nilai tidak diisi", parsed.likely)
        )
        return None
    if parsed.problem == "ambiguous" and not money:
        findings.append(_typo(printed, item, "warning", f"{where}: {parsed.message}", None))
    return canonical_decimal(parsed.value)


def _typo(
    printed: Printed, item: SourceItem, severity: str, message: str, likely: Decimal | None
) -> Finding:
    return Finding(
        rule="number-typo",
        severity=severity,
        table=TABLE,
        row=item.name,
        code=item.code,
        column=printed.column,
        expected=likely,
        actual=printed.text,
        line=printed.location.line or item.location.line,
        message=message,
    )


def _indikator(
    ind: SourceIndikator, item: SourceItem, findings: list[Finding]
) -> dict[str, Any] | None:
    if not ind.name:
        return None  # a target without an indikator name: the checks report the gap
    satuan = ind.satuan or ind.satuan_n1
    jenis, polaritas, sifat, decimals, why = infer_semantics(ind, satuan)
    out: dict[str, Any] = {"name": ind.name}
    if satuan:
        out["satuan"] = satuan
    out.update(jenis=jenis, polaritas=polaritas, sifat=sifat, decimals=decimals)
    word = change_word(ind.name, jenis)
    if word:
        out["allows_negative"] = True
        why += f", boleh negatif (nama menyebut '{word}': tingkat perubahan dapat berbalik arah)"
    for key, printed in (("target", ind.target), ("target_n1", ind.target_n1)):
        value = _value(printed, item, f"{key} indikator '{ind.name}' pada", findings)
        if value is not None:
            out[key] = value
    findings.append(
        Finding(
            rule="semantics-inferred",
            severity="info",
            table=TABLE,
            row=item.name,
            code=item.code,
            line=(ind.target.location.line if ind.target else None) or item.location.line,
            message=(
                f"indikator '{ind.name}' ({LEVEL_LABELS[item.level]} '{item.name}'): "
                f"diasumsikan {why}; periksa dan ubah bila keliru"
            ),
        )
    )
    return out


def infer_semantics(ind: SourceIndikator, satuan: str) -> tuple[str, str, str, int, str]:
    """(jenis, polaritas, sifat, decimals, explanation) for a printed indikator.

    jenis: a name starting "Rasio" → rasio; "Indeks"/"Nilai"/"Skor"/"IKM", or satuan
    Indeks/Nilai/Skor/Poin → indeks; satuan "%" or a name starting "Persentase" →
    persentase; anything else counts → jumlah. polaritas: negatif when the name counts
    something bad (NEGATIVE_WORDS) and not its going down or being dealt with
    (IMPROVEMENT_WORDS), else positif. sifat: kumulatif for jumlah, else non_kumulatif.
    decimals: the places printed in the targets (at least 2 for an indeks).
    """
    name = ind.name.lower()
    unit = satuan.lower()
    if name.startswith("rasio"):
        jenis, jenis_why = RASIO, "nama diawali 'Rasio'"
    elif name.startswith(INDEX_NAMES) or unit.startswith(INDEX_SATUAN):
        jenis, jenis_why = INDEKS, "nama/satuan menyebut indeks atau nilai"
    elif unit == "%" or name.startswith("persentase"):
        jenis, jenis_why = PERSENTASE, "satuan %" if unit == "%" else "nama diawali 'Persentase'"
    else:
        jenis, jenis_why = (
            JUMLAH,
            f"satuan {satuan!r} dihitung" if satuan else "bukan %/indeks/rasio",
        )
    bad = next((word for word in NEGATIVE_WORDS if re.search(rf"\b{word}\b", name)), None)
    better = next((word for word in IMPROVEMENT_WORDS if word in name), None)
    if bad and not better:
        polaritas, polaritas_why = NEGATIF, f"nama menyebut '{bad}': makin kecil makin baik"
    else:
        polaritas = POSITIF
        polaritas_why = "makin besar makin baik"
        if bad:
            polaritas_why = f"nama menyebut '{bad}' dengan '{better}': {polaritas_why}"
    sifat = KUMULATIF if jenis == JUMLAH else NON_KUMULATIF
    places = [_places(printed) for printed in (ind.target, ind.target_n1)]
    decimals = max([*places, 2 if jenis == INDEKS else 0])
    why = (
        f"jenis {jenis} ({jenis_why}), polaritas {polaritas} ({polaritas_why}), "
        f"sifat {sifat} (bawaan untuk {jenis}), {decimals} desimal"
    )
    return jenis, polaritas, sifat, decimals, why


def _places(printed: Printed | None) -> int:
    value = printed.value if printed is not None else None
    if value is None:
        return 0
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
