"""Admin for users, pemda, perangkat daerah and memberships."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from kinerja.accounts.models import Membership, Pemda, PerangkatDaerah, User


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["pemda", "perangkat_daerah"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]


@admin.register(Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "capital"]
    search_fields = ["name", "code"]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["code", "short_name", "name", "pemda", "kepala_name"]
    list_filter = ["pemda"]
    list_select_related = ["pemda"]
    search_fields = ["code", "short_name", "name"]
    autocomplete_fields = ["pemda"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "pemda", "perangkat_daerah"]
    list_filter = ["role", "pemda"]
    list_select_related = ["user", "pemda", "perangkat_daerah"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "pemda", "perangkat_daerah"]
