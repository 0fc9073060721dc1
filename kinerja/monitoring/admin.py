"""Admin for quarterly realisasi (kinerja, anggaran), triwulan reports and their evidence."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kinerja.monitoring.models import Bukti, LaporanTriwulan, RealisasiAnggaran, RealisasiKinerja


@admin.register(RealisasiKinerja)
class RealisasiKinerjaAdmin(admin.ModelAdmin):
    list_display = ["indikator", "triwulan", "value"]
    list_filter = ["triwulan", "indikator__item__renja__year"]
    list_select_related = ["indikator"]
    search_fields = ["indikator__name"]
    autocomplete_fields = ["indikator"]


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(admin.ModelAdmin):
    list_display = ["item", "triwulan", "amount"]
    list_filter = ["triwulan", "item__renja__year"]
    list_select_related = ["item"]
    search_fields = ["item__code", "item__name"]
    autocomplete_fields = ["item"]


class ReadOnly:
    """Evidence files change only through the report's pages (`monitoring.actions`): they
    check the report is editable, audit the change and remove a file only after commit. An
    admin edit would skip all three and could leave a file on disk that no row names."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class BuktiInline(ReadOnly, admin.TabularInline):
    model = Bukti
    extra = 0
    fields = ["file", "description", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_at"]
    raw_id_fields = ["uploaded_by"]


@admin.register(LaporanTriwulan)
class LaporanTriwulanAdmin(admin.ModelAdmin):
    list_display = ["renja", "triwulan", "is_example"]
    list_filter = ["triwulan", "is_example", "renja__year"]
    list_select_related = ["renja__perangkat_daerah"]
    search_fields = ["renja__perangkat_daerah__name", "renja__perangkat_daerah__short_name"]
    autocomplete_fields = ["renja"]
    inlines = [BuktiInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Its evidence files would stay on disk; a report goes with its Renja's replace.
        return False


@admin.register(Bukti)
class BuktiAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["laporan", "description", "uploaded_at", "uploaded_by"]
    list_filter = ["laporan__triwulan"]
    list_select_related = ["laporan__renja__perangkat_daerah", "uploaded_by"]
    search_fields = ["description"]
    autocomplete_fields = ["laporan"]
    raw_id_fields = ["uploaded_by"]
    readonly_fields = ["uploaded_at"]
