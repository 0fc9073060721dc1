"""The pure evaluation engine: capaian, roll-ups, tables and checks over frozen dataclasses.

Pure Python: no Django, no other `kinerja` package (import-linter enforces it). Inputs
and results are frozen dataclasses of `Decimal` (never float). The single adapter from
the ORM is `kinerja/monitoring/evaluate.py` (`load_input(renja) -> PlanInput`).

Public API
==========

Everything below is importable from `kinerja.evaluation`:

- Inputs (`types`): `PlanInput(pemda, opd_name, year, renstra_first_year,
  renstra_last_year, items, renstra_items, tujuan, laporan)`; `ItemInput` (Renja
  program/kegiatan/sub kegiatan, flat with `parent_id`, in display order; pagu, pagu_n1
  and `realisasi_anggaran` by triwulan on sub kegiatan); `IndikatorInput` (target,
  target_n1, `realisasi` by triwulan 1–4, `renstra: RenstraFigures | None`);
  `RenstraItemInput`, `TujuanInput`, `SasaranInput` with `RenstraIndikatorInput`;
  `RenstraFigures(kondisi_awal, kondisi_akhir, targets, realisasi, notes)` by year;
  `LaporanInput`; `Semantics(jenis, polaritas, sifat, decimals, scale, allows_negative)`.
  All keyword-only. Allowed values (`values`): `negative_refusal`, `change_word`.
- Achievement (`achievement`): `capaian(target, realisasi, semantics, band_set) ->
  Capaian`; `combine(values_by_period, sifat, *, up_to=None)`; `serapan(realisasi,
  pagu)`; `rata_rata_capaian(capaian_list, band_set)`; `rounded(value, places=2)`;
  `REASONS` (reason code → Bahasa Indonesia); `FORMULAS` (formula id → text).
- Bands (`bands`): `BandSet(id, bands, below, note)`, `PERMENDAGRI86_2017`,
  `IP_ASN_PERMENPANRB_38_2018`, `BAND_SETS`, `get_band_set(id)`, `predikat(value,
  band_set)`. IP ASN scoring (`ip_asn`): `IP_ASN_2018`, `AsnProfile`, `score_asn`,
  `instance_index`.
- Tree and totals (`rollup`): `build_tree(items) -> (nodes, findings)`, `walk(nodes)`,
  `rollup(nodes, amount, *, own_first=False) -> Rollup(by_item, total)`.
- Tables (`tables`): one format-neutral model, `Table(code, title, subtitle,
  header_rows, column_numbers, rows, footnotes, findings)` of `Row(kind, depth, cells,
  item_id, indikator_id)` and `Cell(value, kind, decimals, reason, predikat, formula,
  unit, colspan)`; builders `build_tc29(plan)` (Tabel 2.1), `build_tc30(plan, *,
  years=None)` (Tabel 2.2), `build_tujuan_sasaran(plan)` (Bab III), `build_tc33(plan)`
  (Tabel 4.1), `build_e81(plan, triwulan, *, rata_rata_level="sub_kegiatan")`,
  `build_serapan(plan, triwulan)`; per-indikator figures `tc29_figures`, `e81_figures`
  (for recomputation checks such as `formula-mismatch`).

Rules
=====

- Capaian of realisasi R against target T, unrounded, in a fixed 28-digit decimal
  context: positif R/T × 100 (`positif/permendagri86-2017`); negatif (2T − R)/T × 100
  floored at 0 (`negatif/permendagri86-2017`); kualitatif, values being 1-based
  positions on the scale ordered worst to best (so polaritas does not apply): R ≥ T →
  100, else R/T × 100 (`kualitatif/permendagri86-2017`). Above 100 is kept, not capped.
  A negative R with positif polaritas (a "tingkat penurunan" that went up) is not
  floored: the capaian is negative and its predikat Sangat Rendah.
- Reason codes when there is no number (cells print "–", footnotes explain):
  `target-kosong`, `target-nol`, `target-negatif`, `realisasi-kosong`,
  `nilai-di-luar-skala`, `pagu-kosong`, `pagu-nol`, `tidak-terhubung-renstra`,
  `tahun-di-luar-renstra`, `tidak-ada-capaian`, `laporan-kosong`.
- Combining periods by sifat: kumulatif = sum of the reported periods; non_kumulatif =
  the value of the last reported period; rata_rata = their mean; None when nothing is
  reported. A missing period is not 0.
- Predikat from versioned band sets, on the unrounded value, half-open thresholds:
  `permendagri86-2017` ≥ 91 Sangat Tinggi, ≥ 76 Tinggi, ≥ 66 Sedang, ≥ 51 Rendah, else
  Sangat Rendah (labels [R], stated in the footnote); `ip-asn-permenpanrb-38-2018`
  ≥ 91/81/71/61. Every capaian records its formula id and band set id.
- Rounding: only for display, half-up (`rounded`, `Cell.decimals`); it never changes a
  predikat (90.995 shows as 91,00 and stays Tinggi).
- Totals: pagu and anggaran live on sub kegiatan; kegiatan, program and grand totals are
  sums of their sub kegiatan, None only when no part has a value (ADR 0003).
- T‑C.29 col 10 follows sifat: kumulatif 5 + 7 + 9; non_kumulatif the latest value
  (col 9's target as the forecast of n−1, else col 7, else col 5); rata_rata the mean of
  the yearly values. E.81 col 12 combines triwulan 1…q by sifat, col 13 combines the
  Renstra years before n with col 12 (kumulatif 6 + 12); the Renja rate 12/7 is an extra
  column; the footer averages the capaian that have a number at one level (default sub
  kegiatan). Each table's footnotes state the rules it applied.
"""

