"""The record form offers only the purposes of the case's service and, for the purpose chosen, only the
information it may hold, in the register's words; it works in two steps without scripts, and the
server refuses a choice the form did not offer."""

import re

from django.utils import timezone

from tutela.records.models import Record
from tutela.register.api import register


def _url(casework, purpose=""):
    return f"/cases/{casework.case.pk}/records/new/" + (f"?purpose={purpose}" if purpose else "")


def _values(page: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}" type="(?:radio|checkbox)" value="([^"]+)"', page)


def test_step_one_offers_the_services_live_purposes_for_a_child_by_title(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    page = client.get(_url(casework)).content.decode()
    service = register().service("wigan", "engagement-centres")
    expected = [p.key for p in service.purposes if not p.retired and "child" in p.data_subjects]
    assert _values(page, "purpose") == expected
    for purpose in service.purposes:
        assert f">{purpose.title}</label>" in page.replace("&#x27;", "'")
        assert purpose.description not in page  # the notice's sentence ("To administer the service we ...")
    assert "Photos and video for training" not in page  # another service's purpose (TESS)
    assert "School attendance enforcement" not in page  # another controller's


def test_choosing_a_purpose_leads_to_step_two_with_it_in_the_address(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    response = client.post(_url(casework), {"purpose": "care-while-attending"})
    assert response.status_code == 302
    assert response["Location"] == _url(casework, "care-while-attending")


def test_another_services_purpose_is_not_accepted_at_step_one(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    response = client.post(_url(casework), {"purpose": "media-training"})
    assert response.status_code == 200
    assert "Choose why you are recording this" in response.content.decode()


def test_step_two_offers_only_what_the_purpose_may_hold_by_its_label(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    page = client.get(_url(casework, "care-while-attending")).content.decode()
    purpose = register().purpose("wigan", "engagement-centres", "care-while-attending")
    assert _values(page, "categories") == list(purpose.categories)
    for category in register().categories(list(purpose.categories)):
        assert category.label in page.replace("&#x27;", "'")
    assert "Care while at the centre (medical and SEN)" in page  # the purpose chosen, with a link to change it


def test_an_unknown_or_foreign_purpose_in_the_address_goes_back_to_step_one(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    for purpose in ("media-training", "contactpoint", "no-such-purpose"):
        page = client.get(_url(casework, purpose)).content.decode()
        assert _values(page, "categories") == []
        assert "Why are you recording this?" in page


def test_a_category_the_form_did_not_offer_is_refused_by_the_server(client, world, casework, sign_in):
    sign_in(world.users["assigned_caseworker"])
    today = timezone.localdate()
    response = client.post(
        _url(casework, "data-analytics"),
        {
            "categories": ["child.special.health"],
            "kind": "file_note",
            "title": "Asthma",
            "occurred_on_0": today.day,
            "occurred_on_1": today.month,
            "occurred_on_2": today.year,
            "source": "parent",
        },
    )
    assert response.status_code == 200
    assert "Choose at least one kind of information the record contains" in response.content.decode()
    assert not Record.objects.filter(title="Asthma").exists()
