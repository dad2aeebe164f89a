"""Administration scoped to the administrator's own controller, with every change audited.

A controller's administrator (the administrator role, governance migration 0011) sees, chooses and
saves only their own controller's objects; anything else is a 404, as if it did not exist. A
superuser belongs to no controller and sees all. Every add, change and deletion made here is
written to the audit log (UK GDPR Art 5(2): the controller shows who changed who may see what).
"""

import json
from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, ManyToManyField, Model, QuerySet
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import Http404, HttpRequest

from tutela.accounts.models import Controller, Team
from tutela.accounts.selectors import actor_from_request
from tutela.governance.administration import admin_change_record, controller_schools
from tutela.people.models import School

# The signed-in administrator behind a request (the admin site lets in only signed-in staff).
request_actor = actor_from_request


def _plain(message: object) -> object:
    # The admin's change message is a list of dicts holding lazy strings; keep it as JSON can.
    return json.loads(json.dumps(message, default=str))


# The choices an administrator may pick, by related model: only their own controller's.
CHOICES: dict[type[Model], Callable[[Controller | None], QuerySet[Any]]] = {
    Controller: lambda controller: Controller.objects.filter(pk=controller.pk if controller else 0),
    Team: lambda controller: Team.objects.filter(controller=controller),
    School: lambda controller: controller_schools(controller=controller),
}


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Writes an audit entry for every add, change and deletion, beside Django's own admin log."""

    def controller_of(self, obj: Any) -> Controller | None:
        """The controller whose data the object is (the audit entry falls under its oversight)."""
        controller = getattr(obj, "controller", None)
        return controller if isinstance(controller, Controller) else None

    def _audit(self, request: HttpRequest, action: str, obj: Model, message: object) -> None:
        actor = request_actor(request)
        # What an administrator changes is their own controller's (ControllerScopedAdmin); a
        # superuser's change falls under the controller the object belongs to.
        controller = actor.controller if not actor.is_superuser and actor.controller else self.controller_of(obj)
        admin_change_record(
            actor=actor,
            action=action,
            obj=obj,
            controller=controller,
            detail={"changes": _plain(message)} if message else None,
        )

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        entry = super().log_addition(request, obj, message)
        self._audit(request, "admin_add", obj, message)
        return entry

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        entry = super().log_change(request, obj, message)
        self._audit(request, "admin_change", obj, message)
        return entry

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        objects: list[Model] = list(queryset)  # a queryset keeps what it read; delete_view passes a list
        entries = super().log_deletions(request, queryset)
        for obj in objects:
            self._audit(request, "admin_delete", obj, "")
        return entries


class ControllerScopedAdmin(AuditedAdmin):
    """Lists, opens, offers and saves only the administrator's own controller's objects."""

    def scope(self, queryset: QuerySet[Any], controller: Controller) -> QuerySet[Any]:
        return queryset.filter(controller=controller)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        actor = request_actor(request)
        if actor.is_superuser:
            return queryset
        if actor.controller is None:
            return queryset.none()
        return self.scope(queryset, actor.controller)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        # Another controller's object is not there for this administrator: a 404, not a redirect.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("No such object")
        return obj

    def _limit(
        self, db_field: "ForeignKey[Any, Any] | ManyToManyField[Any, Any]", request: HttpRequest, kwargs: dict[str, Any]
    ) -> None:
        actor = request_actor(request)
        choices = CHOICES.get(db_field.related_model)  # type: ignore[arg-type]
        if choices is not None and not actor.is_superuser:
            kwargs["queryset"] = choices(actor.controller)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        self._limit(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField[Any] | None:
        self._limit(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # The controller is not on an administrator's form: what they add is their controller's.
        actor = request_actor(request)
        if not actor.is_superuser and hasattr(obj, "controller_id") and not isinstance(obj, Controller):
            obj.controller = actor.controller
        super().save_model(request, obj, form, change)
