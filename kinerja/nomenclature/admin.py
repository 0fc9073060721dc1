"""Admin for nomenclature editions and their five levels of codes."""

from django.contrib import admin

from kinerja.nomenclature.models import (
    BidangUrusan,
    Edition,
    Kegiatan,
    Program,
    SubKegiatan,
    Urusan,
)


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "sub_kegiatan_digits"]
    search_fields = ["code", "name"]


class EntryAdmin(admin.ModelAdmin):
    """Shared by every level: code and name, filtered by edition, searched by both."""

    list_display = ["code", "name", "edition"]
    list_filter = ["edition"]
    list_select_related = ["edition"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["edition"]


@admin.register(Urusan)
class UrusanAdmin(EntryAdmin):
    """The top level: nothing beyond the shared fields."""


@admin.register(BidangUrusan)
class BidangUrusanAdmin(EntryAdmin):
    autocomplete_fields = ["edition", "urusan"]


@admin.register(Program)
class ProgramAdmin(EntryAdmin):
    autocomplete_fields = ["edition", "bidang_urusan"]


@admin.register(Kegiatan)
class KegiatanAdmin(EntryAdmin):
    autocomplete_fields = ["edition", "program"]


@admin.register(SubKegiatan)
class SubKegiatanAdmin(EntryAdmin):
    list_display = ["code", "name", "satuan", "edition"]
    autocomplete_fields = ["edition", "kegiatan"]
