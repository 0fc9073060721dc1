"""Rules of a plan file that its schema cannot state (pure: data in, errors out).

Years inside the Renstra period, tree levels in order, known Renstra indikator keys,
kualitatif values on their scale, values below 0 only where the indikator allows them,
nomenclature codes of the right shape with a parent,
a narasi's date of signing on the calendar.
"""

from collections.abc import Generator, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from kinerja.evaluation.values import negative_refusal
from kinerja.imports.plan_schema import PlanError, format_path

Path = tuple[str | int, ...]

CHILD_LEVEL = {None: "program", "program": "kegiatan", "kegiatan": "sub_kegiatan"}
LEVEL_NAMES = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}
# Number of dot-separated parts of a full code, and how many the parent's code drops.
CODE_PARTS = {"urusan": 1, "bidang_urusan": 2, "program": 3, "kegiatan": 5, "sub_kegiatan": 6}
PARENT_LEVEL = {
    "bidang_urusan": "urusan",
    "program": "bidang_urusan",
    "kegiatan": "program",
    "sub_kegiatan": "kegiatan",
}


def parent_code(level: str, code: str) -> str:
    """The code of the parent entry: `5.03.01.2.01` → `5.03.01`."""
    return ".".join(code.split(".")[: CODE_PARTS[PARENT_LEVEL[level]]])


def rule_errors(data: dict[str, Any]) -> list[PlanError]:
    """Every rule violation of a schema-valid plan file."""
    return [PlanError(format_path(path), message) for path, message in _violations(data)]


def _violations(data: dict[str, Any]) -> Iterator[tuple[Path, str]]:
    yield from _nomenclature(data.get("nomenclature") or {})
    renstra = data.get("renstra")
    if renstra is None:
        # The Renja attaches to the OPD's Renstra in the database; the importer checks
        # its period and indikator keys there.
        yield from _renja_list(data.get("renja") or [], None, None)
        return
    first, last = renstra["first_year"], renstra["last_year"]
    if last < first:
        yield ("renstra", "last_year"), f"tahun akhir {last} sebelum tahun awal {first}"
        return
    period = range(first, last + 1)
    keys = yield from _renstra(renstra, period)
    yield from _renja_list(data.get("renja") or [], period, keys)


def _renja_list(
    renja_list: list[dict[str, Any]], period: range | None, keys: dict[str, Any] | None
) -> Iterator[tuple[Path, str]]:
    """Each Renja once; its year inside `period` and its keys in `keys` when known."""
    seen: set[tuple[int, str, int]] = set()
    for index, renja in enumerate(renja_list):
        path: Path = ("renja", index)
        ident = (renja["year"], renja["stage"], renja.get("version", 1))
        if ident in seen:
            yield path, "Renja dengan tahun, tahap dan versi yang sama muncul dua kali"
        seen.add(ident)
        if period is not None and renja["year"] not in period:
            yield (
                (*path, "year"),
                (f"tahun {renja['year']} di luar periode Renstra {period[0]}–{period[-1]}"),
            )
        yield from _items(renja.get("items") or [], (*path, "items"), None, _renja_item(keys))
        yield from _narasi(renja.get("narasi") or {}, (*path, "narasi"))


