"""The form for adding a child's parent or carer, with the messages the GOV.UK Design System recommends."""

from django import forms

from tutela.lib.forms import DateField, GovukForm
from tutela.people.relationships import PARENT_OR_CARER_KINDS


class RelativeForm(GovukForm):
    given_name = forms.CharField(label="First name", max_length=100, error_messages={"required": "Enter a first name"})
    family_name = forms.CharField(label="Last name", max_length=100, error_messages={"required": "Enter a last name"})
    date_of_birth = DateField(
        label="Date of birth",
        required=False,
        help_text="If you know it: it helps find them if we already hold them. For example, 27 3 1985",
    )
    kind = forms.ChoiceField(
        label="How are they related to the child?",
        choices=[(kind.value, kind.label) for kind in PARENT_OR_CARER_KINDS],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they are related to the child"},
    )
    parental_responsibility = forms.TypedChoiceField(
        label="Do they have parental responsibility for the child?",
        coerce=lambda value: value == "yes",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        help_text="A birth mother always has it; a father or step-parent may, and a court order can give or limit it.",
        error_messages={"required": "Choose yes if they have parental responsibility"},
    )
    address = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    phone = forms.CharField(label="Telephone", required=False, max_length=30)
    email = forms.EmailField(required=False, error_messages={"invalid": "Enter an email address like name@example.com"})
    confirmed_not_duplicate = forms.BooleanField(
        label="I have checked: this is not one of the people listed", required=False
    )
