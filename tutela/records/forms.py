"""Forms for people and records, with the error messages the GOV.UK Design System recommends."""

from typing import Any

from django import forms

from tutela.lib.forms import DateField, GovukForm
from tutela.people.models import Person
from tutela.records.models import Record


class PersonForm(GovukForm):
    kind = forms.ChoiceField(
        label="Who is this person?",
        choices=Person.Kind.choices,
        error_messages={"required": "Choose who this person is"},
    )
    given_name = forms.CharField(label="First name", max_length=100, error_messages={"required": "Enter a first name"})
    family_name = forms.CharField(label="Last name", max_length=100, error_messages={"required": "Enter a last name"})
    date_of_birth = DateField(label="Date of birth", required=False, help_text="For example, 27 3 2012")
    gender = forms.ChoiceField(choices=Person.Gender.choices, initial=Person.Gender.UNKNOWN)
    upn = forms.CharField(
        label="Unique pupil number (UPN)",
        required=False,
        max_length=20,
        help_text="13 characters, starting with a letter",
    )
    nhs_number = forms.CharField(label="NHS number", required=False, max_length=20, help_text="10 digits")
    address = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    phone = forms.CharField(label="Telephone", required=False, max_length=30)
    email = forms.EmailField(required=False, error_messages={"invalid": "Enter an email address like name@example.com"})
    team = forms.ChoiceField(label="Team adding this person", error_messages={"required": "Choose your team"})
    confirmed_not_duplicate = forms.BooleanField(
        label="I have checked: this is not one of the people listed", required=False
    )

    def __init__(self, *args: Any, teams: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team: Any = self.fields["team"]
        team.choices = teams


class RecordPurposeForm(GovukForm):
    """The first question of adding a record: why. Only the service's own purposes are offered."""

    purpose = forms.ChoiceField(
        label="Why are you recording this?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why you are recording this"},
    )

    def __init__(self, *args: Any, purposes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        purpose: Any = self.fields["purpose"]
        purpose.choices = purposes


class RecordForm(GovukForm):
    """The record itself, for a purpose already chosen: only the information that purpose may hold."""

    categories = forms.MultipleChoiceField(
        label="What information does it contain?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Only the information this purpose may hold is listed.",
        error_messages={"required": "Choose at least one kind of information the record contains"},
    )
    kind = forms.ChoiceField(label="Type of record", choices=Record.Kind.choices)
    title = forms.CharField(max_length=200, error_messages={"required": "Enter a title"})
    body = forms.CharField(label="Details", widget=forms.Textarea(attrs={"rows": 6}), required=False)
    occurred_on = DateField(label="Date", error_messages={"required": "Enter the date"})
    source = forms.ChoiceField(
        label="Where did this information come from?",
        choices=Record.Source.choices,
        error_messages={"required": "Select where the information came from"},
    )
    upload = forms.FileField(label="Attach a file", required=False)

    def __init__(self, *args: Any, categories: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        held: Any = self.fields["categories"]
        held.choices = categories


class BreakGlassForm(GovukForm):
    purpose = forms.ChoiceField(
        label="What do you need the records for?",
        error_messages={"required": "Choose the purpose you need the records for"},
    )
    reason = forms.CharField(
        label="Why do you need to see this person's records now?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Explain why you need access now"},
    )
    minutes = forms.TypedChoiceField(
        label="For how long?",
        coerce=int,
        choices=[(15, "15 minutes"), (60, "1 hour"), (240, "4 hours")],
        initial=60,
        error_messages={"required": "Select how long you need access for"},
    )

    def __init__(self, *args: Any, purposes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        purpose: Any = self.fields["purpose"]
        purpose.choices = [("", "Choose a purpose"), *purposes]
        purpose.error_messages["invalid_choice"] = "Choose the purpose you need the records for"


class BreakGlassReviewForm(GovukForm):
    decision = forms.ChoiceField(
        label="Was the emergency access appropriate?",
        choices=[
            ("", "Choose an outcome"),
            ("appropriate", "Appropriate"),
            ("not_appropriate", "Not appropriate, with the action taken"),
        ],
        error_messages={"required": "Choose whether the access was appropriate"},
    )
    action_taken = forms.CharField(
        label="Action taken (if not appropriate)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: spoke to the officer's manager; reported as a data breach",
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(GovukForm):
    outcome = forms.CharField(
        label="Outcome of your review",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Record the outcome of the review"},
    )
