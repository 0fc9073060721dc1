"""Read and write plan files as YAML with exact decimals (never floats).

`load(text)` turns every YAML number with a decimal point into `Decimal` from its own text,
so `10.3` stays `Decimal("10.3")`, and keeps a date (`2023-09-01`) as its ISO text, as JSON
would; `dump(data)` writes `Decimal` back as a plain number and multi-line text as a
literal block. Before anything is built, `load` walks the parser's events and refuses a
file beyond `MAX_YAML_NODES` (counted with every alias expanded), `MAX_YAML_ALIASES` or
`MAX_YAML_DEPTH` (`kinerja.lib.limits`): a few hundred bytes of nested aliases would
otherwise expand to billions of nodes in whatever walks the data next.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from kinerja.lib.limits import (
    MAX_YAML_ALIASES,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    OverLimit,
    UnreadableFile,
    number,
)


class PlanLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML loader (libyaml's when present) whose floats are `Decimal`."""


def _construct_decimal(loader: PlanLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise yaml.constructor.ConstructorError(
            None, None, f"bukan angka yang sah: {text!r}", node.start_mark
        ) from error
    if not value.is_finite():
        raise yaml.constructor.ConstructorError(
            None, None, f"angka harus terhingga: {text!r}", node.start_mark
        )
    return value


PlanLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _construct_date_text(loader: PlanLoader, node: yaml.ScalarNode) -> str:
    # The plan file has no date type: `tanggal: 2023-09-01` is the text "2023-09-01",
    # whether quoted or not, so YAML and JSON files read the same.
    return str(loader.construct_scalar(node))


PlanLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date_text)


class PlanDumper(yaml.SafeDumper):
    """Safe YAML dumper writing `Decimal` as a plain number, keys in insertion order."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value.normalize(), "f")
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


PlanDumper.add_representer(Decimal, _represent_decimal)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Prose (a Renja's narasi) stays readable as a `|` block; PyYAML falls back to quoting
    # when a block cannot hold the text exactly (e.g. trailing spaces).
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


PlanDumper.add_representer(str, _represent_text)


def load(text: str, source: str = "") -> Any:
    """Parse YAML (or JSON, a subset of it) into plain data with `Decimal` numbers, within
    the limits (`OverLimit` naming `source`)."""
    check_events(text, source)
    return yaml.load(text, Loader=PlanLoader)  # noqa: S506 - PlanLoader is a SafeLoader


_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def check_events(text: str, source: str) -> None:
    """Count nodes (aliases expanded), aliases and depth from the event stream."""
    sizes: dict[str, int] = {}  # anchor → nodes of its value, aliases in it expanded
    open_nodes: list[tuple[str | None, int]] = []  # (anchor, nodes before it started)
    nodes = aliases = 0
    for event in yaml.parse(text, Loader=PlanLoader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                _refuse(f"lebih dari {number(MAX_YAML_ALIASES)} alias (*)", "ALIASES", source)
            if any(anchor == event.anchor for anchor, _ in open_nodes):
                raise UnreadableFile(
                    f"alias *{event.anchor} merujuk ke dalam dirinya sendiri (data tak hingga)",
                    source=source,
                )
            nodes += sizes.get(event.anchor or "", 1)
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, _STARTS):
            open_nodes.append((event.anchor, nodes))
            nodes += 1
            if len(open_nodes) > MAX_YAML_DEPTH:
                _refuse(f"bersarang lebih dari {MAX_YAML_DEPTH} tingkat", "DEPTH", source)
        elif isinstance(event, _ENDS):
            anchor, before = open_nodes.pop()
            if anchor:
                sizes[anchor] = nodes - before
        if nodes > MAX_YAML_NODES:
            _refuse(
                f"lebih dari {number(MAX_YAML_NODES)} nilai (alias dihitung terurai)",
                "NODES",
                source,
            )


def _refuse(what: str, limit: str, source: str) -> None:
    raise OverLimit(
        f"berkas rencana berisi {what}, melebihi batas; tulis ulang tanpa alias YAML atau "
        "pecah berkasnya",
        limit=f"MAX_YAML_{limit}",
        source=source,
    )


def dump(data: Any) -> str:
    """Write plain data as YAML, keeping key order and non-ASCII text as it is."""
    return yaml.dump(
        data, Dumper=PlanDumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
