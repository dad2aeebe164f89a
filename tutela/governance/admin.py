"""Administration of accounts, teams, roles and controllers (the administrator role)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from tutela.governance.models import Controller, Role, Team, User


@admin.register(User)
class TutelaUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "first_name", "last_name", "controller", "is_active")
    list_filter = ("controller", "roles", "teams", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        ("Tutela", {"fields": ("controller", "school", "roles", "teams")}),
    )
    filter_horizontal = ("roles", "teams", "groups", "user_permissions")


@admin.register(Controller)
class ControllerAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "slug", "kind")
    filter_horizontal = ("two_factor_roles",)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "controller", "service")
    list_filter = ("controller",)


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "code", "service_wide_reach")
    filter_horizontal = ("permissions",)
