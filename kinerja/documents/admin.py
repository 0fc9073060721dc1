"""Admin of the documents app: the pemda's Word templates and the batch exports (read-only)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kinerja.documents.models import BatchExport, WordTemplate


@admin.register(WordTemplate)
class WordTemplateAdmin(admin.ModelAdmin):
    # Uploads go through the template page (checked and audited); the admin only shows them.
    list_display = ["pemda", "filename", "uploaded_by", "uploaded_at"]
    exclude = ["data"]
    readonly_fields = ["pemda", "filename", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(BatchExport)
class BatchExportAdmin(admin.ModelAdmin):
    list_display = ["pemda", "year", "what", "fmt", "status", "done", "total", "created_at"]
    list_filter = ["status", "what", "fmt"]
    exclude = ["data"]
    readonly_fields = [
        "pemda", "year", "what", "fmt", "status", "total", "done", "current", "error",
        "requested_by", "created_at", "updated_at",
    ]  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> Any:
        # The ZIP stays in the database: the list never loads it.
        return super().get_queryset(request).defer("data")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
