"""Admin for Renja, its items (program, kegiatan, sub kegiatan) and their indikator."""

from django.contrib import admin

from kinerja.renja.models import Indikator, Renja, RenjaItem


@admin.register(Renja)
class RenjaAdmin(admin.ModelAdmin):
    list_display = ["perangkat_daerah", "year", "stage", "version", "renstra"]
    list_filter = ["year", "stage", "perangkat_daerah__pemda"]
    list_select_related = ["perangkat_daerah", "renstra__perangkat_daerah"]
    search_fields = ["perangkat_daerah__name", "perangkat_daerah__short_name"]
    autocomplete_fields = ["perangkat_daerah", "renstra", "edition"]


class IndikatorInline(admin.TabularInline):
    model = Indikator
    extra = 0
    fields = ["name", "satuan", "jenis", "polaritas", "sifat", "decimals", "target", "target_n1"]
    show_change_link = True


@admin.register(RenjaItem)
class RenjaItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "pagu", "pagu_n1", "renja"]
    list_filter = ["level", "renja__year", "renja__perangkat_daerah"]
    list_select_related = ["renja__perangkat_daerah"]
    search_fields = ["code", "name"]
    autocomplete_fields = [
        "renja",
        "parent",
        "nomenclature_program",
        "nomenclature_kegiatan",
        "nomenclature_sub_kegiatan",
    ]
    inlines = [IndikatorInline]


@admin.register(Indikator)
class IndikatorAdmin(admin.ModelAdmin):
    list_display = ["name", "satuan", "target", "target_n1", "jenis", "item"]
    list_filter = ["jenis", "polaritas", "sifat", "item__renja__year"]
    list_select_related = ["item"]
    search_fields = ["name", "item__code", "item__name"]
    autocomplete_fields = ["item", "renstra_indikator"]
