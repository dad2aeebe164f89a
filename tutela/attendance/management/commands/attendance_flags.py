"""Write the attendance flags table: measures per enrolment and the penalty-notice threshold.

A stable interface other tools rely on: the header is exactly
upn,school_urn,possible_sessions,attended_sessions,authorised_absence,unauthorised_absence,
absence_rate,persistent_absence,severe_absence,pn_threshold_met,pn_window_start,pn_window_end.
Only marks on or before --as-of count. The threshold flags a pupil for a person's decision; it
never triggers any action itself.
"""

from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
from django.core.management.base import BaseCommand, CommandError

from tutela.attendance.measures import attendance_flags, flags_csv
from tutela.attendance.selectors import stored_marks


class Command(BaseCommand):
    help = "Compute absence measures and penalty-notice flags from attendance marks (Parquet) as at a date."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--as-of", required=True, help="YYYY-MM-DD: marks after this day are ignored.")
        parser.add_argument("--out", required=True, type=Path, help="CSV file to write.")
        parser.add_argument(
            "--marks",
            help="Parquet file or glob with columns upn, school_urn, date, session, code (streamed); "
            "without it, the marks stored in Tutela.",
        )

    def handle(self, *args: Any, as_of: str, out: Path, marks: str | None, **options: Any) -> None:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            raise CommandError(f"--as-of must be a date in the form YYYY-MM-DD, not '{as_of}'") from None
        if marks is None:
            self._write(attendance_flags(stored_marks(), as_of=day), out)
            return
        try:
            source = pl.scan_parquet(marks)
            missing = {"upn", "school_urn", "date", "session", "code"} - set(source.collect_schema().names())
        except (FileNotFoundError, pl.exceptions.ComputeError) as problem:
            raise CommandError(f"cannot read marks from {marks}: {problem}") from problem
        if missing:
            raise CommandError(f"the marks have no column(s): {', '.join(sorted(missing))}")
        self._write(attendance_flags(source, as_of=day), out)

    def _write(self, flags: pl.DataFrame, out: Path) -> None:
        out.write_text(flags_csv(flags), encoding="utf-8")
        met = int(flags["pn_threshold_met"].sum())
        self.stdout.write(f"Wrote {flags.height} enrolments to {out}; {met} rows for pupils meeting the threshold.")
