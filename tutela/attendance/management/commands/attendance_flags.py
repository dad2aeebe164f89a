"""Write the attendance flags table: measures per enrolment and the penalty-notice threshold.

A stable interface other tools rely on: the header is exactly
upn,school_urn,possible_sessions,attended_sessions,authorised_absence,unauthorised_absence,
absence_rate,persistent_absence,severe_absence,pn_threshold_met,pn_window_start,pn_window_end,
one row per enrolment in upn then school_urn order. Only marks on or before --as-of count. The
threshold flags a pupil for a person's decision; it never triggers any action itself.

With --marks, Parquet files are read a file per core at a time and a few million marks at once, so
a national year (7.5 million pupils, 2.85 billion marks) takes about three minutes and under 2 GB
on two cores (bench/attendance.py --national), provided each pupil's marks are all in one file.
"""

import glob
from argparse import ArgumentParser
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
from django.core.management.base import BaseCommand, CommandError

from tutela.attendance.measures import attendance_flags, parquet_file_flags, write_flags_csv
from tutela.attendance.readers import HEADER
from tutela.attendance.selectors import stored_marks


class Command(BaseCommand):
    help = (
        "Compute absence measures and penalty-notice flags as at a date, from the marks stored in Tutela "
        "or from Parquet files. Parquet files are read one at a time per core, a few million marks at once, "
        "which keeps memory small, when each pupil's marks are all in one file (files split by pupil, for "
        "example by UPN range or a hash of the UPN, not by date or by school). If a pupil's marks are in more "
        "than one file, the command says so and reads all the files together, which needs memory for all of them."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--as-of", required=True, help="YYYY-MM-DD: marks after this day are ignored.")
        parser.add_argument("--out", required=True, type=Path, help="CSV file to write.")
        parser.add_argument(
            "--marks",
            help="Parquet file or glob with columns upn, school_urn, date, session, code (date a date or "
            "YYYY-MM-DD text), each pupil's marks in one file; without it, the marks stored in Tutela.",
        )

    def handle(self, *args: Any, as_of: str, out: Path, marks: str | None, **options: Any) -> None:
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            raise CommandError(f"--as-of must be a date in the form YYYY-MM-DD, not '{as_of}'") from None
        try:
            if marks is None:
                self._write(attendance_flags(stored_marks(), as_of=day), out)
                return
            files = sorted(glob.glob(marks)) or [marks]
            self._write(self._flags_from_files(files, day), out)
        except ValueError as problem:  # marks the measures cannot count, e.g. the same session many times over
            raise CommandError(f"the marks cannot be counted: {problem}") from problem

    def _flags_from_files(self, files: list[str], day: date) -> pl.DataFrame:
        # Polars does much of the work on one core, so a file per core at a time.
        with ThreadPoolExecutor(max_workers=pl.thread_pool_size()) as pool:
            parts = list(pool.map(lambda file: self._file_flags(file, day), files))
        if len(parts) == 1:
            return parts[0]
        pupils = pl.concat([part.select(pl.col("upn").unique()) for part in parts])["upn"]
        if pupils.is_duplicated().any():
            self.stderr.write(
                f"Pupil {pupils.filter(pupils.is_duplicated())[0]} has marks in more than one file: "
                "reading all the files together instead, which needs memory for all of them. "
                "Keep each pupil's marks in one file to read them one at a time."
            )
            return attendance_flags(pl.scan_parquet(files), as_of=day)
        flags = pl.concat(parts, rechunk=False)
        # Files in UPN order (the usual way to split by pupil) are already in order once put together.
        return flags if flags["upn"].is_sorted() else flags.sort("upn", "school_urn")

    def _file_flags(self, file: str, day: date) -> pl.DataFrame:
        try:
            missing = set(HEADER) - set(pl.scan_parquet(file).collect_schema().names())
        except (FileNotFoundError, pl.exceptions.ComputeError) as problem:
            raise CommandError(f"cannot read marks from {file}: {problem}") from problem
        if missing:
            raise CommandError(f"the marks in {file} have no column(s): {', '.join(sorted(missing))}")
        return parquet_file_flags(file, as_of=day)

    def _write(self, flags: pl.DataFrame, out: Path) -> None:
        write_flags_csv(flags, out)
        met = int(flags["pn_threshold_met"].sum())
        self.stdout.write(f"Wrote {flags.height} enrolments to {out}; {met} rows for pupils meeting the threshold.")
