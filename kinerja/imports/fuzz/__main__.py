"""The long fuzz run: `python -m kinerja.imports.fuzz --target NAME --inputs N` (see README).

Prints the inputs run, how many were refused as unreadable, each distinct crash with its
count and smallest input (written to --out), and the inputs slower than --slow seconds.
"""

import argparse
import json
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    warnings.simplefilter("ignore")  # openpyxl warns about every odd part it skips
    _django(args)
    from kinerja.imports.fuzz.engine import Campaign
    from kinerja.imports.fuzz.targets import TARGETS

    names = list(TARGETS) if args.target == "all" else args.target.split(",")
    summaries = []
    for name in names:
        campaign = Campaign(TARGETS[name], base_seed=args.seed, slow_seconds=args.slow)
        started = time.monotonic()
        for index in range(args.start, args.start + args.inputs):
            campaign.run(index)
            if args.progress and (index + 1) % args.progress == 0:
                print(f"{name}: {index + 1} inputs, {len(campaign.crashes)} crashes", flush=True)
        summaries.append(_summary(campaign, args, time.monotonic() - started))
        _save(campaign, args.out)
    text = json.dumps(summaries, indent=2, ensure_ascii=False)
    print(text)
    if args.report:
        with Path(args.report).open("a", encoding="utf-8") as report:
            report.write(text + "\n")
    return 1 if any(summary["crashes"] for summary in summaries) else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kinerja.imports.fuzz")
    parser.add_argument("--target", default="all", help="a name, names with commas, or all")
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--start", type=int, default=0, help="first input number (to resume)")
    parser.add_argument("--seed", type=int, default=0, help="base of every input's mutations")
    parser.add_argument("--slow", type=float, default=2.0, help="report inputs slower than this")
    parser.add_argument("--out", type=Path, default=Path("var/fuzz"), help="crash inputs")
    parser.add_argument("--report", help="append the JSON summary to this file")
    parser.add_argument("--progress", type=int, default=0, help="print a line every N inputs")
    return parser


def _django(args: argparse.Namespace) -> None:
    """Django with a database of its own (plan files are checked as if imported)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="kinerja-fuzz-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/fuzz.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _summary(campaign: object, args: argparse.Namespace, seconds: float) -> dict[str, object]:
    return {
        "target": campaign.target.name,  # type: ignore[attr-defined]
        "inputs": campaign.inputs,  # type: ignore[attr-defined]
        "first_input": args.start,
        "seed": args.seed,
        "seconds": round(seconds),
        "unreadable": campaign.unreadable,  # type: ignore[attr-defined]
        "crashes": {
            key: {"count": crash.count, "bytes": len(crash.data)}
            for key, crash in campaign.crashes.items()  # type: ignore[attr-defined]
        },
        "slow": sorted(campaign.slow, reverse=True)[:10],  # type: ignore[attr-defined]
    }


def _save(campaign: object, out: Path) -> None:
    import hashlib

    for crash in campaign.crashes.values():  # type: ignore[attr-defined]
        folder = out / campaign.target.name  # type: ignore[attr-defined]
        folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(crash.data).hexdigest()[:16]
        (folder / f"{name}.bin").write_bytes(crash.data)
        (folder / f"{name}.txt").write_text(crash.key + "\n\n" + crash.trace, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
