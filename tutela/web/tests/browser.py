"""What the browser journeys share: headless Chromium against the live server, signing in as a
person would (with their authenticator's code where they have one), dates typed into the three
boxes, and screenshots to look at afterwards.

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
from playwright.sync_api import Page

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
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test itself are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(10_000)
        yield context.new_page()
        context.close()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def authenticator_give(user: User) -> TOTPDevice:
    """The user set up an authenticator app earlier: from now on they sign in with its code."""
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def _authenticator_code(device: TOTPDevice) -> str:
    """The code the app shows now, or the next one if this one was used already (a code works once)."""
    device.refresh_from_db()
    now = (int(timezone.now().timestamp()) - device.t0) // device.step
    step = max(now, (device.last_t or -1) + 1)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=step - now):06d}"


def sign_in(page: Page, user: User) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        page.wait_for_selector("h1:has-text('Enter your security code')")
        page.get_by_label("Security code").fill(_authenticator_code(device))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("text=Signed in as")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector("text=You have signed out")


def fill_date(page: Page, name: str, day: date) -> None:
    page.fill(f"#{name}_0", str(day.day))
    page.fill(f"#{name}_1", str(day.month))
    page.fill(f"#{name}_2", str(day.year))


def shot(page: Page, name: str) -> None:
    """A full-page screenshot, to look at what the user saw."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
