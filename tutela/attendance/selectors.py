"""Stored marks as a Polars frame, for the measures (column-wise from there on)."""

import polars as pl

from tutela.attendance.models import AttendanceYear
from tutela.attendance.packing import unpack


def stored_marks() -> pl.LazyFrame:
    """Every stored mark: upn, school_urn, date, session, code."""
    stored = AttendanceYear.objects.values_list("person__upn", "school__urn", "academic_year", "marks")
    rows = [(upn or "", urn, year, marks) for upn, urn, year, marks in stored.iterator(chunk_size=2000)]
    return unpack(rows).lazy()
