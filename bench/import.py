"""School import speed: Tutela's importer against PostgreSQL COPY of the same rows.

Generates (seeded) a CSV of N pupils with one or two contacts each, then, in one process on a
fresh PostgreSQL database:
  tutela   - `school_import`'s work: read and check every row, then write pupils, contacts,
             relationships and enrolments in one transaction, with the audit entries;
  COPY     - the baseline: the same people, relationships and enrolments loaded with COPY
             (no checks, no audit), after emptying the tables.
Prints both times and the ratio (goal: Tutela within 3x of COPY).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import.py [--pupils 50000]
The database named in DATABASE_URL is only used to create and drop a scratch database.
"""

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRATCH = "tutela_bench_import"


def _scratch_database() -> str:
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server: this benchmark compares with COPY.")
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")
        admin.execute(f"CREATE DATABASE {SCRATCH}")
    return url.rsplit("/", 1)[0] + f"/{SCRATCH}"


def _setup(workdir: Path, url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["TUTELA_VAR_DIR"] = str(workdir)
    os.environ["TUTELA_MODE"] = "test"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tutela.settings_test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _generate(path: Path, pupils: int, seed: int) -> None:
    from tutela.lib.identifiers import upn_build
    from tutela.sharing.imports.csv_source import COLUMNS

    rng = random.Random(seed)  # noqa: S311 -- synthetic data, not security
    forenames = ["Ada", "Ben", "Cara", "Dev", "Ela", "Finn", "Gia", "Hal", "Ivy", "Jon", "Kai", "Lia"]
    surnames = ["Ashworth", "Bennett", "Clarke", "Dunn", "Evans", "Foster", "Grant", "Hughes", "Ingram", "Jones"]
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for number in range(pupils):
            upn = upn_build(
                la_code="359", establishment=f"{2000 + number // 1000:04d}", year=2017, serial=number % 1000
            )
            surname = rng.choice(surnames)
            pupil = [
                upn,
                rng.choice(forenames),
                surname,
                f"{rng.randint(2010, 2019)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                rng.choice("FM"),
                f"{number} Bench Road, Wigan",
                "2024-09-04",
            ]
            for kind in ["mother", "father"][: rng.choice([1, 2])]:
                writer.writerow([*pupil, rng.choice(forenames), surname, kind, "yes", pupil[5], "07700 900000", ""])


def _world() -> tuple[Any, Any, Any]:
    from tutela.accounts.models import Controller, Role, Team, User
    from tutela.people.models import School

    controller = Controller.objects.create(slug="wigan", name="Wigan Council", kind="local_authority")
    team = Team.objects.create(controller=controller, slug="data", name="Education Data", service="pupil-data")
    user = User.objects.create(username="importer", controller=controller)
    user.roles.set([Role.objects.get(code="caseworker")])
    user.teams.set([team])
    school = School.objects.create(
        urn="995999", name="Bench High", la_code="359", establishment_number="4999", phase="secondary", kind="academy"
    )
    return user, team, school


def _tutela(path: Path, user: Any, team: Any, school: Any) -> tuple[float, Any]:
    from tutela.sharing.imports.apply import apply_import
    from tutela.sharing.imports.csv_source import read_csv

    start = time.perf_counter()
    pupils, problems = read_csv(path)
    if problems:
        raise SystemExit(f"the generated file has problems: {problems[:3]}")
    result = apply_import(pupils=pupils, school=school, team=team, actor=user, source=path.name)
    return time.perf_counter() - start, result


def _empty_tables() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE people_enrolment, people_relationship RESTART IDENTITY")
        cursor.execute("DELETE FROM people_person")


def _copy(path: Path, team_id: int, school_id: int) -> float:
    """Load the same rows with COPY: pupils and contacts, then relationships and enrolments by reference."""
    from django.db import connection

    start = time.perf_counter()
    people: dict[str, tuple[Any, ...]] = {}
    links, enrolments = [], []
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            upn = row["upn"]
            people.setdefault(
                f"SCH-{upn}",
                (
                    "child",
                    f"SCH-{upn}",
                    row["forename"],
                    row["surname"],
                    row["date_of_birth"],
                    row["gender"],
                    upn,
                    school_id,
                    row["address"],
                    "",
                    "",
                ),
            )
            contact = f"SCH-C-{upn}-{row['contact_relationship']}"
            people[contact] = (
                "parent",
                contact,
                row["contact_forename"],
                row["contact_surname"],
                None,
                "U",
                None,
                None,
                row["contact_address"],
                row["contact_phone"],
                row["contact_email"],
            )
            links.append((contact, f"SCH-{upn}", row["contact_relationship"]))
            enrolments.append((f"SCH-{upn}", row["enrolled_on"]))
    raw = connection.connection  # the psycopg connection under Django's
    with raw.cursor() as cursor:
        with cursor.copy(
            "COPY people_person (kind, la_reference, given_name, family_name, date_of_birth, gender, upn,"
            " school_id, address, phone, email, processing_restricted, restriction_reason,"
            " registered_by_team_id) FROM STDIN"
        ) as copy:
            for values in people.values():
                copy.write_row((*values, False, "", team_id))
        ids = dict(cursor.execute("SELECT la_reference, id FROM people_person").fetchall())
        with cursor.copy(
            "COPY people_relationship (person_id, child_id, kind, parental_responsibility) FROM STDIN"
        ) as copy:
            for contact, child, kind in links:
                copy.write_row((ids[contact], ids[child], kind, True))
        with cursor.copy("COPY people_enrolment (person_id, school_id, enrolled_on) FROM STDIN") as copy:
            for child, day in dict.fromkeys(enrolments):
                copy.write_row((ids[child], school_id, day))
    raw.commit()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    url = _scratch_database()
    with tempfile.TemporaryDirectory() as workdir:
        _setup(Path(workdir), url)
        from django.db import connection

        path = Path(workdir) / "pupils.csv"
        _generate(path, args.pupils, args.seed)
        user, team, school = _world()
        tutela_seconds, result = _tutela(path, user, team, school)
        _empty_tables()
        copy_seconds = _copy(path, team.pk, school.pk)
        print(f"school import of {args.pupils} pupils ({result.contacts_created} contacts), PostgreSQL")
        print(f"  COPY of the same rows (baseline): {copy_seconds:6.2f} s")
        print(
            f"  Tutela school_import:             {tutela_seconds:6.2f} s  "
            f"({result.pupils_created} pupils and {result.contacts_created} contacts added, checked and audited)"
        )
        print(f"  ratio: {tutela_seconds / copy_seconds:.2f}x COPY (goal: within 3x)")
        connection.close()
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {SCRATCH}")


if __name__ == "__main__":
    main()
