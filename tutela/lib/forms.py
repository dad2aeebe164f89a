"""What every form in Tutela shares: GOV.UK error messages and the GOV.UK date input.

The GOV.UK Design System asks for an error message that says what went wrong and how to fix it,
in the words of the question ("Enter the notice reference", "Select the offence"), never Django's
"This field is required.". ``GovukFormMixin`` derives such a message from each field's label for
every message a form has not written itself, and lists the errors with the id of the input each
one belongs to, for the error summary at the top of the page (``web/includes/error_summary.html``).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.forms.utils import pretty_name

# Dates typed into a form are kept to a range any record of children's education can need. It
# keeps the statutory clocks (a year, three years, the retention periods added to a date) far
# from the limits of Python's dates, so no typed date can make their arithmetic overflow.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)

# Labels that already read as a phrase after "Enter" or "Select", so take no "the".
_ARTICLES = (
    *("the ", "a ", "an ", "your ", "their ", "this ", "these "),
    *("who ", "what ", "why ", "how ", "when ", "where ", "which ", "whether ", "if "),
)
_UNITS = ("day", "month", "year")


def date_in_range(value: date) -> None:
    """Refuse a date outside the range any form or API request accepts (a validator)."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise forms.ValidationError(
            f"Enter a date between {EARLIEST_DATE.year} and {LATEST_DATE.year}", code="out_of_range"
        )


@dataclass(frozen=True)
class SummaryError:
    """One line of the error summary: the message and the id of the input it links to."""

    anchor: str
    message: str


def _question(label: str) -> str:
    """The label as words to put after "Enter" or "Select": "Notice reference" -> "the notice reference"."""
    words = label.strip().rstrip("?:").strip()
    first = words.split(" ", 1)[0]
    if not (len(first) > 1 and first[:2].isupper()):  # keep "NHS number", "UPN" as written
        words = words[:1].lower() + words[1:]
    if words.lower().startswith(_ARTICLES) or (" or " in words and len(words.split()) <= 3):  # "payment or refund"
        return words
    return f"the {words}"


def _subject(label: str) -> str:
    """The label as the subject of a sentence: "amount in pounds" -> "Amount in pounds"."""
    words = label.strip().rstrip("?:").strip()
    return words[:1].upper() + words[1:]


def _is_choice(field: forms.Field) -> bool:
    return isinstance(field, (forms.ChoiceField, forms.FileField, forms.BooleanField))


def govuk_messages(field: forms.Field, label: str) -> dict[str, str]:
    """GOV.UK messages for a field, by error code, derived from its label."""
    subject = _subject(label)
    verb = "Select" if _is_choice(field) else "Enter"
    messages = {
        "required": f"{verb} {_question(label)}",
        "max_length": f"{subject} must be %(limit_value)s characters or fewer",
        "min_length": f"{subject} must be %(limit_value)s characters or more",
        "min_value": f"{subject} must be %(limit_value)s or more",
        "max_value": f"{subject} must be %(limit_value)s or less",
        "step_size": f"{subject} must be a multiple of %(limit_value)s",
        "max_digits": f"{subject} must be %(max)s digits or fewer",
        "max_decimal_places": f"{subject} must have no more than %(max)s decimal places",
        "max_whole_digits": f"{subject} must have no more than %(max)s digits before the decimal point",
        "empty": "The selected file is empty",
        "missing": "Select a file",
        "contradiction": "Select a file or tick the box to clear it, not both",
    }
    if isinstance(field, forms.IntegerField):
        messages["invalid"] = f"{subject} must be a whole number"
    elif isinstance(field, (forms.DecimalField, forms.FloatField)):
        messages["invalid"] = f"{subject} must be a number"
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = "Enter an email address in the correct format, like name@example.com"
    elif isinstance(field, forms.FileField):
        messages["invalid"] = "The selected file could not be read"
    else:
        messages["invalid"] = f"Enter {_question(label)} in the correct format"
    return messages


def _django_defaults(field: forms.Field) -> set[str]:
    """Every message Django itself gives this kind of field: the ones a form has not replaced."""
    defaults: set[str] = set()
    for cls in type(field).__mro__:
        defaults.update(str(message) for message in getattr(cls, "default_error_messages", {}).values())
    return defaults


