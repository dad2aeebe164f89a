"""A refusal reaches a person in words, never as a register key: the 403 page and the record form's
errors name purposes and categories by their register labels (``tutela.governance.refusals``)."""

import html
import re

import pytest
from django.test import RequestFactory
from django.utils import timezone

from tutela.governance.errors import GateDenied
from tutela.governance.gate import Action, ActorContext, SubjectContext, Touch, check
from tutela.register.api import register
from tutela.web.middleware import RefusalMiddleware

DOTTED_KEY = re.compile(r"\b(?:child|family|professional|workforce)\.[a-z-]+(?:\.[a-z-]+)*\b")


def _visible_text(page: str) -> str:
    """What a reader sees: the text between tags (a checkbox's value attribute is not shown)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _purpose_keys() -> set[str]:
    return {
        f"'{purpose.key}'"
        for registers in register().registers.values()
        for service in registers.services
        for purpose in service.purposes
    }


def _assert_no_keys(page: str) -> None:
    text = _visible_text(page)
    assert not DOTTED_KEY.search(text), DOTTED_KEY.search(text)
    assert not [key for key in _purpose_keys() if key in text]


def _decisions_with_every_kind_of_reason(child, parent):
    actor = ActorContext(
        user=parent,  # any saved object with a pk: no query is made
        controller="wigan",
        reads_records=True,
        service_wide=False,
        team_ids=set(),
        team_services={"engagement-centres"},
        school_id=None,
    )
    objected = SubjectContext(set(), {("wigan", "engagement-centres", "administer-service")})
    cases = [
        ("data-analytics", ("child.special.health",), child),
        ("data-analytics", ("child.identity.name",), parent),
        ("parental-consent", ("child.identity.name",), child),
        ("equal-opportunities-political-opinions", ("child.special.political-opinions",), child),
        ("administer-service", ("child.identity.name",), child),
        ("shoe-inspection", ("child.identity.name",), child),
    ]
    for purpose, categories, subject in cases:
        touch = Touch(subject, "wigan", "engagement-centres", purpose, categories)
        yield check(touch, Action.CREATE, actor=actor, subject=objected, registers=register())


def test_the_403_page_names_no_register_key(world, casework):
    request = RequestFactory().get("/")
    request.user = world.users["assigned_caseworker"]
    decisions = list(_decisions_with_every_kind_of_reason(casework.child, casework.mother))
    assert all(not decision for decision in decisions)
    for decision in decisions:
        response = RefusalMiddleware(lambda request: None).process_exception(request, GateDenied(decision))
        assert response is not None and response.status_code == 403
        page = response.content.decode()
        assert decision.reasons[0] in html.unescape(page)
        _assert_no_keys(page)


def test_the_403_page_of_a_refused_record_form_names_no_register_key(client, world, casework, sign_in):
    sign_in(world.users["other_service_officer"])
    response = client.get(f"/cases/{casework.case.pk}/records/new/")
    assert response.status_code == 403
    _assert_no_keys(response.content.decode())


@pytest.mark.parametrize(
    ("purpose", "category", "words"),
    [
        (
            "equal-opportunities-political-opinions",
            "child.special.political-opinions",
            "Political opinions can be used for 'Equal opportunities monitoring: political opinions' only with",
        ),
        ("parental-consent", "child.identity.name", "'Support agreed by the parent' needs the person's consent"),
    ],
)
def test_a_refusal_on_the_record_form_is_in_words(client, world, casework, sign_in, purpose, category, words):
    sign_in(world.users["assigned_caseworker"])
    today = timezone.localdate()
    response = client.post(
        f"/cases/{casework.case.pk}/records/new/?purpose={purpose}",
        {
            "categories": [category],
            "kind": "file_note",
            "title": "Monitoring form",
            "occurred_on_0": today.day,
            "occurred_on_1": today.month,
            "occurred_on_2": today.year,
            "source": "parent",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert words in html.unescape(page)
    assert "There is a problem" in page
    _assert_no_keys(page)


def test_the_check_sees_a_key(world):
    assert DOTTED_KEY.search(_visible_text("<li>purpose may not touch child.special.health</li>"))
    assert not DOTTED_KEY.search(_visible_text('<input value="child.special.health"> Health'))
