"""What the processing gate costs on a person page with 200 records.

Builds a throwaway SQLite database (or uses DATABASE_URL), then renders the same person page
template two ways, interleaved in one process:
  bare  - the page's data fetched with plain ORM queries: no gate, no audit (the baseline);
  gated - the page as Tutela serves it: person_page(), which asks the gate about every record
          in one batch and writes one audit entry.
Prints the median time of each, the overhead, and the number of queries each makes.

    .venv/bin/python bench/gate.py [--records 200] [--rounds 300]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(workdir: Path) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["TUTELA_VAR_DIR"] = str(workdir)
    os.environ["TUTELA_MODE"] = "test"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tutela.settings_test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _world(records: int) -> tuple[Any, Any]:
    from django.utils import timezone

    from tutela.accounts.models import Controller, Role, Team, User
    from tutela.casework.models import Case
    from tutela.people.models import Person
    from tutela.records.services import record_create

    controller = Controller.objects.create(slug="wigan", name="Wigan Council", kind="local_authority")
    team = Team.objects.create(
        controller=controller, slug="ec", name="Engagement Centres", service="engagement-centres"
    )
    worker = User.objects.create(username="bench-worker", controller=controller)
    worker.roles.set([Role.objects.get(code="caseworker")])
    worker.teams.set([team])
    child = Person.objects.create(kind="child", la_reference="BENCH-1", given_name="Bea", family_name="Bench")
    case = Case.objects.create(
        reference="BENCH-CASE",
        controller=controller,
        service="engagement-centres",
        child=child,
        owning_team=team,
        allocated_worker=worker,
        opened_at=timezone.now(),
        opened_by=worker,
    )
    for number in range(records):
        sensitive = number % 10 == 0
        record_create(
            actor=worker,
            subject=child,
            controller=controller,
            service="engagement-centres",
            purpose="care-while-attending" if sensitive else "administer-service",
            categories=["child.special.health"] if sensitive else ["child.identity.name", "child.education.attendance"],
            kind="file_note",
            title=f"Note {number}",
            body="Seen at the centre",
            occurred_on=timezone.localdate(),
            source="officer",
            case=case,
        )
    return worker, child


def _request(user: Any) -> Any:
    from django.test import RequestFactory

    request = RequestFactory().get("/people/1/")
    request.user = user
    request.csp_nonce = "bench"  # type: ignore[attr-defined]
    return request


def _bare_page(person_id: int) -> Any:
    """The same page data with plain queries: everything shown, nothing checked, nothing audited."""
    from tutela.casework.models import Case
    from tutela.consent.models import Consent
    from tutela.people.models import Person, Relationship
    from tutela.records.models import Record
    from tutela.records.selectors import RecordRow
    from tutela.sharing.selectors import recipients_holding
    from tutela.web.person_page import ConsentRow, PersonPage, _names

    person = Person.objects.select_related("school").get(pk=person_id)
    records = (
        Record.objects.filter(subject=person)
        .select_related("case", "controller", "subject")
        .order_by("-occurred_on", "-recorded_at")
    )
    rows = [
        RecordRow(r.pk, r.get_kind_display(), r.occurred_on, True, r.title, r.service, r.purpose, ("bare",))
        for r in records
    ]
    relationships = list(
        Relationship.objects.filter(child=person).select_related("person")
        | Relationship.objects.filter(person=person).select_related("child")
    )
    cases = list(Case.objects.filter(child=person).select_related("controller", "owning_team"))
    consents = list(Consent.objects.filter(subject=person).select_related("given_by", "controller"))
    services, purposes = _names({case.controller.slug for case in cases} | {c.controller.slug for c in consents})
    return PersonPage(
        person=person,
        records=rows,
        relationships=relationships,
        consents=[
            ConsentRow(
                c,
                "; ".join(purposes.get((c.service, key), key) for key in c.purposes),
                services.get(c.service, c.service),
            )
            for c in consents
        ],
        cases=cases,
        service_names=services,
        shared_with=recipients_holding(person=person),
    )


def _render(page: Any, request: Any) -> str:
    from django.template.loader import render_to_string

    return render_to_string("records/person_detail.html", {"page": page}, request=request)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        _setup(Path(workdir))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from tutela.web.person_page import person_page

        worker, child = _world(args.records)
        request = _request(worker)

        def bare() -> str:
            return _render(_bare_page(child.pk), request)

        def gated() -> str:
            return _render(person_page(actor=worker, person_id=child.pk), request)

        for build in (bare, gated):  # warm caches: templates, register, key store
            build()
        timings: dict[str, list[float]] = {"bare": [], "gated": []}
        for _ in range(args.rounds):
            for name, build in (("bare", bare), ("gated", gated)):
                start = time.perf_counter()
                build()
                timings[name].append(time.perf_counter() - start)
        queries = {}
        for name, build in (("bare", bare), ("gated", gated)):
            with CaptureQueriesContext(connection) as captured:
                build()
            queries[name] = len(captured)

        bare_ms = statistics.median(timings["bare"]) * 1000
        gated_ms = statistics.median(timings["gated"]) * 1000
        # Each round renders both back to back, so their difference cancels most machine noise.
        paired = statistics.median(g - b for g, b in zip(timings["gated"], timings["bare"], strict=True)) * 1000
        overhead = paired / bare_ms * 100
        print(f"person page, {args.records} records, {args.rounds} interleaved rounds, {connection.vendor}")
        print(f"  bare ORM (baseline): median {bare_ms:7.2f} ms, {queries['bare']} queries")
        print(f"  gated (Tutela):      median {gated_ms:7.2f} ms, {queries['gated']} queries (incl. 1 audit entry)")
        print(f"  gate overhead: median paired difference {paired:+.2f} ms = {overhead:+.1f}% (goal under 5%)")


if __name__ == "__main__":
    main()
