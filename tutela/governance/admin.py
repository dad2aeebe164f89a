"""Administration of accounts, teams, roles and controllers (the administrator role).

A controller's administrator manages their own controller's users (invite, disable, reset two-factor),
teams, the roles users hold and the roles that must sign in with two factors; nothing of another
controller (governance.admin_scope). Role definitions are shared by every controller, so their
permissions are changed only by a superuser, in a migration's stead; administrators view and assign them.
"""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html

from tutela.accounts.models import Controller, Role, Team, User
from tutela.governance.admin_scope import AuditedAdmin, ControllerScopedAdmin, request_actor
from tutela.governance.administration import user_disable, user_invite, user_two_factor_reset

_TUTELA_FIELDS = ("controller", "school", "roles", "teams")

admin.site.site_header = "Tutela administration"
admin.site.site_title = "Tutela administration"
admin.site.index_title = "Your controller's users, teams, settings and calendars"


class InviteForm(forms.ModelForm):  # type: ignore[type-arg]
    """A new account has no password: its holder chooses one from the one-time link."""

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email")


def _show_link(request: HttpRequest, user: User) -> None:
    link = request.build_absolute_uri(user_invite(actor=request_actor(request), user=user))
    messages.success(
        request,
        format_html(
            "Give {} this one-time link to choose their password (it works once, until {} days pass): "
            '<a href="{}">{}</a>',
            user.get_username(),
            settings.PASSWORD_RESET_TIMEOUT // 86400,
            link,
            link,
        ),
    )


@admin.register(User)
class TutelaUserAdmin(ControllerScopedAdmin, UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "first_name", "last_name", "controller", "is_active")
    list_filter = ("controller", "roles", "teams", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        ("Tutela", {"fields": _TUTELA_FIELDS}),
    )
    add_form = InviteForm
    add_fieldsets = (
        (None, {"fields": ("username", "first_name", "last_name", "email")}),
        ("Tutela", {"fields": _TUTELA_FIELDS}),
    )
    filter_horizontal = ("roles", "teams", "groups", "user_permissions")
    actions = ("invite", "disable", "reset_two_factor")

    def scope(self, queryset: QuerySet[Any], controller: Controller) -> QuerySet[Any]:
        # An administrator never sees a superuser's account, so cannot take it over.
        return queryset.filter(controller=controller, is_superuser=False)

    def get_list_filter(self, request: HttpRequest) -> Any:
        if request_actor(request).is_superuser:
            return self.list_filter
        # Filters list only what the administrator's own users hold, not every controller's teams.
        return ("is_active", ("roles", admin.RelatedOnlyFieldListFilter), ("teams", admin.RelatedOnlyFieldListFilter))

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if request_actor(request).is_superuser:
            return fieldsets
        # Administrators grant access through roles and teams only: no superuser status, groups
        # or one-off permissions, and the controller is always their own.
        own = [field for field in _TUTELA_FIELDS if field != "controller"]
        if obj is None:
            return ((None, {"fields": ("username", "first_name", "last_name", "email")}), ("Tutela", {"fields": own}))
        return (
            (None, {"fields": ("username", "password")}),
            ("Personal info", {"fields": ("first_name", "last_name", "email")}),
            ("Access", {"fields": ("is_active", "is_staff")}),
            ("Tutela", {"fields": own}),
            ("Important dates", {"fields": ("last_login", "date_joined")}),
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if request_actor(request).is_superuser:
            return super().get_readonly_fields(request, obj)
        return ("last_login", "date_joined")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)

    def response_add(self, request: HttpRequest, obj: Any, post_url_continue: str | None = None) -> HttpResponse:
        _show_link(request, obj)
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description="Invite: make a one-time set-password link", permissions=("change",))
    def invite(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            _show_link(request, user)

    @admin.action(description="Disable: switch the accounts off", permissions=("change",))
    def disable(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            user_disable(actor=request_actor(request), user=user)
        messages.success(request, f"Switched off {queryset.count()} account(s)")

    @admin.action(description="Reset two-factor: remove their authenticator app", permissions=("change",))
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            user_two_factor_reset(actor=request_actor(request), user=user)
        messages.success(request, "They will set up an authenticator app at their next sign-in")


@admin.register(Controller)
class ControllerAdmin(ControllerScopedAdmin):
    list_display = ("name", "slug", "kind")
    filter_horizontal = ("two_factor_roles",)

    def scope(self, queryset: QuerySet[Any], controller: Controller) -> QuerySet[Any]:
        return queryset.filter(pk=controller.pk)

    def controller_of(self, obj: Any) -> Controller | None:
        return obj if isinstance(obj, Controller) else None

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # A controller's identity is set up once by a superuser; its administrator keeps its
        # two-factor roles (the "Two-factor roles" setting).
        if request_actor(request).is_superuser:
            return ()
        return ("name", "slug", "kind", "la_code")


class TeamForm(forms.ModelForm):  # type: ignore[type-arg]
    # Set per request by TeamAdmin.get_form where the controller is not on the form (an
    # administrator's own), so a slug already used in it is an error on the form, not a crash.
    controller: Controller | None = None

    class Meta:
        model = Team
        fields = ("controller", "slug", "name", "service")

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        taken = Team.objects.filter(controller=self.controller, slug=slug).exclude(pk=self.instance.pk)
        if self.controller is not None and taken.exists():
            raise forms.ValidationError("Your controller already has a team with this slug")
        return slug


@admin.register(Team)
class TeamAdmin(ControllerScopedAdmin):
    list_display = ("name", "controller", "service")
    form = TeamForm

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form: Any = super().get_form(request, obj, change, **kwargs)
        actor = request_actor(request)
        if not actor.is_superuser:
            form.controller = actor.controller
        return form

    def get_list_filter(self, request: HttpRequest) -> Any:
        return ("controller",) if request_actor(request).is_superuser else ()

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if request_actor(request).is_superuser else ("controller",)


@admin.register(Role)
class RoleAdmin(AuditedAdmin):
    """Roles are shared by every controller: administrators view them (to assign them on a user);
    only a superuser changes what a role permits (Role permissions are granted by migration)."""

    list_display = ("name", "code", "service_wide_reach")
    filter_horizontal = ("permissions",)
