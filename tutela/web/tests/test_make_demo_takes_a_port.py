"""`make demo` serves on the port (and host) it is given, 8000 on 127.0.0.1 by default, and prints the address."""

import shutil
import subprocess

import pytest

from tutela.web.tests.readme import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _dry_run(*variables: str) -> str:
    # -n prints the recipe without running it: nothing is installed, migrated or served.
    result = subprocess.run(  # noqa: S603 -- make, dry run, in this repository
        ["make", "-n", "demo", *variables],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_demo_serves_on_127_0_0_1_port_8000_by_default():
    recipe = _dry_run()
    assert "manage.py runserver 127.0.0.1:8000" in recipe
    assert "http://127.0.0.1:8000/" in recipe


def test_make_demo_serves_on_the_port_it_is_given_and_prints_that_address():
    recipe = _dry_run("PORT=8001")
    assert "manage.py runserver 127.0.0.1:8001" in recipe
    assert "http://127.0.0.1:8001/" in recipe
    assert ":8000" not in recipe


def test_make_demo_listens_on_the_host_it_is_given():
    recipe = _dry_run("HOST=0.0.0.0", "PORT=8002")
    assert "manage.py runserver 0.0.0.0:8002" in recipe
    assert "http://0.0.0.0:8002/" in recipe
