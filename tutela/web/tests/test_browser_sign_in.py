"""In a real browser: sign in, see the home page and the role's navigation, sign out."""

import os
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import ConsoleMessage, Page

from tutela.accounts.tests.factories import PASSWORD, TeamFactory, UserFactory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)"),
]


@pytest.fixture
def page(live_server) -> Iterator[Page]:
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test itself are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        context = browser.new_context(base_url=live_server.url)
        yield context.new_page()
        context.close()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_officer_signs_in_sees_home_and_signs_out(page):
    team = TeamFactory(slug="ig", name="Information Governance")
    user = UserFactory.create(username="ig-browser", controller=team.controller, roles=["ig-officer"], teams=[team])
    console_errors: list[str] = []

    def collect_errors(message: ConsoleMessage) -> None:
        if message.type == "error":
            console_errors.append(message.text)

    page.on("console", collect_errors)

    page.goto("/")
    assert page.url.endswith("/sign-in/?next=/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_selector("h1:has-text('Your work')")
    assert "Signed in as" in page.content()
    assert page.get_by_text("Information Governance", exact=True).is_visible()
    assert page.locator("body.govuk-frontend-supported").count() == 1  # the nonced scripts ran under the CSP
    page.get_by_role("link", name="Audit log").click()
    page.wait_for_selector("h1:has-text('Audit log')")
    assert page.get_by_role("cell", name="ig-browser").first.is_visible()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector("text=You have signed out")
    assert console_errors == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wrong_password_shows_the_error_summary(page):
    UserFactory(username="someone")
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("someone")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "Enter a correct username and password" in summary.inner_text()
