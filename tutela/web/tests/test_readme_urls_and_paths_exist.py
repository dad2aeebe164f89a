"""Every URL, file and app README.md names exists: a reader who follows it never meets a 404 or a missing file."""

import re

import pytest
from django.urls import Resolver404, resolve

from tutela.web.tests.readme import ROOT, readme_code_tour, readme_inline_code

URLS = sorted({span for span in readme_inline_code() if re.fullmatch(r"/[a-z][\w\-./<>]*", span)})
# Files of the checkout; var/, node_modules/ and .venv/ are made by running it, ../ is outside it.
PATHS = sorted(
    {
        span
        for span in readme_inline_code()
        if re.fullmatch(r"[A-Za-z.][\w\-.]*/[\w\-./]*", span)
        and not span.startswith(("/", "../", "var/", "node_modules/", ".venv/"))
        and "://" not in span
    }
)


def test_the_readme_names_urls_and_paths():
    assert "/people/<id>/" in URLS and "/enforcement/" in URLS
    assert "tutela/governance/gate.py" in PATHS


@pytest.mark.parametrize("url", URLS)
def test_every_url_the_readme_names_is_in_the_urlconf(url):
    # <id>, <urn>, <service>... stand for a value: "1" matches every int, slug and str converter.
    concrete = re.sub(r"<[^>]+>", "1", url)
    try:
        resolve(concrete)
    except Resolver404:
        pytest.fail(f"README names {url}, which no URL pattern serves")


@pytest.mark.parametrize("path", PATHS)
def test_every_file_the_readme_names_is_in_the_repository(path):
    assert (ROOT / path).exists(), f"README names {path}, which is not in the repository"


def test_the_tour_of_the_code_lists_every_app_and_only_apps_that_exist():
    tour = readme_code_tour()
    listed = set(re.findall(r"^  (\w+)/", tour, flags=re.MULTILINE))
    packages = {p.parent.name for p in (ROOT / "tutela").glob("*/__init__.py")}
    assert packages - listed == set(), "README's tour of the code leaves out these packages"
    assert listed - packages == set(), "README's tour of the code lists packages that do not exist"
