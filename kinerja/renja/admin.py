"""Admin for Renja, its items (program, kegiatan, sub kegiatan), indikator and narasi."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kinerja.renja.actions import NARASI_EDITABLE, save_narasi
from kinerja.renja.models import NARASI_FIELDS, Indikator, Renja, RenjaItem, RenjaNarasi


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
    fields = [
        "name",
        "satuan",
        "jenis",
        "polaritas",
        "sifat",
        "decimals",
        "allows_negative",
        "target",
        "target_n1",
    ]
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


@admin.register(RenjaNarasi)
class RenjaNarasiAdmin(admin.ModelAdmin):
    list_display = ["renja", "tempat", "tanggal", "version", "updated_at"]
    list_filter = ["renja__year", "renja__perangkat_daerah"]
    list_select_related = ["renja__perangkat_daerah"]
    search_fields = ["renja__perangkat_daerah__name", "renja__perangkat_daerah__short_name"]
    autocomplete_fields = ["renja"]
    readonly_fields = ["version", "updated_at"]
    fieldsets = [
        (None, {"fields": ["renja", "version", "updated_at"]}),
        ("BAB I–V", {"fields": list(NARASI_FIELDS)}),
        ("Penandatanganan", {"fields": ["tempat", "tanggal", "cetak_hari"]}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A narasi belongs to its Renja for good.
        return [*self.readonly_fields, *(["renja"] if obj else [])]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Through the action, so an admin edit bumps the version and is audited too.
        saved = save_narasi(
            form.cleaned_data.get("renja") or obj.renja,
            acting_user=request.user,
            expected_version=None,
            **{name: form.cleaned_data[name] for name in NARASI_EDITABLE},
        )
        obj.pk, obj.version, obj.updated_at = saved.pk, saved.version, saved.updated_at
