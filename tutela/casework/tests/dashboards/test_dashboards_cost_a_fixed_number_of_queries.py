"""The home page and the case list cost a fixed handful of queries however many cases there are:
every case, task and referral is fetched and decided through the gate in batches."""

from datetime import timedelta

from django.utils import timezone

from tutela.casework.services import task_add
from tutela.casework.tests.dashboards.conftest import referral_make


def _cases(tess, today, n, offset):
    for i in range(n):
        worker = tess.worker if i % 2 else tess.colleague
        case = tess.open(f"kid{offset + i}", worker=worker, stage=("assessment", "support", "review")[i % 3])
        task_add(
            actor=tess.manager, case=case, title="Visit", due_on=today + timedelta(days=i - 2), assigned_to=tess.worker
        )
        referral_make(tess=tess, given_name=f"Ref{offset + i}", submitted_at=timezone.now() - timedelta(days=i))


def _queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_home_page_costs_the_same_for_three_cases_or_thirty(
    client, tess, tess_today, django_assert_max_num_queries
):
    _cases(tess, tess_today, 3, 0)
    client.force_login(tess.worker)
    few = _queries(client, "/", django_assert_max_num_queries, 60)
    _cases(tess, tess_today, 27, 100)
    many = _queries(client, "/", django_assert_max_num_queries, 60)
    assert many == few, (few, many)


def test_a_managers_home_page_and_lists_cost_the_same_for_three_cases_or_thirty(
    client, tess, tess_today, django_assert_max_num_queries
):
    client.force_login(tess.manager)
    _cases(tess, tess_today, 3, 0)
    pages = ["/", "/services/targeted-education-support/", "/services/targeted-education-support/cases/?overdue=1"]
    few = [_queries(client, page, django_assert_max_num_queries, 60) for page in pages]
    _cases(tess, tess_today, 27, 100)
    many = [_queries(client, page, django_assert_max_num_queries, 60) for page in pages]
    assert many == few, (few, many)
