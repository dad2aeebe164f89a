"""Import pupils, contacts and enrolments sent by a school: CSV (see the README) or a CTF XML file.

Everything is checked before anything is written: if any line is wrong, nothing is imported and
each problem is listed as 'line N: field: message' (or the XML path). Importing the same file
again changes nothing; a changed pupil, matched by UPN, is updated and the change audited.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tutela.accounts.models import User
from tutela.people.models import School
from tutela.sharing.imports.apply import ImportInvalid, apply_import
from tutela.sharing.imports.csv_source import read_csv
from tutela.sharing.imports.ctf_source import read_ctf


class Command(BaseCommand):
    help = "Import a school's pupils, contacts and enrolments (CSV or CTF XML); all or nothing."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--school", required=True, help="The school's URN.")
        parser.add_argument("--user", required=True, help="Username of the officer importing.")
        parser.add_argument("--team", help="The team registering these people (default: the user's only team).")

    def handle(self, *args: Any, file: Path, school: str, user: str, team: str | None, **options: Any) -> None:
        if not file.exists():
            raise CommandError(f"no such file: {file}")
        found_school = School.objects.filter(urn=school).first()
        if found_school is None:
            raise CommandError(f"no school with URN {school}")
        actor = User.objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"no active user {user}")
        teams = actor.teams.filter(slug=team) if team else actor.teams.all()
        if teams.count() != 1:
            raise CommandError("choose the importing team with --team (the user must belong to it)")
        pupils, problems = read_ctf(file) if file.suffix.lower() == ".xml" else read_csv(file)
        self.stdout.write(f"Read {len(pupils)} pupils from {file.name}")
        if problems:
            self._fail(problems)

        def progress(done: int) -> None:
            self.stdout.write(f"  written {done} of {len(pupils)} pupils", ending="\r")

        try:
            result = apply_import(
                pupils=pupils, school=found_school, team=teams.get(), actor=actor, source=file.name, progress=progress
            )
        except ImportInvalid as invalid:
            self._fail(invalid.problems)
        self.stdout.write(
            f"\nPupils: {result.pupils_created} added, {result.pupils_updated} updated, {result.pupils_unchanged} "
            f"unchanged. Contacts: {result.contacts_created} added, {result.contacts_updated} updated."
        )

    def _fail(self, problems: list[str]) -> None:
        for problem in problems[:200]:
            self.stderr.write(problem)
        if len(problems) > 200:
            self.stderr.write(f"... and {len(problems) - 200} more")
        raise CommandError(f"{len(problems)} problem(s) found; nothing was imported", returncode=1)
