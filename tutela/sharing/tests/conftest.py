import io
import json

import pytest
import pyzipper  # type: ignore[import-untyped]

from tutela.accounts.tests.factories import UserFactory


@pytest.fixture
def data_officer(world):
    """A caseworker in Wigan's education data team (pupil-data service), who handles careers requests."""
    return UserFactory(
        username="data-officer",
        controller=world.controllers["wigan"],
        roles=["caseworker"],
        teams=[world.teams["wigan.data"]],
    )


def open_package(path: str, passphrase: str) -> tuple[dict[str, object], list[dict[str, str]], list[str]]:
    import csv

    with pyzipper.AESZipFile(path) as archive:
        archive.setpassword(passphrase.encode())
        manifest = json.loads(archive.read("manifest.json"))
        text = archive.read("data.csv").decode()
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return manifest, rows, list(reader.fieldnames or [])
