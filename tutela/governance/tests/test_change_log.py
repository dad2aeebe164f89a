"""Publishing a new register version records what changed, and the notice shows it."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tutela.governance.models import RegisterPublication
from tutela.register.api import register

pytestmark = pytest.mark.django_db


def _publish() -> str:
    out = StringIO()
    call_command("register_publish", stdout=out)
    return out.getvalue()


def _bump(path, new_version: int) -> None:
    text, count = re.subn(r"^version: \d+$", f"version: {new_version}", path.read_text(), count=1, flags=re.M)
    assert count == 1
    path.write_text(text)


def test_first_publication_then_nothing_to_do(register_copy):
    assert "published version" in _publish()
    count = RegisterPublication.objects.count()
    assert "unchanged" in _publish()
    assert RegisterPublication.objects.count() == count


def test_new_version_records_added_and_removed_items_and_the_notice_shows_them(register_copy, client):
    _publish()
    dudley = register().controller("dudley")
    service = dudley.services[0]
    dropped = service.recipients[-1]
    path = register_copy / "dudley.yaml"
    text = path.read_text()
    # Remove the last recipient and add a new one in its place.
    start = text.index(f"      - key: {dropped.key}\n")
    end = text.index("    retention:", start)
    replacement = (
        "      - key: school-health-service\n"
        "        name: School Health Service\n"
        "        kind: external\n"
        "        statute: Children Act 2004 s10\n"
    )
    path.write_text(text[:start] + replacement + text[end:])
    _bump(path, dudley.version + 1)

    assert f"dudley: published version {dudley.version + 1} (2 changes)" in _publish()
    page = client.get("/privacy/dudley/education-support/").content.decode()
    assert "What has changed" in page
    assert "Recipient added: School Health Service" in page
    assert f"Recipient removed: {dropped.name}" in page


def test_changed_register_without_a_new_version_is_refused(register_copy):
    _publish()
    path = register_copy / "dudley.yaml"
    path.write_text(
        path.read_text().replace(
            "automated_decisions:", "automated_decisions_plain: A person decides.\n    automated_decisions:", 1
        )
    )
    with pytest.raises(CommandError, match="raise its version number"):
        _publish()
