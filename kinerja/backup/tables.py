"""Which tables a backup holds, in an order a restore can insert them, and their rows
streamed parents first.

Every model of every installed app is kept, found through the app registry (so a model
added tomorrow is backed up without a change here), except the rows `migrate` recreates
(content types and permissions, referred to by natural key because their ids differ
between databases) and rows not worth keeping (sessions: everyone signs in again;
django-axes' login attempts).
"""

from collections.abc import Generator, Iterable
from graphlib import TopologicalSorter
from typing import cast

from django.apps import apps
from django.db import models

RECREATED = frozenset({"contenttypes.contenttype", "auth.permission"})
NOT_KEPT = frozenset({"sessions.session"})
NOT_KEPT_APPS = frozenset({"axes"})
CHUNK = 2_000
# Plan trees are three levels deep (program, kegiatan, sub kegiatan); a deeper chain
# means a cycle, which the tree triggers make impossible.
MAX_TREE_DEPTH = 50

Model = type[models.Model]


def backed_up_models() -> list[Model]:
    """Every kept model with a table, the many-to-many link tables included, each after
    the models it refers to (the order a restore inserts them in)."""
    chosen = {
        model._meta.label_lower: model
        for model in apps.get_models(include_auto_created=True)
        if _kept(model)
    }
    graph: TopologicalSorter[str] = TopologicalSorter()
    for label in sorted(chosen):
        graph.add(label, *sorted((_referenced(chosen[label]) & chosen.keys()) - {label}))
    return [chosen[label] for label in graph.static_order()]


def _kept(model: Model) -> bool:
    meta = model._meta
    return (
        meta.managed
        and not meta.proxy
        and meta.label_lower not in RECREATED | NOT_KEPT
        and meta.app_label not in NOT_KEPT_APPS
    )


def _referenced(model: Model) -> set[str]:
    return {related(field)._meta.label_lower for field in foreign_keys(model)}


def related(field: models.ForeignKey) -> Model:
    """The model a foreign key points to (resolved: never the string "self")."""
    return cast(Model, field.related_model)


def foreign_keys(model: Model) -> list[models.ForeignKey]:
    """The model's own foreign keys (one-to-one included)."""
    return [
        field for field in model._meta.local_concrete_fields if isinstance(field, models.ForeignKey)
    ]


def serialized_fields(model: Model) -> frozenset[str]:
    """The field names a row of `model` carries in data.jsonl (the pk is apart)."""
    fields = model._meta.local_fields
    return frozenset(field.name for field in fields if getattr(field, "serialize", True))


def tree_parent(model: Model) -> models.ForeignKey | None:
    """The foreign key of `model` to itself (RenjaItem.parent), if it has one."""
    own = [field for field in foreign_keys(model) if related(field) is model]
    if len(own) > 1:
        raise NotImplementedError(f"{model._meta.label}: more than one foreign key to itself")
    return own[0] if own else None


def rows(model: Model) -> Generator[models.Model, None, None]:
    """Every row of `model` by id, in chunks; a tree's rows level by level, so that a
    restore inserts each parent before its children (the tree triggers demand it)."""
    queryset = model._base_manager.order_by("pk")
    natural = list(_natural_key_paths(model))
    if natural:
        queryset = queryset.select_related(*natural)
    parent = tree_parent(model)
    if parent is None:
        yield from queryset.iterator(chunk_size=CHUNK)
        return
    remaining = queryset.count()
    for level in range(MAX_TREE_DEPTH):
        chain = "__".join([parent.name] * (level + 1))
        at_level = queryset.filter(**{f"{chain}__isnull": True})
        if level:
            at_level = at_level.filter(**{f"{chain.rsplit('__', 1)[0]}__isnull": False})
        for row in at_level.iterator(chunk_size=CHUNK):
            remaining -= 1
            yield row
        if remaining <= 0:
            return
    raise RuntimeError(f"{model._meta.label}: a tree deeper than {MAX_TREE_DEPTH} levels")


def _natural_key_paths(model: Model) -> Iterable[str]:
    """select_related paths to the recreated rows a row names by natural key (a
    permission's natural key includes its content type's)."""
    for field in foreign_keys(model):
        if related(field)._meta.label_lower in RECREATED:
            yield field.name
            for inner in foreign_keys(related(field)):
                if related(inner)._meta.label_lower in RECREATED:
                    yield f"{field.name}__{inner.name}"
