"""Table builders: PlanInput → one format-neutral `Table` per official table.

`build_tc29` (Tabel 2.1), `build_tc30` (Tabel 2.2), `build_tujuan_sasaran` (Bab III),
`build_tc33` (Tabel 4.1), `build_e81` (quarterly evaluation) and `build_serapan`.
"""

from kinerja.evaluation.tables.e81 import E81Figures, build_e81, e81_figures
from kinerja.evaluation.tables.model import Cell, Derivation, HeaderCell, Row, Table
from kinerja.evaluation.tables.serapan import build_serapan
from kinerja.evaluation.tables.tc29 import Tc29Figures, build_tc29, tc29_figures
from kinerja.evaluation.tables.tc30 import build_tc30, build_tujuan_sasaran
from kinerja.evaluation.tables.tc33 import build_tc33

__all__ = [
    "Cell",
    "Derivation",
    "E81Figures",
    "HeaderCell",
    "Row",
    "Table",
    "Tc29Figures",
    "build_e81",
    "build_serapan",
    "build_tc29",
    "build_tc30",
    "build_tc33",
    "build_tujuan_sasaran",
    "e81_figures",
    "tc29_figures",
]
