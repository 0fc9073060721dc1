"""Read-only admin for the audit trail: rows can be seen, never added, changed or deleted."""

from django.contrib import admin

from kinerja.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["event_time", "event_type", "object_type", "object_label", "acting_user"]
    list_filter = ["event_type", "object_type"]
    search_fields = ["object_label", "reason"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
