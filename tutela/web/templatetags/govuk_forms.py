"""Template tags for the GOV.UK error pattern: one error summary for every form on a page, and
the page title's "Error: " prefix (GOV.UK Design System, "Validation" and "Error summary")."""

from dataclasses import dataclass

from django import forms, template
from django.forms import BoundField

from tutela.lib.forms import SummaryError, date_error_boxes, form_error_summary

register = template.Library()


def _forms_with_errors(context: template.Context) -> list[forms.BaseForm]:
    found: dict[int, forms.BaseForm] = {}
    for value in context.flatten().values():
        if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
            found.setdefault(id(value), value)
    return list(found.values())


@register.simple_tag(takes_context=True)
def page_error_summary(context: template.Context) -> list[SummaryError]:
    """The errors of every form on the page that has any, for the summary at the top."""
    lines: list[SummaryError] = []
    for form in _forms_with_errors(context):
        lines.extend(form_error_summary(form))
    return lines


@register.simple_tag(takes_context=True)
def error_title_prefix(context: template.Context) -> str:
    """ "Error: " when a form on the page has errors, so a screen reader hears it first."""
    return "Error: " if _forms_with_errors(context) else ""


@dataclass(frozen=True)
class DateBox:
    index: int
    unit: str
    width: int
    value: str
    error: bool


@register.filter
def date_boxes(field: BoundField) -> list[DateBox]:
    """The day, month and year boxes of a GOV.UK date input, each marked if an error is about it."""
    value = field.value()
    parts = list(value) if isinstance(value, list | tuple) else []
    parts = [*parts, None, None, None][:3]
    marked = {box for error in field.form.errors.as_data().get(field.name, []) for box in date_error_boxes(error)}
    return [
        DateBox(index, unit, width, "" if parts[index] is None else str(parts[index]), index in marked)
        for index, (unit, width) in enumerate((("Day", 2), ("Month", 2), ("Year", 4)))
    ]
