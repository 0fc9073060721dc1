"""Build a synthetic pemda for benchmarks: N OPDs shaped like the demo, four triwulan each.

Each OPD is the demo plan file with another code and name and its amounts scaled by a
seeded random factor, imported through the same `import_plan` as any planner's file.

    KINERJA_VAR_DIR=/tmp/kinerja-bench .venv/bin/python bench/synthetic.py --opd 45
    DATABASE_URL=postgres://postgres@127.0.0.1/kinerja_bench .venv/bin/python bench/synthetic.py
"""

import argparse
import copy
import os
import random
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")

PEMDA = "Kabupaten Sintetis (benchmark)"
MONEY_KEYS = ("pagu", "pagu_n1")


def scaled(amount: Any, factor: Decimal) -> Decimal:
    return (Decimal(amount) * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def scale_items(items: list[dict[str, Any]], rng: random.Random) -> None:
    for item in items:
        factor = Decimal(rng.randint(50, 150)) / 100
        for key in MONEY_KEYS:
            if key in item:
                item[key] = scaled(item[key], factor)
        if "realisasi_anggaran" in item:
            item["realisasi_anggaran"] = {
                tw: scaled(value, factor) for tw, value in item["realisasi_anggaran"].items()
            }
        scale_items(item.get("children") or [], rng)


def synthetic_plan(demo: dict[str, Any], index: int, rng: random.Random) -> dict[str, Any]:
    """The demo plan as OPD number `index` of the synthetic pemda."""
    data = copy.deepcopy(demo)
    data.pop("note", None)
    data["pemda"] = {"name": PEMDA}
    data["perangkat_daerah"] = {
        **data["perangkat_daerah"],
        "code": f"OPD-{index:02d}",
        "name": f"Perangkat Daerah Sintetis {index:02d}",
        "short_name": f"OPD {index:02d}",
    }
    for renja in data.get("renja") or []:
        scale_items(renja.get("items") or [], rng)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opd", type=int, default=45, help="number of OPDs (default 45)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    import django

    django.setup()
    from kinerja.cli import migrate
    from kinerja.demo import PLAN_FILE
    from kinerja.imports import plan_yaml
    from kinerja.imports.actions import import_plan

    migrate()
    demo = plan_yaml.load(PLAN_FILE.read_text(encoding="utf-8"))
    rng = random.Random(args.seed)  # noqa: S311 - reproducible test data, not secrets
    started = time.perf_counter()
    for index in range(1, args.opd + 1):
        content = plan_yaml.dump(synthetic_plan(demo, index, rng)).encode()
        result = import_plan(content, source=f"OPD-{index:02d}", acting_user=None, replace=True)
        if result.errors:
            raise SystemExit("; ".join(map(str, result.errors)))
    elapsed = time.perf_counter() - started
    per_opd = elapsed / args.opd
    print(f"{args.opd} OPD diimpor ke {PEMDA} dalam {elapsed:.1f} s ({per_opd:.2f} s/OPD)")


if __name__ == "__main__":
    main()
