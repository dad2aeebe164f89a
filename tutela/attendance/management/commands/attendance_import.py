"""Import session marks from CSV (header upn,school_urn,date,session,code) or Parquet.

All or nothing: any bad line and nothing is written, each problem listed as 'line N: field:
message'. Importing the same file again changes nothing. A later file may correct earlier
marks; every change is kept (who, when, old, new) and never overwritten silently.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tutela.accounts.models import User
from tutela.attendance.readers import read_marks
from tutela.attendance.services import MarksInvalid, marks_import


class Command(BaseCommand):
    help = "Import attendance marks (CSV or Parquet); all or nothing; changes kept as history."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", help="Username of the officer importing (recorded with the batch).")

    def handle(self, *args: Any, file: Path, user: str | None, **options: Any) -> None:
        if not file.exists():
            raise CommandError(f"no such file: {file}")
        actor = User.objects.filter(username=user).first() if user else None
        if user and actor is None:
            raise CommandError(f"no user {user}")
        rows, problems = read_marks(file)
        if not problems:
            self.stdout.write(f"Read {len(rows)} marks from {file.name}")
            try:
                outcome = marks_import(
                    rows=rows,
                    actor=actor,
                    source=file.name,
                    content=file.read_bytes(),
                    progress=lambda done: self.stdout.write(f"  {done} marks", ending="\r"),
                )
            except MarksInvalid as invalid:
                problems = invalid.problems
        if problems:
            for problem in problems[:200]:
                self.stderr.write(problem)
            raise CommandError(f"{len(problems)} problem(s) found; nothing was imported", returncode=1)
        self.stdout.write(f"{outcome.added} marks added, {outcome.changed} changed, {outcome.unchanged} unchanged.")
