"""The casework kit's pages walked in a browser, one person's action each, in the words on the
page: shared by every service's journey test. Each step screenshots what the user saw."""

from django.utils import timezone
from playwright.sync_api import Page

from tutela.accounts.models import User
from tutela.web.tests.browser import fill_date, shot, sign_in, sign_out


def referral_start(page: Page, *, referrer: User, form: str, child: str, family: list[str], prefix: str) -> None:
    """The referrer signs in, opens the form from Referrals, chooses the child and ticks the family named."""
    sign_in(page, referrer)
    page.get_by_role("link", name="Referrals").first.click()
    page.get_by_role("link", name="Make a referral").click()
    shot(page, f"{prefix}-01-refer")
    page.get_by_role("link", name=form).click()
    page.select_option("#id_child", label=child)
    page.get_by_role("button", name="Continue").click()
    for person in family:
        page.get_by_label(person).check()


def referral_accept(page: Page, *, manager: User, child: str, worker: User, prefix: str) -> int:
    """The service's manager finds the referral waiting, accepts it and allocates the worker."""
    sign_in(page, manager)
    page.get_by_role("link", name="Referrals").first.click()
    waiting = page.locator("table", has=page.get_by_role("cell", name=child)).first
    assert "Waiting for triage" in waiting.inner_text()
    shot(page, f"{prefix}-04-referrals-waiting")
    page.get_by_role("row", name=child).get_by_role("link").first.click()
    shot(page, f"{prefix}-05-referral")
    page.get_by_label("Decision").select_option(label="Accept and open a case")
    page.get_by_label("Allocate to").select_option(label=worker.get_full_name())
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_selector("text=Referral accepted")
    shot(page, f"{prefix}-06-case-opened")
    case_id = int(page.url.rstrip("/").rsplit("/", 1)[-1])  # the case page: /cases/<id>/
    sign_out(page)
    return case_id


def record_add(
    page: Page,
    *,
    purpose: str,
    category: str,
    title: str,
    body: str,
    prefix: str,
    kind: str = "Contact log entry",
    source: str = "Parent or carer",
) -> None:
    """From the case page: why (step one), then what the record holds (step two)."""
    page.get_by_role("link", name="Add a note or upload a document").click()
    page.get_by_label(purpose).check()
    shot(page, f"{prefix}-08-record-purpose")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("checkbox", name=category, exact=True).check()
    page.get_by_label("Type of record").select_option(label=kind)
    page.get_by_role("textbox", name="Title").fill(title)
    page.get_by_role("textbox", name="Details", exact=True).fill(body)
    fill_date(page, "occurred_on", timezone.localdate())
    page.get_by_label("Where did this information come from?").select_option(label=source)
    shot(page, f"{prefix}-09-record-form")
    page.get_by_role("button", name="Save record").click()
    page.wait_for_selector(f"h1:has-text({title!r})")
    shot(page, f"{prefix}-10-record")


def consent_record(page: Page, *, case_id: int, purpose: str, given_by: str, reference: str, prefix: str) -> None:
    """From the case page: a consent on a signed form, back to the case."""
    page.goto(f"/cases/{case_id}/")
    page.get_by_role("link", name="Record a consent").click()
    page.wait_for_selector("h1:has-text('Record a consent')")
    page.get_by_label(purpose).check()
    page.get_by_label("Who gave consent?").select_option(label=given_by)
    page.get_by_label("Reference of the signed form").fill(reference)
    fill_date(page, "given_on", timezone.localdate())
    shot(page, f"{prefix}-11-consent-form")
    page.get_by_role("button", name="Record the consent").click()
    page.wait_for_selector("text=Consent recorded for")
    shot(page, f"{prefix}-12-consent-recorded")


