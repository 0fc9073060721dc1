"""Admin views of the archive of replaced plans and of the findings kept from imported
files: read only (restoring is the admin pemda's page; deleting an archive would lose what
it keeps and leave its folder on disk)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kinerja.imports.models import ImportFinding, ReplacedPlan


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReplacedPlan)
class ReplacedPlanAdmin(ReadOnly):
    list_display = ["label", "perangkat_daerah", "replaced_at", "replaced_by", "restored_at"]
    list_filter = ["kind", "pemda"]
    list_select_related = ["perangkat_daerah", "replaced_by"]
    search_fields = ["label", "source", "folder"]


@admin.register(ImportFinding)
class ImportFindingAdmin(ReadOnly):
    list_display = ["source", "severity", "rule", "renja", "renstra", "resolved_at"]
    list_filter = ["severity", "rule"]
    list_select_related = ["renja__perangkat_daerah", "renstra__perangkat_daerah"]
    search_fields = ["source", "message"]
