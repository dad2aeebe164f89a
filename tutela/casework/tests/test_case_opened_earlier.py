"""A case kept on paper before Tutela is opened with the day it really began; never a day to come."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tutela.casework.services import case_open
from tutela.lib.errors import InvalidInput
from tutela.people.tests.factories import PersonFactory


def _open(world, **extra):
    return case_open(
        actor=world.users["assigned_caseworker"],
        controller=world.controllers["wigan"],
        service="engagement-centres",
        child=PersonFactory(),
        team=world.teams["wigan.engagement"],
        family=[],
        **extra,
    )


def test_a_case_opened_on_paper_keeps_the_day_it_was_opened(world):
    earlier = timezone.now() - timedelta(days=90)
    assert _open(world, opened_at=earlier).opened_at == earlier


def test_a_case_opened_without_a_date_is_opened_now(world):
    before = timezone.now()
    assert _open(world).opened_at >= before


def test_a_case_cannot_be_opened_in_the_future(world):
    with pytest.raises(InvalidInput):
        _open(world, opened_at=timezone.now() + timedelta(days=1))