def consent_withdraw(page: Page, *, row: str, by: str, how: str, prefix: str) -> None:
    """From the case page's consents: the withdrawal a parent asked for, back to the case."""
    page.get_by_role("row", name=row).get_by_role("link", name="Withdraw").click()
    page.wait_for_selector("h1:has-text('Record a withdrawal of consent')")
    page.get_by_label("Who withdrew consent?").select_option(label=by)
    fill_date(page, "withdrawn_on", timezone.localdate())
    page.get_by_label("How it was withdrawn").fill(how)
    shot(page, f"{prefix}-13-withdraw-form")
    page.get_by_role("button", name="Record the withdrawal").click()
    page.wait_for_selector("text=Withdrawal of consent recorded for")
    shot(page, f"{prefix}-14-withdrawn")


def objection_record(page: Page, *, child_id: int, purpose: str, raised_by: str, grounds: str, prefix: str) -> None:
    """From the child's page: a parent's objection to one purpose (``service:purpose``), as they told the worker."""
    page.goto(f"/people/{child_id}/")
    page.get_by_role("link", name="Record an objection").click()
    page.select_option("#id_purpose", value=purpose)
    page.select_option("#id_raised_by", label=raised_by)
    page.get_by_label("Their grounds").fill(grounds)
    shot(page, f"{prefix}-11-objection-form")
    page.get_by_role("button", name="Record the objection").click()
    page.wait_for_selector("h1:has-text('Consents and objections')")
    shot(page, f"{prefix}-12-objection-recorded")


def objection_refuse(page: Page, *, answerer: User, child_id: int, reasons: str, prefix: str) -> None:
    """The person who answers objections refuses this one, with reasons the parent will read."""
    sign_in(page, answerer)
    page.goto(f"/people/{child_id}/consents/")
    page.get_by_role("link", name="Answer the objection").click()
    page.select_option("#id_upheld", value="no")
    page.get_by_label("Your reasons").fill(reasons)
    shot(page, f"{prefix}-13-objection-answer")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_selector("text=Refused")
    shot(page, f"{prefix}-14-objection-refused")
    sign_out(page)


def flag_decide(page: Page, *, flag: str, decision: str, prefix: str) -> None:
    """The flag shown prominently on the case with a task for the worker; the worker decides it."""
    banner = page.locator(".govuk-notification-banner", has_text="Needs your decision")
    assert flag in banner.inner_text()
    tasks = page.locator(".govuk-summary-card").all_inner_texts()
    assert any(f"Decide what happens after: {flag.lower()}" in task for task in tasks), tasks
    banner.get_by_role("link", name="Decide what happens now").click()
    shot(page, f"{prefix}-15-flag")
    page.get_by_label("Your decision and the reasons for it").fill(decision)
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_selector("text=Decision recorded on case")
    assert page.locator(".govuk-notification-banner", has_text="Needs your decision").count() == 0
    # The decision is on the case's chronology, under the worker's name.
    assert f"Flag decided ({flag}): {decision}" in page.locator("table", has_text="Flag decided").inner_text()
    shot(page, f"{prefix}-16-flag-decided")


def task_done(page: Page, *, task: str, outcome: str) -> None:
    page.locator(".govuk-summary-card", has_text=task).get_by_role("link", name="Mark as done").click()
    page.get_by_label("What was done").fill(outcome)
    page.get_by_role("button", name="Mark as done").click()
    page.wait_for_selector(f"text=Done: {task}")


def case_close(page: Page, *, reason: str, prefix: str) -> None:
    """From the case page: the reason, then the case closed, with nothing left to add to it."""
    ask = page.get_by_role("link", name="Close the case")
    if ask.count():  # the kit's case page asks on a page of its own; a service's own page at its foot
        ask.click()
    page.get_by_label("Why the case is closing").fill(reason)
    shot(page, f"{prefix}-17-close")
    page.get_by_role("button", name="Close case").click()
    page.wait_for_selector(".govuk-caption-l:has-text('(closed)')")
    assert reason in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Record a consent").count() == 0
    shot(page, f"{prefix}-18-closed")