def _narasi(narasi: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
    """The date of signing is a real calendar date (the schema checks only its shape)."""
    if "tanggal" in narasi:
        try:
            date.fromisoformat(narasi["tanggal"])
        except ValueError:
            yield (
                (*path, "tanggal"),
                f"tanggal {narasi['tanggal']!r} tidak ada; tulis TTTT-BB-HH, mis. 2023-09-01",
            )


def _nomenclature(nomenclature: dict[str, Any]) -> Iterator[tuple[Path, str]]:
    known: dict[str, set[str]] = {level: set() for level in CODE_PARTS}
    for level, parts in CODE_PARTS.items():
        for index, entry in enumerate(nomenclature.get(level) or []):
            path: Path = ("nomenclature", level, index, "code")
            code = entry["code"]
            if len(code.split(".")) != parts:
                yield path, f"kode {code!r} bukan kode {level.replace('_', ' ')} ({parts} bagian)"
            elif code in known[level]:
                yield path, f"kode {code!r} muncul dua kali"
            elif (
                level in PARENT_LEVEL and parent_code(level, code) not in known[PARENT_LEVEL[level]]
            ):
                parent = parent_code(level, code)
                yield path, f"induk {parent!r} dari kode {code!r} tidak ada di berkas"
            known[level].add(code)


def _renstra(
    renstra: dict[str, Any], period: range
) -> Generator[tuple[Path, str], None, dict[str, dict[str, Any]]]:
    """Check the Renstra; return (as the generator's value) its indikator by key."""
    keys: dict[str, dict[str, Any]] = {}
    for path, indikator in _renstra_indikator(renstra):
        key = indikator.get("key")
        if key and key in keys:
            yield (*path, "key"), f"kunci indikator {key!r} sudah dipakai indikator lain"
        if key:
            keys[key] = indikator
        yield from _semantics_values(indikator, path)
        for field in ("targets", "realisasi"):
            for year in indikator.get(field) or {}:
                if year not in period:
                    yield (*path, field, str(year)), f"tahun {year} di luar periode Renstra"
    items_path: Path = ("renstra", "items")
    yield from _items(renstra.get("items") or [], items_path, None, _renstra_item(period))
    return keys


def _renstra_indikator(renstra: dict[str, Any]) -> Iterator[tuple[Path, dict[str, Any]]]:
    for t, tujuan in enumerate(renstra.get("tujuan") or []):
        for i, indikator in enumerate(tujuan.get("indikator") or []):
            yield ("renstra", "tujuan", t, "indikator", i), indikator
        for s, sasaran in enumerate(tujuan.get("sasaran") or []):
            for i, indikator in enumerate(sasaran.get("indikator") or []):
                yield ("renstra", "tujuan", t, "sasaran", s, "indikator", i), indikator
    for path, item in _walk(renstra.get("items") or [], ("renstra", "items")):
        for i, indikator in enumerate(item.get("indikator") or []):
            yield (*path, "indikator", i), indikator


def _walk(items: list[dict[str, Any]], path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    for index, item in enumerate(items):
        yield (*path, index), item
        yield from _walk(item.get("children") or [], (*path, index, "children"))


def _items(
    items: list[dict[str, Any]], path: Path, parent_level: str | None, check: Any
) -> Iterator[tuple[Path, str]]:
    expected = CHILD_LEVEL.get(parent_level)
    for index, item in enumerate(items):
        item_path: Path = (*path, index)
        if item["level"] != expected:
            where = (
                f"di bawah {LEVEL_NAMES[parent_level]}" if parent_level else "di tingkat teratas"
            )
            yield (
                (*item_path, "level"),
                (
                    f"{LEVEL_NAMES[item['level']]} tidak boleh berada {where}; "
                    f"yang diharapkan {LEVEL_NAMES[expected] if expected else 'tidak ada anak'}"
                ),
            )
        yield from check(item, item_path)
        children = item.get("children") or []
        yield from _items(children, (*item_path, "children"), item["level"], check)


def _renstra_item(period: range) -> Any:
    def check(item: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
        if item.get("pagu") and item.get("children"):
            yield (*path, "pagu"), "pagu hanya pada baris terbawah; total induk dihitung"
        for year in item.get("pagu") or {}:
            if year not in period:
                yield (*path, "pagu", str(year)), f"tahun {year} di luar periode Renstra"
        yield from _money_places(item, path)

    return check


MONEY_PLACES = 2  # renstra.models.MONEY, NUMERIC(20,2): rupiah and sen
MAX_VALUE_PLACES = 6  # renstra.models.VALUE, NUMERIC(24,6)
MAX_WHOLE_DIGITS = 18  # both: 20 − 2 and 24 − 6 digits before the decimal point


def _too_large(number: Decimal | int) -> str | None:
    """A number the database cannot hold (SQLite would store it and fail to read it back)."""
    whole = Decimal(number).copy_abs().to_integral_value(rounding="ROUND_DOWN")
    if whole.is_zero() or whole.adjusted() < MAX_WHOLE_DIGITS:
        return None
    return f"{number} terlalu besar: paling banyak {MAX_WHOLE_DIGITS} angka sebelum koma"


def _money_places(item: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
    """Rupiah carry sen at most (ADR 0012); a third place would be rounded by the database."""
    amounts: list[tuple[Path, Any]] = []
    for key in ("pagu", "pagu_n1", "realisasi_anggaran"):
        value = item.get(key)
        if isinstance(value, dict):
            amounts += [((*path, key, str(k)), v) for k, v in value.items()]
        elif value is not None:
            amounts.append(((*path, key), value))
    for amount_path, amount in amounts:
        if not isinstance(amount, int | Decimal):
            continue  # the schema names a value that is not a number
        too_large = _too_large(amount)
        if too_large:
            yield amount_path, too_large
            continue
        exponent = Decimal(amount).normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > MONEY_PLACES:
            yield (
                amount_path,
                (
                    f"{amount} mempunyai {-exponent} angka di belakang koma; rupiah paling banyak "
                    "2 angka di belakang koma (sen), mis. 1590078504.50"
                ),
            )


def _renja_item(keys: dict[str, Any] | None) -> Any:
    def check(item: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
        for index, indikator in enumerate(item.get("indikator") or []):
            indikator_path: Path = (*path, "indikator", index)
            key = indikator.get("renstra_indikator")
            if key and keys is not None and key not in keys:
                yield (*indikator_path, "renstra_indikator"), f"tidak ada indikator Renstra {key!r}"
            yield from _semantics_values(indikator, indikator_path)
        yield from _money_places(item, path)

    return check


VALUE_FIELDS = ("kondisi_awal", "kondisi_akhir", "target", "target_n1")
MAP_FIELDS = ("targets", "realisasi")


def _semantics_values(indikator: dict[str, Any], path: Path) -> Iterator[tuple[Path, str]]:
    """Values are numbers, or labels of the scale for kualitatif indikator."""
    scale = indikator.get("scale") or []
    kualitatif = indikator["jenis"] == "kualitatif"
    if kualitatif and not scale:
        yield (*path, "scale"), "indikator kualitatif memerlukan skala (scale)"
    if scale and not kualitatif:
        yield (*path, "scale"), "skala hanya untuk indikator kualitatif"
    if kualitatif and indikator.get("allows_negative"):
        yield (*path, "allows_negative"), "indikator kualitatif tidak dapat bernilai negatif"
    for value_path, value in _values(indikator, path):
        if kualitatif and value not in scale:
            yield value_path, f"{value!r} tidak ada di skala {', '.join(scale)}"
        if not kualitatif and not isinstance(value, int | Decimal):
            yield value_path, f"harus berupa angka, bukan {value!r}"
        elif not kualitatif:
            refusal = (
                _negative(indikator, value_path, value)
                or _too_large(value)
                or _too_precise(indikator, value)
            )
            if refusal:
                yield value_path, refusal


def _too_precise(indikator: dict[str, Any], value: Decimal | int) -> str | None:
    """A value with more places than the indikator prints would print rounded (ADR 0012)."""
    decimals = indikator.get("decimals", 0)
    exponent = Decimal(value).normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    if places <= decimals:
        return None
    if places > MAX_VALUE_PLACES:
        return f"{value}: nilai indikator paling banyak {MAX_VALUE_PLACES} angka di belakang koma"
    return (
        f"{value} mempunyai {places} angka di belakang koma, padahal indikator "
        f"«{indikator.get('name', '')}» dicetak dengan decimals {decimals}; tulis "
        f"`decimals: {places}` pada indikatornya agar nilai tercetak seperti ditulis"
    )


FIELD_WORDS = {
    "kondisi_awal": "Kondisi awal",
    "kondisi_akhir": "Kondisi akhir",
    "target": "Target",
    "target_n1": "Target n+1",
    "targets": "Target",
    "realisasi": "Realisasi",
}


def _negative(indikator: dict[str, Any], path: Path, value: Decimal | int) -> str | None:
    """A value below 0 of an indikator without `allows_negative: true` (ADR 0012)."""
    field = next(str(part) for part in reversed(path) if str(part) in FIELD_WORDS)
    return negative_refusal(
        Decimal(value),
        what=FIELD_WORDS[field],
        name=indikator.get("name", ""),
        jenis=indikator["jenis"],
        allows_negative=bool(indikator.get("allows_negative")),
        how_to_allow="tulis `allows_negative: true` pada indikatornya",
    )


def _values(indikator: dict[str, Any], path: Path) -> Iterator[tuple[Path, Any]]:
    for field in VALUE_FIELDS:
        if field in indikator:
            yield (*path, field), indikator[field]
    for field in MAP_FIELDS:
        for key, value in (indikator.get(field) or {}).items():
            if isinstance(value, dict):
                if "value" in value:
                    yield (*path, field, str(key), "value"), value["value"]
            else:
                yield (*path, field, str(key)), value
