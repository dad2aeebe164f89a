"""Calendars are kept by administrators in the admin pages."""

from django.contrib import admin

from tutela.attendance.models import CalendarPeriod, SchoolCalendar


class PeriodInline(admin.TabularInline):  # type: ignore[type-arg]
    model = CalendarPeriod
    extra = 3


@admin.register(SchoolCalendar)
class SchoolCalendarAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("__str__", "academic_year", "la_code")
    inlines = (PeriodInline,)
