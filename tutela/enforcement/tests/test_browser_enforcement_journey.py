"""In a real browser, as the users would: a school refers a pupil; the officer accepts, sends a notice
to improve, issues two penalty notices to the mother (the second at £160), is refused a third, and
prosecutes with an evidence bundle."""

import io
import os
import shutil
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from tutela.accounts.tests.factories import PASSWORD
from tutela.enforcement.models import PenaltyNotice, Prosecution
from tutela.enforcement.tests.conftest import Ess

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed (.ci/run installs it)"),
]


@pytest.fixture
def page(live_server) -> Iterator[Page]:
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(base_url=live_server.url)
        yield context.new_page()
        context.close()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def sign_in(page: Page, username: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("text=Signed in as")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector("text=You have signed out")


def fill_date(page: Page, name: str, day: date) -> None:
    page.fill(f"#{name}_0", str(day.day))
    page.fill(f"#{name}_1", str(day.month))
    page.fill(f"#{name}_2", str(day.year))


def issue_notice(page: Page, case_id: int, start: date, end: date, issued: date, go: bool = True) -> None:
    if go:
        page.goto(f"/enforcement/cases/{case_id}/penalty-notices/new/")
    page.select_option("#id_parent", label="Mary Example")
    fill_date(page, "offence_start", start)
    fill_date(page, "offence_end", end)
    fill_date(page, "issued_on", issued)
    page.select_option("#id_service_method", label="By hand")
    page.get_by_label("Your reasons for this decision").fill(
        "Threshold met; the notice to improve was not complied with."
    )
    page.get_by_role("button", name="Issue penalty notice").click()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_from_school_referral_to_prosecution_with_a_bundle(page, ess, world):
    ess.case.family.clear()  # the journey opens its own case from the referral
    ess.case.closed_at = ess.case.opened_at
    ess.case.save()

    sign_in(page, ess.school_user.username)
    _school_refers_tilly(page)
    sign_out(page)

    sign_in(page, ess.officer.username)
    case_id = _officer_accepts_the_referral(page, ess)
    _notice_to_improve_to_mary(page)
    _two_penalty_notices_then_a_third_refused(page, case_id)
    _prosecution_with_a_bundle(page)


# The journey's stages, in order, each as its user sees it.


def _school_refers_tilly(page: Page) -> None:
    page.get_by_role("link", name="Enforcement").click()
    page.get_by_role("link", name="Make a referral").click()
    page.get_by_role("link", name="Refer a pupil for attendance support").click()
    page.select_option("#id_child", label="Tilly Example")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Mary Example").check()
    page.get_by_label("Frank Sample").check()
    page.get_by_label("What the school has done to improve attendance").fill(
        "Calls home, two meetings, a support plan."
    )
    page.select_option("#id_sen_status", label="SEN support")
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_selector("text=sent to the Education Support Service")
    assert "28 unauthorised absence" in page.content()


def _officer_accepts_the_referral(page: Page, ess: Ess) -> int:
    """Accepts the referral and allocates the case to the officer; returns the new case's id."""
    page.get_by_role("link", name="Enforcement").click()
    page.get_by_role("link", name="Referrals from schools").click()
    page.get_by_role("link", name="Tilly Example").count()  # the queue lists the pupil
    page.locator("table a").first.click()
    page.select_option("#id_outcome", label="Accept and open a case")
    page.select_option("#id_allocate_to", label=ess.officer.get_full_name())
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_selector("text=Referral accepted")
    return int(page.url.rstrip("/").split("/")[-1])


def _notice_to_improve_to_mary(page: Page) -> None:
    page.get_by_role("link", name="Notice to improve", exact=True).click()
    page.select_option("#id_concerning", label="Mary Example")
    fill_date(page, "served_on", date(2025, 11, 3))
    page.select_option("#id_service_method", label="By hand")
    page.get_by_label("Improvement period in school weeks").fill("3")
    page.get_by_label("Support already offered, and further support").fill("Pastoral support; a breakfast club place.")
    page.get_by_label("Your reasons for this decision").fill("Support has not improved attendance.")
    page.get_by_role("button", name="Record notice to improve").click()
    page.wait_for_selector("text=Notice to improve recorded")


def _two_penalty_notices_then_a_third_refused(page: Page, case_id: int) -> None:
    # Dated 10 November, during the notice to improve, and recorded in January: both need a reason.
    issue_notice(page, case_id, date(2025, 9, 1), date(2025, 10, 3), date(2025, 11, 10))
    page.wait_for_selector("text=say why it is recorded now")
    assert "notice to improve runs until 24 November 2025" in page.content()
    page.get_by_label("If it was issued more than 14 days ago: why it is recorded now").fill(
        "Issued by the headteacher; the school sent its copy in January."
    )
    page.get_by_label("If the parent's notice to improve is still running: why issue the notice before it ends").fill(
        "Further unauthorised absence in the improvement period, as the notice to improve warned."
    )
    issue_notice(page, case_id, date(2025, 9, 1), date(2025, 10, 3), date(2025, 11, 10), go=False)
    page.wait_for_selector("text=£80 if paid within 21 days")
    issue_notice(page, case_id, date(2025, 11, 3), date(2025, 12, 5), date(2026, 1, 12))
    page.wait_for_selector("text=£160, no reduction")
    assert [n.full_pence for n in PenaltyNotice.objects.order_by("pk")] == [16000, 16000]
    assert [n.discount_pence for n in PenaltyNotice.objects.order_by("pk")] == [8000, None]

    issue_notice(page, case_id, date(2025, 11, 3), date(2025, 12, 5), date(2026, 1, 14))
    page.wait_for_selector("text=This penalty notice cannot be issued")
    assert "third penalty notice" in page.content()
    assert PenaltyNotice.objects.count() == 2


def _prosecution_with_a_bundle(page: Page) -> None:
    page.get_by_role("link", name="Start a prosecution instead").click()
    page.select_option("#id_defendant", label="Mary Example")
    page.select_option("#id_offence", value=Prosecution.Offence.S444_1)
    fill_date(page, "offence_start", date(2025, 11, 3))
    fill_date(page, "offence_end", date(2025, 12, 5))
    page.get_by_label("Your reasons for this decision").fill("Two notices; attendance has not improved.")
    page.get_by_role("button", name="Start prosecution").click()
    page.wait_for_selector("text=started")
    assert "3 May 2026" in page.content()  # s127: six months from 3 November 2025, for the whole period

    page.get_by_role("button", name="Prepare the evidence bundle").click()
    page.wait_for_selector("text=Evidence bundle prepared")
    href = page.locator("a:has-text('Bundle of')").first.get_attribute("href")
    pdf = page.request.get(href or "")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Mary Example" in text and "Chronology" in text
