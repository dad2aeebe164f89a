"""Generated documents state a procedure only while the code that performs it exists (procedures.py)."""

import functools
import html
import re

import pytest
from django.template.loader import render_to_string

from tutela.register.api import register
from tutela.register.notices import notice_build, notice_render
from tutela.register.policy_document import policy_document_build, principles_performed
from tutela.register.procedures import (
    NOTICE_PROCEDURES,
    PRINCIPLES,
    Principle,
    Procedure,
    capability_exists,
    notice_procedures,
    procedure_performed,
)
from tutela.register.tests.seed_items import SEEDS

SERVICES = [(controller, service) for controller, service, _items in SEEDS.values()]
ALL_PROCEDURES = [p for principle in PRINCIPLES for p in principle.procedures] + list(NOTICE_PROCEDURES)


def _text(rendered: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", rendered)))


@functools.cache
def _documents() -> dict[str, str]:
    registers = register()
    found = {}
    for controller, service in SERVICES:
        notice = notice_build(registers=registers, controller=controller, service=service)
        found[f"{service} notice"] = _text(notice_render(notice=notice, format="html"))
        found[f"{service} young people"] = _text(notice_render(notice=notice, format="html", young_people=True))
        document = policy_document_build(registers=registers, controller=controller, service=service)
        if document is not None:
            found[f"{service} policy document"] = _text(
                render_to_string("register/policy_document_print.html", {"document": document})
            )
    return found


def test_capabilities_are_found_by_dotted_path_or_command_name():
    assert capability_exists("tutela.sharing.services.minimise")
    assert capability_exists("command:audit_verify")
    assert not capability_exists("tutela.sharing.services.no_such_function")
    assert not capability_exists("tutela.no_such_app.services.anything")
    assert not capability_exists("command:no_such_command")


@pytest.mark.parametrize("procedure", ALL_PROCEDURES, ids=[p.key for p in ALL_PROCEDURES])
def test_every_sentence_shown_resolves_to_real_code_and_every_other_is_hidden(procedure):
    for name, text in _documents().items():
        if procedure_performed(procedure):
            continue
        assert procedure.text not in text, f"{name} states '{procedure.text}' but its code does not exist"
    shown = any(procedure.text in text for text in _documents().values())
    if shown:
        assert all(capability_exists(path) for path in procedure.performed_by)


def test_the_policy_document_no_longer_claims_disposal_runs_or_notices_to_recipients():
    for name, text in _documents().items():
        assert "disposal runs find records" not in text.lower(), name
        assert "recipients are told of corrections" not in text.lower(), name
        assert "told of each correction" not in text.lower(), name


def test_a_procedure_whose_code_is_missing_hides_its_sentence():
    present = Procedure("present", "The gate decides.", ("tutela.governance.gate.decide",))
    missing = Procedure("missing", "Robots file it.", ("tutela.governance.gate.decide", "tutela.robots.file_it"))
    principles = (Principle("Accuracy (Art 5(1)(d))", (present, missing)),)
    assert principles_performed(principles) == [("Accuracy (Art 5(1)(d))", ["The gate decides."])]
    assert notice_procedures((present, missing)) == {"present": "The gate decides."}


def test_a_principle_with_no_procedure_in_code_says_so(monkeypatch):
    missing = Procedure("missing", "Robots file it.", ("tutela.robots.file_it",))
    monkeypatch.setattr(
        "tutela.register.policy_document.PRINCIPLES", (Principle("Storage limitation (Art 5(1)(e))", (missing,)),)
    )
    document = policy_document_build(registers=register(), controller="dudley", service="education-support")
    assert document is not None
    text = _text(render_to_string("register/policy_document_print.html", {"document": document}))
    assert "Robots file it" not in text
    assert "no procedure of its own for this principle yet" in text


def test_a_notice_sentence_whose_code_is_missing_is_not_rendered(monkeypatch):
    monkeypatch.setattr(
        "tutela.register.notices.NOTICE_PROCEDURES",
        (Procedure("sharing_minimised", "We only share what each one needs", ("tutela.robots.share",)),),
    )
    notice = notice_build(registers=register(), controller="wigan", service="targeted-education-support")
    text = _text(notice_render(notice=notice, format="html", young_people=True))
    assert "We only share what each one needs" not in text
