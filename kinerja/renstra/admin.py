"""Admin for Renstra, tujuan, sasaran, items, indikator (with targets and realisasi) and pagu."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kinerja.renstra.models import (
    Indikator,
    Pagu,
    RealisasiTahunan,
    Renstra,
    RenstraItem,
    Sasaran,
    Target,
    Tujuan,
)


class TujuanInline(admin.StackedInline):
    model = Tujuan
    extra = 0
    show_change_link = True


@admin.register(Renstra)
class RenstraAdmin(admin.ModelAdmin):
    list_display = ["perangkat_daerah", "first_year", "last_year", "edition"]
    list_filter = ["perangkat_daerah__pemda", "first_year"]
    list_select_related = ["perangkat_daerah", "edition"]
    search_fields = ["perangkat_daerah__name", "perangkat_daerah__short_name"]
    autocomplete_fields = ["perangkat_daerah", "edition"]
    inlines = [TujuanInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Replaced only by an import, which archives it (docs/security.md §4).
        return False


class SasaranInline(admin.StackedInline):
    model = Sasaran
    extra = 0
    show_change_link = True


@admin.register(Tujuan)
class TujuanAdmin(admin.ModelAdmin):
    list_display = ["name", "renstra", "order"]
    list_filter = ["renstra__perangkat_daerah"]
    list_select_related = ["renstra__perangkat_daerah"]
    search_fields = ["name"]
    autocomplete_fields = ["renstra"]
    inlines = [SasaranInline]


@admin.register(Sasaran)
class SasaranAdmin(admin.ModelAdmin):
    list_display = ["name", "tujuan", "order"]
    list_filter = ["tujuan__renstra__perangkat_daerah"]
    list_select_related = ["tujuan"]
    search_fields = ["name", "tujuan__name"]
    autocomplete_fields = ["tujuan"]


class PaguInline(admin.TabularInline):
    model = Pagu
    extra = 0


@admin.register(RenstraItem)
class RenstraItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "renstra", "order"]
    list_filter = ["level", "renstra__perangkat_daerah"]
    list_select_related = ["renstra__perangkat_daerah"]
    search_fields = ["code", "name"]
    autocomplete_fields = [
        "renstra",
        "parent",
        "nomenclature_program",
        "nomenclature_kegiatan",
        "nomenclature_sub_kegiatan",
    ]
    inlines = [PaguInline]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class RealisasiTahunanInline(admin.TabularInline):
    model = RealisasiTahunan
    extra = 0


@admin.register(Indikator)
class IndikatorAdmin(admin.ModelAdmin):
    list_display = ["name", "satuan", "jenis", "polaritas", "sifat", "renstra"]
    list_filter = ["jenis", "polaritas", "sifat", "renstra__perangkat_daerah"]
    list_select_related = ["renstra__perangkat_daerah"]
    search_fields = ["name", "key", "satuan"]
    autocomplete_fields = ["renstra", "tujuan", "sasaran", "item"]
    inlines = [TargetInline, RealisasiTahunanInline]


@admin.register(Pagu)
class PaguAdmin(admin.ModelAdmin):
    list_display = ["item", "year", "amount"]
    list_filter = ["year", "item__renstra__perangkat_daerah"]
    list_select_related = ["item"]
    search_fields = ["item__code", "item__name"]
    autocomplete_fields = ["item"]
