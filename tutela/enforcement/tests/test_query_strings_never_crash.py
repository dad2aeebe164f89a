"""A query string no page expects (a superscript digit, a word, a huge number) never makes a server error."""

import pytest
from django.test import Client


@pytest.mark.parametrize("child", ["²", "١٢", "abc", "-1", "99999999999999999999999", ""])
def test_the_referral_form_treats_an_unusable_child_as_no_choice(ess, sign_in, child):
    client = sign_in(ess.school_user, Client(raise_request_exception=False))
    response = client.get("/services/education-support/refer/school-referral/", {"child": child})
    assert response.status_code == 200
    assert ess.father.given_name not in response.content.decode()  # no pupil chosen, so no parents offered


def test_the_referral_form_still_offers_the_chosen_pupils_parents(ess, sign_in):
    client = sign_in(ess.school_user)
    response = client.get("/services/education-support/refer/school-referral/", {"child": str(ess.child.pk)})
    assert response.status_code == 200
    assert "Frank" in response.content.decode()


def test_a_bundle_that_is_not_a_number_is_a_404(ess, sign_in):
    from datetime import date

    from tutela.enforcement.services import prosecution_start

    prosecution = prosecution_start(
        actor=ess.officer,
        case=ess.case,
        defendant=ess.mother,
        offence="s444(1)",
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        rationale="Persistent absence despite support.",
    )
    client = sign_in(ess.officer, Client(raise_request_exception=False))
    response = client.post(
        f"/enforcement/prosecutions/{prosecution.pk}/",
        {
            "action": "disclose",
            "bundle": "²",
            "recipient": "court",
            "recipient_name": "Dudley Magistrates' Court",
            "disclosed_on_0": "14",
            "disclosed_on_1": "1",
            "disclosed_on_2": "2026",
            "method": "by hand",
        },
    )
    assert response.status_code == 404
