"""The change log a notice prints gives a new retention period in words, never as an ISO 8601 code."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from tutela.register.api import register

pytestmark = pytest.mark.django_db


def test_a_new_retention_class_is_listed_with_its_period_in_words(register_copy, client):
    call_command("register_publish", stdout=StringIO())
    dudley = register().controller("dudley")
    path = register_copy / "dudley.yaml"
    text = path.read_text()
    start = text.index("    retention:\n") + len("    retention:\n")
    added = (
        "      - key: ess-leaflets\n"
        "        records: Leaflets sent to families\n"
        "        trigger: record_date\n"
        "        period: P2Y\n"
        "        action: destroy\n"
        "        source: Test\n"
    )
    text = text[:start] + added + text[start:]
    path.write_text(re.sub(r"^version: \d+$", f"version: {dudley.version + 1}", text, count=1, flags=re.M))
    call_command("register_publish", stdout=StringIO())

    page = client.get("/privacy/dudley/education-support/").content.decode()
    assert "Leaflets sent to families: 2 years from the date of the record, then securely destroyed" in page
    assert "P2Y" not in page
