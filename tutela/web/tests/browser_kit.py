"""Pieces the kit journey tests share: a headless Chromium page on the live server, signing in as
a person would (with a security code where their role needs one), screenshots, and a watch for
server errors, so that a 500 on the way fails the journey where it happened."""

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, Response

from tutela.accounts.models import User
from tutela.accounts.tests.factories import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(os.environ.get("TUTELA_SHOTS", "/tmp/shots"))  # noqa: S108 -- a developer's scratch directory


@contextmanager
def chromium_page(base_url: str) -> Iterator[Page]:
    """A page of headless Chromium on ``base_url``; any response of 500 or more fails the test."""
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
            context = browser.new_context(base_url=base_url, viewport={"width": 1200, "height": 900})
            context.set_default_timeout(10_000)
            page = context.new_page()
            page.on("response", watch)
            yield page
            context.close()
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    assert failures == [], f"server errors on the way: {failures}"


def security_code(device: TOTPDevice) -> str:
    """The code the app shows; the next one where this one was used already (a code is good once,
    and the server accepts one step of drift), as a person signing in twice in a minute would wait for."""
    device.refresh_from_db()
    used = (int(time.time()) - device.t0) // device.step <= device.last_t
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=1 if used else 0)
    return f"{code:06d}"


def sign_in(page: Page, user: User, *, device: TOTPDevice | None = None) -> None:
    """Through the sign-in form, then the security code from ``device`` where the role needs one."""
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if device is not None:
        page.wait_for_selector("h1:has-text('Enter your security code')")
        page.get_by_label("Security code").fill(security_code(device))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url(lambda url: "/sign-in/" not in url)
    page.wait_for_selector("text=Signed in as")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector("text=You have signed out")


def shot(page: Page, name: str) -> None:
    """A full-page screenshot to look at afterwards (``/tmp/shots/<name>.png``)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def fill_date(page: Page, name: str, day: date) -> None:
    """A GOV.UK date input (day, month, year boxes) named ``name``."""
    page.fill(f"#{name}_0", str(day.day))
    page.fill(f"#{name}_1", str(day.month))
    page.fill(f"#{name}_2", str(day.year))


def chromium_missing() -> bool:
    return not os.path.exists(CHROMIUM)