from kinerja.evaluation.achievement import (
    FORMULAS,
    REASONS,
    capaian,
    combine,
    rata_rata_capaian,
    rounded,
    serapan,
)
from kinerja.evaluation.bands import (
    BAND_SETS,
    IP_ASN_PERMENPANRB_38_2018,
    PERMENDAGRI86_2017,
    BandSet,
    get_band_set,
    predikat,
)
from kinerja.evaluation.ip_asn import IP_ASN_2018, AsnProfile, instance_index, score_asn
from kinerja.evaluation.rollup import Node, Rollup, build_tree, rollup, walk
from kinerja.evaluation.tables import (
    Cell,
    E81Figures,
    HeaderCell,
    Row,
    Table,
    Tc29Figures,
    build_e81,
    build_serapan,
    build_tc29,
    build_tc30,
    build_tc33,
    build_tujuan_sasaran,
    e81_figures,
    tc29_figures,
)
from kinerja.evaluation.types import (
    Capaian,
    Finding,
    IndikatorInput,
    ItemInput,
    LaporanInput,
    PlanInput,
    RenstraFigures,
    RenstraIndikatorInput,
    RenstraItemInput,
    SasaranInput,
    Semantics,
    TujuanInput,
)

__all__ = [
    "BAND_SETS",
    "FORMULAS",
    "IP_ASN_2018",
    "IP_ASN_PERMENPANRB_38_2018",
    "PERMENDAGRI86_2017",
    "REASONS",
    "AsnProfile",
    "BandSet",
    "Capaian",
    "Cell",
    "E81Figures",
    "Finding",
    "HeaderCell",
    "IndikatorInput",
    "ItemInput",
    "LaporanInput",
    "Node",
    "PlanInput",
    "RenstraFigures",
    "RenstraIndikatorInput",
    "RenstraItemInput",
    "Rollup",
    "Row",
    "SasaranInput",
    "Semantics",
    "Table",
    "Tc29Figures",
    "TujuanInput",
    "build_e81",
    "build_serapan",
    "build_tc29",
    "build_tc30",
    "build_tc33",
    "build_tree",
    "build_tujuan_sasaran",
    "capaian",
    "combine",
    "e81_figures",
    "get_band_set",
    "instance_index",
    "predikat",
    "rata_rata_capaian",
    "rollup",
    "rounded",
    "score_asn",
    "serapan",
    "tc29_figures",
    "walk",
]
