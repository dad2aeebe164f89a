"""Who may open an enforcement case and its notices: the persona matrix."""

from datetime import date

import pytest

from tutela.enforcement.services import penalty_notice_issue


@pytest.fixture
def notice(ess):
    return penalty_notice_issue(
        actor=ess.officer,
        case=ess.case,
        parent=ess.mother,
        offence_start=date(2025, 9, 1),
        offence_end=date(2025, 11, 7),
        issued_on=date(2026, 1, 12),
        service_method="hand",
        rationale="Threshold met.",
    )


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("assigned_caseworker", True),
        ("team_colleague", True),
        ("other_service_officer", False),
        ("school_user", False),
        ("outsider", False),
    ],
)
def test_case_and_notice_pages(ess, ess_colleague, world, sign_in, notice, persona, allowed):
    user = {"assigned_caseworker": ess.officer, "team_colleague": ess_colleague, "school_user": ess.school_user}.get(
        persona, world.users[persona]
    )
    client = sign_in(user)
    for url in (
        f"/enforcement/cases/{ess.case.pk}/",
        f"/enforcement/penalty-notices/{notice.pk}/",
        f"/records/{notice.record_id}/file/",
    ):
        response = client.get(url)
        assert response.status_code == (200 if allowed else 403), url
    if allowed:
        page = client.get(f"/enforcement/cases/{ess.case.pk}/").content.decode()
        assert notice.reference in page and "Last day to lay an information" in page


def test_the_officer_pages_render(ess, sign_in, notice):
    client = sign_in(ess.officer)
    for url in (
        "/enforcement/",
        "/referrals/",
        f"/enforcement/cases/{ess.case.pk}/penalty-notices/new/",
        f"/enforcement/cases/{ess.case.pk}/prosecutions/new/",
        f"/enforcement/cases/{ess.case.pk}/steps/notice-to-improve/",
        f"/sharing/cases/{ess.case.pk}/share/",  # referral onward to another agency
    ):
        assert client.get(url).status_code == 200, url


def test_the_school_user_is_sent_to_its_referrals(ess, sign_in):
    response = sign_in(ess.school_user).get("/enforcement/")
    assert response.status_code == 302 and response["Location"].endswith("/referrals/")


def test_tasks_are_added_and_done_and_the_case_closed_from_its_page(ess, sign_in):
    client = sign_in(ess.officer)
    url = f"/enforcement/cases/{ess.case.pk}/"
    client.post(url + "tasks/new/", {"title": "Home visit", "due_on_0": "20", "due_on_1": "1", "due_on_2": "2026"})
    task = ess.case.tasks.get(title="Home visit")
    assert task.assigned_to == ess.officer and str(task.due_on) == "2026-01-20"
    client.post(f"/enforcement/tasks/{task.pk}/done/", {"outcome": "Visited; nobody home."})
    task.refresh_from_db()
    assert task.done_by == ess.officer
    client.post(url + "close/", {"reason": ""})
    ess.case.refresh_from_db()
    assert ess.case.is_open
    client.post(url + "close/", {"reason": "Attendance now above 95%."})
    ess.case.refresh_from_db()
    assert not ess.case.is_open
    assert "Attendance now above 95%" in client.get(url).content.decode()
