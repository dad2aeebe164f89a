"""School calendars and term dates, kept by each controller's administrators in the admin pages."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from tutela.accounts.models import Controller
from tutela.attendance.models import CalendarPeriod, SchoolCalendar
from tutela.governance.admin_scope import ControllerScopedAdmin, request_actor
from tutela.governance.administration import controller_schools


class PeriodInline(admin.TabularInline):  # type: ignore[type-arg]
    model = CalendarPeriod
    extra = 3


class CalendarForm(forms.ModelForm):  # type: ignore[type-arg]
    # Set per request by SchoolCalendarAdmin.get_form: the LA codes the administrator may use, or
    # None for a superuser.
    allowed_la_codes: tuple[str, ...] | None = None

    class Meta:
        model = SchoolCalendar
        fields = ("school", "la_code", "academic_year")

    def clean_la_code(self) -> str:
        la_code: str = self.cleaned_data["la_code"]
        if la_code and self.allowed_la_codes is not None and la_code not in self.allowed_la_codes:
            raise forms.ValidationError("Enter your own local authority's LA code, or leave it blank")
        return la_code


@admin.register(SchoolCalendar)
class SchoolCalendarAdmin(ControllerScopedAdmin):
    list_display = ("__str__", "academic_year", "la_code")
    inlines = (PeriodInline,)
    form = CalendarForm

    def scope(self, queryset: QuerySet[Any], controller: Controller) -> QuerySet[Any]:
        # The calendars of the controller's schools, and a local authority's own default calendar.
        own = Q(school__in=controller_schools(controller=controller))
        if controller.kind == Controller.Kind.LOCAL_AUTHORITY and controller.la_code:
            own |= Q(school__isnull=True, la_code=controller.la_code)
        return queryset.filter(own)

    def controller_of(self, obj: Any) -> Controller | None:
        la_code = obj.school.la_code if obj.school_id else obj.la_code
        return Controller.objects.filter(kind=Controller.Kind.LOCAL_AUTHORITY, la_code=la_code).first()

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form: Any = super().get_form(request, obj, change, **kwargs)
        actor = request_actor(request)
        if not actor.is_superuser:
            own = actor.controller
            la = own.la_code if own is not None and own.kind == Controller.Kind.LOCAL_AUTHORITY else ""
            form.allowed_la_codes = (la,) if la else ()
        return form
