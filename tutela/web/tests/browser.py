"""What the browser journeys share: headless Chromium against the live server, signing in as a
person would (with their authenticator's code where they have one), dates typed into the three
boxes, screenshots to look at afterwards, and a watch for server errors, so that a 500 on the way
fails the journey where it happened.

A test module imports ``BROWSER`` as its ``pytestmark`` and the ``page`` fixture by name.
"""

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, Response

from tutela.accounts.models import User
from tutela.accounts.tests.factories import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(os.environ.get("TUTELA_SHOTS") or Path(tempfile.gettempdir()) / "shots")

BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)"),
]


@pytest.fixture
def page(live_server) -> Iterator[Page]:
    """A page of headless Chromium on the live server; any response of 500 or more fails the test."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test itself are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    failures: list[str] = []

    def watch(response: Response) -> None:
        if response.status >= 500:
            failures.append(f"{response.status} {response.url}")

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
            )
            context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
            context.set_default_timeout(10_000)
            browser_page = context.new_page()
            browser_page.on("response", watch)
            yield browser_page
            context.close()
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    assert failures == [], f"server errors on the way: {failures}"


def authenticator_give(user: User) -> TOTPDevice:
    """The user set up an authenticator app earlier: from now on they sign in with its code."""
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def security_code(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one if this one was used already (a code works once,
    and the server accepts one step of drift), as a person signing in twice in a minute would wait for."""
    device.refresh_from_db()
    now = (int(timezone.now().timestamp()) - device.t0) // device.step
    step = max(now, (device.last_t or -1) + 1)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=step - now):06d}"


def sign_in(page: Page, user: User) -> None:
    """Through the sign-in form, then the authenticator's code where the user has set one up."""
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        page.wait_for_selector("h1:has-text('Enter your security code')")
        page.get_by_label("Security code").fill(security_code(device))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(lambda url: "/sign-in/" not in url)
    page.wait_for_selector("text=Signed in as")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector("text=You have signed out")


def fill_date(page: Page, name: str, day: date) -> None:
    """A GOV.UK date input (day, month, year boxes) named ``name``."""
    page.fill(f"#{name}_0", str(day.day))
    page.fill(f"#{name}_1", str(day.month))
    page.fill(f"#{name}_2", str(day.year))


def shot(page: Page, name: str) -> None:
    """A full-page screenshot, to look at what the user saw (``<TUTELA_SHOTS or /tmp/shots>/<name>.png``)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
