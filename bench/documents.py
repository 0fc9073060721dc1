"""Benchmark: official documents of every OPD of a pemda (build it with synthetic.py).

    KINERJA_VAR_DIR=/tmp/kinerja-bench .venv/bin/python bench/synthetic.py --opd 45
    KINERJA_VAR_DIR=/tmp/kinerja-bench .venv/bin/python bench/documents.py [--formats docx,pdf,xlsx]

Prints, per format, the time to produce one Renja document (median over the OPDs) and
the whole batch of every OPD's Renja, as the batch export and `kinerja export --all-opd`
produce it (built from the database, rendered, bytes in memory).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--formats", default="docx,pdf,xlsx")
    options.add_argument("--what", default="renja")
    args = options.parse_args()
    import django

    django.setup()
    from kinerja.documents.produce import produce
    from kinerja.renja.models import Renja

    renjas = list(Renja.objects.select_related("perangkat_daerah__pemda").order_by("pk"))
    print(f"{len(renjas)} Renja; dokumen {args.what}")
    for fmt in args.formats.split(","):
        times, sizes = [], []
        started = time.perf_counter()
        for renja in renjas:
            begin = time.perf_counter()
            produced = produce(renja, args.what, fmt)
            times.append(time.perf_counter() - begin)
            sizes.append(len(produced.data))
        total = time.perf_counter() - started
        print(
            f"{fmt}: batch {total:.1f} s; per Renja median {statistics.median(times):.2f} s, "
            f"max {max(times):.2f} s; median size {statistics.median(sizes) / 1024:.0f} KiB"
        )


if __name__ == "__main__":
    main()