class GovukFormMixin:
    """Mix into any Django form: GOV.UK messages for every field, and the error summary's lines.

    A form overrides a message as Django forms always do, with ``error_messages`` on the field
    (or by setting ``field.error_messages[code]`` in ``__init__``); only Django's own generic
    messages are replaced.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            govuk_form_field(field, name)

    def error_summary(self) -> list[SummaryError]:
        """Every error of the form, in the order of its fields, each linked to its input."""
        form: Any = self
        return form_error_summary(form)


def form_error_summary(form: forms.BaseForm) -> list[SummaryError]:
    """Every error of a form, in the order of its fields, each linked to the input it is about."""
    if not form.errors:
        return []
    first = next(iter(form.fields), None)
    lines = [SummaryError(_anchor(form, first, None), str(message)) for message in form.non_field_errors()]
    errors = form.errors.as_data()
    for name in form.fields:
        for error in errors.get(name, []):
            lines.extend(SummaryError(_anchor(form, name, error), message) for message in error.messages)
    return lines


def _anchor(form: forms.BaseForm, name: str | None, error: forms.ValidationError | None) -> str:
    if name is None:
        return ""
    bound = form[name]
    field = form.fields[name]
    if isinstance(field, DateField):
        return f"{bound.html_name}_{date_error_boxes(error)[0]}"  # the box the error is about (day, month or year)
    if isinstance(field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
        return f"{bound.auto_id}_0"  # the first box, as the GOV.UK error summary asks
    return str(bound.id_for_label or bound.auto_id)


def govuk_form_field(field: forms.Field, name: str) -> None:
    """Give one field GOV.UK messages wherever it still has Django's generic ones."""
    if field.label is None:
        field.label = pretty_name(name)
    label = str(field.label)
    defaults = _django_defaults(field)
    for code, message in govuk_messages(field, label).items():
        current = field.error_messages.get(code)
        if current is None or str(current) in defaults:
            field.error_messages[code] = message
    # A choice not on the list (a changed page, an option withdrawn) asks for the choice again.
    for code in ("invalid_choice", "invalid_list"):
        if str(field.error_messages.get(code)) in defaults:
            field.error_messages[code] = field.error_messages["required"]


class GovukForm(GovukFormMixin, forms.Form):
    """A Django form with GOV.UK error messages; the base of every form in Tutela."""


def _boxes(*indexes: int) -> dict[str, Any]:
    return {"boxes": indexes}


def date_error_boxes(error: forms.ValidationError | None) -> tuple[int, ...]:
    """Which boxes of a date input an error is about (0 day, 1 month, 2 year), first one first."""
    params = error.params if error is not None and isinstance(error.params, dict) else {}
    return tuple(params.get("boxes", (0, 1, 2)))


class DateField(forms.MultiValueField):
    """The GOV.UK date input: day, month and year boxes, checked as one real date in range.

    Its messages follow the GOV.UK date input pattern: "Enter the date of birth", "Date of birth
    must include a month", "Date of birth must be a real date", and a range message naming the
    years allowed. Each error says which boxes it is about (``date_error_boxes``), so the error
    summary links to the first of them and only those boxes are marked.
    """

    widget: Any

    def __init__(self, *, required: bool = True, **kwargs: Any) -> None:
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields=fields, require_all_fields=False, required=required, **kwargs)
        self.widget = forms.MultiWidget(widgets=[forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return value

    def clean(self, value: Any) -> date | None:
        parts = [str(part).strip() if part is not None else "" for part in [*(value or []), "", "", ""][:3]]
        if not any(parts):
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required", params=_boxes(0, 1, 2))
            return None
        subject = _subject(str(self.label or "Date"))
        gaps = [index for index, part in enumerate(parts) if not part]
        if gaps:
            units = " and ".join(_UNITS[index] for index in gaps)
            raise forms.ValidationError(f"{subject} must include a {units}", code="incomplete", params=_boxes(*gaps))
        for index, part in enumerate(parts):
            if not part.isascii() or not part.isdigit():
                raise forms.ValidationError(f"{subject} must be a real date", code="invalid", params=_boxes(index))
        day_text, month_text, year_text = parts
        if len(year_text) != 4 or not EARLIEST_DATE.year <= int(year_text) <= LATEST_DATE.year:
            raise forms.ValidationError(
                f"{subject} must be a date between {EARLIEST_DATE.year} and {LATEST_DATE.year}",
                code="out_of_range",
                params=_boxes(2),
            )
        if len(day_text) > 2 or len(month_text) > 2:
            raise forms.ValidationError(f"{subject} must be a real date", code="invalid", params=_boxes(0, 1))
        day, month, year = int(day_text), int(month_text), int(year_text)
        try:
            cleaned = date(year, month, day)
        except ValueError:
            boxes = _boxes(1) if not 1 <= month <= 12 else _boxes(0, 1, 2)
            raise forms.ValidationError(f"{subject} must be a real date", code="invalid", params=boxes) from None
        self.run_validators(cleaned)
        return cleaned

    def compress(self, data_list: list[Any]) -> date | None:
        """The date of already-checked day, month and year boxes (``clean`` checks them first, with
        a message per box; this is MultiValueField's contract for anyone calling it directly)."""
        if not data_list or not all(data_list):
            return None
        day, month, year = (int(part) for part in data_list)
        return date(year, month, day)
