"""Benchmark: every evaluation table for every OPD of a pemda (build it with synthetic.py).

    KINERJA_VAR_DIR=/tmp/kinerja-bench .venv/bin/python bench/synthetic.py --opd 45
    KINERJA_VAR_DIR=/tmp/kinerja-bench .venv/bin/python bench/evaluate.py

Prints the time to load each OPD's Renja (the adapter, with its query count) and to build
T-C.29, T-C.30, Tujuan/Sasaran, T-C.33, E.81 and serapan for all four triwulan.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.monitoring.evaluate import TABLES, evaluation_tables, load_input
    from kinerja.renja.models import Renja

    per_opd, queries = [], []
    started = time.perf_counter()
    for renja in Renja.objects.order_by("perangkat_daerah__code"):
        begin = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            plan = load_input(renja)
        for triwulan in (1, 2, 3, 4):
            evaluation_tables(plan, TABLES, triwulan)
        per_opd.append(time.perf_counter() - begin)
        queries.append(len(captured.captured_queries))
    total = time.perf_counter() - started
    if not per_opd:
        raise SystemExit("Tidak ada Renja: jalankan bench/synthetic.py dahulu.")
    print(f"{len(per_opd)} Renja, {connection.vendor}: total {total:.2f} s")
    print(
        f"per OPD: median {statistics.median(per_opd) * 1000:.0f} ms, "
        f"max {max(per_opd) * 1000:.0f} ms; queries per OPD: {min(queries)}–{max(queries)}"
    )


if __name__ == "__main__":
    main()
