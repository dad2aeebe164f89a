"""Shapes of the API's requests and responses (validation of form only; the rules live in services)."""

from typing import Any

from rest_framework import serializers

from tutela.lib.forms import date_in_range
from tutela.people.models import Person
from tutela.records.models import Record


class PersonSummarySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    upn = serializers.CharField(allow_null=True)


class PersonCreateSerializer(serializers.Serializer[Person]):
    team = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Person.Kind.choices)
    given_name = serializers.CharField(max_length=100)
    family_name = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField(required=False, allow_null=True, validators=[date_in_range])
    gender = serializers.ChoiceField(choices=Person.Gender.choices, default=Person.Gender.UNKNOWN)
    upn = serializers.CharField(required=False, allow_blank=True, default="")
    nhs_number = serializers.CharField(required=False, allow_blank=True, default="")
    address = serializers.CharField(required=False, allow_blank=True, default="")
    confirmed_not_duplicate = serializers.BooleanField(default=False)


class RecordRowSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    occurred_on = serializers.DateField()
    allowed = serializers.BooleanField()
    title = serializers.CharField()
    service = serializers.CharField()
    purpose = serializers.CharField()


class RecordCreateSerializer(serializers.Serializer[Record]):
    case = serializers.IntegerField()
    purpose = serializers.SlugField()
    categories = serializers.ListField(child=serializers.CharField(), allow_empty=False)
    kind = serializers.ChoiceField(choices=Record.Kind.choices)
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(required=False, allow_blank=True, default="")
    occurred_on = serializers.DateField(validators=[date_in_range])
    source = serializers.ChoiceField(choices=Record.Source.choices)  # type: ignore[assignment]  # field named like Field.source


class ConsentCreateSerializer(serializers.Serializer[object]):
    case = serializers.IntegerField(help_text="A case of the service, whose child the consent is about.")
    given_by = serializers.IntegerField(help_text="The person giving consent.")
    purposes = serializers.ListField(
        child=serializers.SlugField(), required=False, default=list, help_text="The register purposes it covers."
    )
    purpose = serializers.SlugField(required=False, default="", help_text="One purpose (instead of purposes).")
    recipients = serializers.ListField(
        child=serializers.SlugField(),
        required=False,
        default=list,
        help_text="The register recipients it may be shared with; none if empty.",
    )
    form_reference = serializers.CharField(max_length=200)
    given_on = serializers.DateField(validators=[date_in_range])

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["purposes"] and not attrs["purpose"]:
            raise serializers.ValidationError({"purposes": "Name the purposes the consent covers"})
        return attrs


class ConsentWithdrawSerializer(serializers.Serializer[object]):
    withdrawn_by = serializers.IntegerField()
    withdrawn_on = serializers.DateField(validators=[date_in_range])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RecordDetailSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    body = serializers.CharField()
    destroyed = serializers.BooleanField()
    occurred_on = serializers.DateField()
    service = serializers.CharField()
    purpose = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())
    retention_due = serializers.DateField(allow_null=True)


class CreatedSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()


class WithdrawnSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField()
    withdrawn_on = serializers.DateField()
