"""The in-process register API that the gate, consent, sharing and retention will ask."""

import os
import re
import time

import pytest

from tutela.register.api import register
from tutela.register.schema import LawfulBasis


def test_purposes_touching_a_category_carry_their_basis():
    purposes = register().purposes_touching("dudley", "education-support", "family.criminal.interview-under-caution")
    assert purposes
    assert all(purpose.criminal_condition is not None for purpose in purposes)
    assert {purpose.lawful_basis for purpose in purposes} <= {LawfulBasis.LEGAL_OBLIGATION, LawfulBasis.PUBLIC_TASK}


def test_no_purpose_of_a_service_may_touch_a_category_it_does_not_hold():
    assert register().purposes_touching("wigan", "pupil-data", "family.criminal.interview-under-caution") == []


def test_tess_consent_purposes_include_three_separate_media_consents():
    consent = register().consent_purposes("wigan", "targeted-education-support")
    media = [p for p in consent if "child.media.photographs-video" in p.categories]
    assert len(media) == 3
    assert len({p.consent.form for p in media if p.consent} | {p.key for p in media}) >= 3
    assert all(p.consent and p.consent.withdrawal_route for p in consent)


def test_careers_service_opt_out_limits_to_name_address_and_date_of_birth():
    careers = [r for r in register().service("wigan", "pupil-data").recipients if r.opt_out is not None]
    assert len(careers) == 1
    recipient = careers[0]
    assert recipient.subject_minimum_age == 13
    assert recipient.opt_out is not None
    assert recipient.opt_out.pupil_decides_from_age == 16
    after = set(recipient.opt_out.categories_after_opt_out)
    assert {"child.identity.name", "child.contact.address", "child.identity.date-of-birth"} <= after
    assert all(key.split(".")[-1] in {"name", "address", "date-of-birth"} for key in after)


def test_contactpoint_is_kept_as_retired():
    service = register().service("wigan", "pupil-data")
    retired = [p.description for p in service.purposes if p.retired] + [r.name for r in service.recipients if r.retired]
    assert any("ContactPoint" in text for text in retired)


def test_unknown_names_raise_lookup_error():
    with pytest.raises(LookupError, match="no register for controller 'nowhere'"):
        register().controller("nowhere")
    with pytest.raises(LookupError, match="has no service"):
        register().service("wigan", "nothing")
    with pytest.raises(LookupError, match="unknown category"):
        register().category("child.nothing")


def test_changed_files_are_reloaded_without_a_restart(register_copy):
    first = register()
    path = register_copy / "dudley.yaml"
    text = path.read_text()
    assert first.controller("dudley").version != 99
    path.write_text(re.sub(r"^version: \d+$", "version: 99", text, count=1, flags=re.M))
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert register().controller("dudley").version == 99


def test_an_invalid_change_keeps_the_last_valid_register(register_copy):
    before = register().controller("dudley").version
    path = register_copy / "dudley.yaml"
    path.write_text(path.read_text() + "\nnot: [valid\n")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert register().controller("dudley").version == before
