"""A manager's figures for their service, where every number links to the list of exactly the
cases (or referrals) it counts."""

import re
from datetime import timedelta
from html import unescape

from django.utils import timezone

from tutela.casework.figures import service_figures
from tutela.casework.models import CaseFlag
from tutela.casework.services import case_close, task_add
from tutela.casework.tests.dashboards.conftest import referral_make


def _world(tess, today):
    tess.open("ada", worker=tess.worker, stage="assessment", days_ago=5)
    tess.open("bob", worker=tess.worker, stage="support", days_ago=90)
    tess.open("cy", worker=tess.colleague, stage="support", days_ago=40)
    tess.open("dee", worker=None, stage="", days_ago=10)
    closed = tess.open("eve", worker=tess.colleague, stage="review", days_ago=100)
    case_close(actor=tess.manager, case=closed, reason="Support ended")
    old_closed = tess.open("fay", worker=tess.colleague, stage="review", days_ago=100)
    old_closed.closed_at = timezone.now() - timedelta(days=45)
    old_closed.save(update_fields=["closed_at"])
    task_add(actor=tess.worker, case=tess.cases["bob"], title="Late one", due_on=today - timedelta(days=2))
    task_add(actor=tess.worker, case=tess.cases["bob"], title="Late two", due_on=today - timedelta(days=1))
    task_add(actor=tess.worker, case=tess.cases["ada"], title="Not late", due_on=today + timedelta(days=9))
    task_add(actor=tess.worker, case=closed, title="Late on a closed case", due_on=today - timedelta(days=3))
    CaseFlag.objects.create(case=tess.cases["cy"], kind="consent_withdrawn", message="m", raised_at=timezone.now())
    referral_make(tess=tess, given_name="Old", submitted_at=timezone.now() - timedelta(days=6))
    referral_make(tess=tess, given_name="New", submitted_at=timezone.now() - timedelta(days=1))
    referral_make(tess=tess, given_name="Done", submitted_at=timezone.now() - timedelta(days=20), status="accepted")


def _listed(client, url):
    html = client.get(url).content.decode()
    return sorted(set(re.findall(r"([A-Z][a-z]+) Testchild", html))), html


def test_the_figures_count_the_service(tess, tess_today):
    _world(tess, tess_today)
    figures = service_figures(actor=tess.manager, service="targeted-education-support", today=tess_today)
    assert figures.open_cases.count == 4
    assert figures.opened.count == 2  # ada and dee in the last 30 days
    assert figures.closed.count == 1  # eve today; fay 45 days ago
    assert figures.referrals_waiting.count == 2 and figures.oldest_waiting_days == 6
    assert figures.overdue_tasks.count == 2  # on open cases only
    assert figures.open_flags.count == 1
    assert [(f.label, f.count) for f in figures.by_stage] == [
        ("Not started", 1),
        ("Assessment", 1),
        ("Support plan", 2),
    ]
    assert [(f.label, f.count) for f in figures.caseload] == [
        ("Wendy Worker", 2),
        ("Colin Colleague", 1),
        ("Unallocated", 1),
    ]


def test_each_number_lists_exactly_the_cases_behind_it(client, tess, tess_today):
    _world(tess, tess_today)
    figures = service_figures(actor=tess.manager, service="targeted-education-support", today=tess_today)
    client.force_login(tess.manager)
    expected = {
        figures.open_cases.url: ["Ada", "Bob", "Cy", "Dee"],
        figures.opened.url: ["Ada", "Dee"],
        figures.closed.url: ["Eve"],
        figures.overdue_tasks.url: ["Bob"],
        figures.open_flags.url: ["Cy"],
        **dict(zip((f.url for f in figures.by_stage), (["Dee"], ["Ada"], ["Bob", "Cy"]), strict=True)),
        **dict(zip((f.url for f in figures.caseload), (["Ada", "Bob"], ["Cy"], ["Dee"]), strict=True)),
    }
    for url, children in expected.items():
        listed, _html = _listed(client, url)
        assert listed == children, url


def test_the_overdue_list_shows_each_overdue_task_counted(client, tess, tess_today):
    _world(tess, tess_today)
    figures = service_figures(actor=tess.manager, service="targeted-education-support", today=tess_today)
    client.force_login(tess.manager)
    _listed_children, html = _listed(client, figures.overdue_tasks.url)
    assert html.count("Overdue: ") == figures.overdue_tasks.count


def test_the_referrals_number_leads_to_the_referrals_waiting_oldest_first(client, tess, tess_today):
    _world(tess, tess_today)
    figures = service_figures(actor=tess.manager, service="targeted-education-support", today=tess_today)
    client.force_login(tess.manager)
    html = unescape(client.get(figures.referrals_waiting.url).content.decode())
    waiting = html[html.index('id="referrals-waiting"') :]
    assert waiting.index("Old Referred") < waiting.index("New Referred")
    assert "Done Referred" not in html


def test_the_home_page_of_a_manager_links_each_figure(client, tess, tess_today):
    _world(tess, tess_today)
    figures = service_figures(actor=tess.manager, service="targeted-education-support", today=tess_today)
    client.force_login(tess.manager)
    html = unescape(client.get("/").content.decode())
    for figure in [*figures.headline, *figures.by_stage, *figures.caseload]:
        assert f'href="{figure.url}">{figure.count}</a>' in html, figure
