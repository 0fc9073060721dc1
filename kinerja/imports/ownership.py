"""Whose file is it: the pemda and OPD an agency file names, compared with the target. Pure.

A mapping says what its file names (`Identity`: the pemda, a kode SKPD, the agency's name,
each only when the file states it); `mismatch` compares that with the OPD the file is
being imported into and returns, when they differ, a message in Bahasa Indonesia showing
both. Names are compared as people write them: case, spaces and punctuation do not count,
"Kab." is "Kabupaten", "Pemerintah Kabupaten X" is "Kabupaten X", "SDM" is "Sumber Daya
Manusia", a trailing "Daerah" is optional, and an abbreviation (BKPSDM) matches the name
it abbreviates. A kode SKPD is compared only with an OPD code that is itself a SIPD code
(digits and dots): two such codes that differ are a mismatch.
"""

import re
from dataclasses import dataclass

# Words that abbreviate others in agency names.
EXPANSIONS = {
    "sdm": "sumber daya manusia",
    "ukm": "usaha kecil menengah",
    "umkm": "usaha mikro kecil menengah",
    "asn": "aparatur sipil negara",
    "kb": "keluarga berencana",
    "ptsp": "pelayanan terpadu satu pintu",
    "pmd": "pemberdayaan masyarakat desa",
    "pupr": "pekerjaan umum penataan ruang",
    "kab": "kabupaten",
    "prov": "provinsi",
    "pemkab": "kabupaten",
    "pemkot": "kota",
    "pemprov": "provinsi",
}
# Words that do not tell two agencies (or two pemda) apart.
FILLER = {"dan", "serta", "daerah", "pemerintah", "the", "of"}
PEMDA_KINDS = ("kabupaten", "kota", "provinsi")
SIPD_CODE = re.compile(r"^\d+(\.\d+)+$")


@dataclass(frozen=True)
class Identity:
    """Whose a file says it is; empty fields are what the file does not state."""

    pemda: str = ""
    pemda_code: str = ""
    opd_code: str = ""
    opd_name: str = ""
    where: str = ""  # where the file says it, e.g. "kolom namapemda, kodeskpd, uraiskpd"

    def __bool__(self) -> bool:
        return bool(self.pemda or self.pemda_code or self.opd_code or self.opd_name)

    def describe(self) -> str:
        """`“Dinas Koperasi …” (kode SKPD 2.17…) dari “KAB. BANTUL” (kode 3402)`."""
        return _describe(self.opd_name, self.opd_code, "kode SKPD", self.pemda, self.pemda_code)


@dataclass(frozen=True)
class Target:
    """The OPD a file is imported into, as Kinerja knows it."""

    pemda: str
    opd_code: str
    opd_name: str
    opd_short_name: str = ""
    pemda_code: str = ""

    def describe(self) -> str:
        return _describe(self.opd_name, self.opd_code, "kode", self.pemda, self.pemda_code)


def _describe(name: str, code: str, code_label: str, pemda: str, pemda_code: str) -> str:
    opd = f"“{name}”" if name else "perangkat daerah tanpa nama"
    if code:
        opd += f" ({code_label} {code})"
    if pemda or pemda_code:
        opd += f" dari “{pemda}”" if pemda else " dari pemda"
        opd += f" (kode {pemda_code})" if pemda_code else ""
    return opd


def mismatch(file: Identity, target: Target) -> str | None:
    """None when the file names nothing that contradicts the target; else the message."""
    differences = [
        what
        for what, differs in (
            ("pemda", _pemda_differs(file, target)),
            ("kode SKPD", _code_differs(file.opd_code, target.opd_code)),
            ("nama perangkat daerah", _name_differs(file.opd_name, target)),
        )
        if differs
    ]
    if not differences:
        return None
    where = f" ({file.where})" if file.where else ""
    return (
        f"Berkas ini menyebut {file.describe()}{where}, sedangkan tujuan impor adalah "
        f"{target.describe()}: {', '.join(differences)} berbeda. Impor hanya bila Anda yakin "
        "berkas ini memang rencana perangkat daerah tujuan, dengan konfirmasi tersendiri "
        "(centang di halaman pratinjau, atau --confirm-opd di baris perintah)."
    )


def words(text: str) -> list[str]:
    """Lower-case words of `text`, abbreviations expanded, punctuation dropped."""
    out: list[str] = []
    for word in re.sub(r"[^0-9a-z]+", " ", text.lower()).split():
        out += EXPANSIONS.get(word, word).split()
    return out


def _pemda_differs(file: Identity, target: Target) -> bool:
    codes = [re.sub(r"\D", "", code) for code in (file.pemda_code, target.pemda_code)]
    if all(codes) and codes[0] != codes[1]:
        return True
    if not file.pemda:
        return False
    mine, theirs = _pemda_words(file.pemda), _pemda_words(target.pemda)
    kinds = [next((w for w in ws if w in PEMDA_KINDS), "") for ws in (mine, theirs)]
    if all(kinds) and kinds[0] != kinds[1]:
        return True
    return [w for w in mine if w not in PEMDA_KINDS] != [w for w in theirs if w not in PEMDA_KINDS]


def _pemda_words(text: str) -> list[str]:
    return [word for word in words(text) if word not in FILLER]


def _code_differs(file_code: str, target_code: str) -> bool:
    codes = [code.strip().strip(".") for code in (file_code, target_code)]
    return all(SIPD_CODE.match(code) for code in codes) and codes[0] != codes[1]


def _name_differs(file_name: str, target: Target) -> bool:
    if not file_name.strip():
        return False
    mine = _agency_words(file_name)
    names = [target.opd_name, target.opd_short_name, target.opd_code]
    for name in filter(None, names):
        theirs = _agency_words(name)
        if mine == theirs or _abbreviates(mine, theirs) or _abbreviates(theirs, mine):
            return False
    return True


def _agency_words(name: str) -> list[str]:
    """The words naming an agency, without its pemda ("… Kabupaten Bantul") or fillers."""
    found: list[str] = []
    for word in words(name):
        if word in PEMDA_KINDS:
            break
        if word not in FILLER:
            found.append(word)
    return found


def _abbreviates(short: list[str], long: list[str]) -> bool:
    """True when `short` is one word made of the initials of `long` (BKPSDM)."""
    return len(short) == 1 and len(long) > 1 and short[0] == "".join(w[0] for w in long)
