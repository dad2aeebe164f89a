"""Absence measures per enrolment and the penalty-notice threshold per pupil, computed column-wise.

Input: marks with columns upn, school_urn, date, session, code (one mark per pupil, school, date and
session). Everything is a Polars query over whole columns; nothing loops over marks in Python.

Rules (shared/design/domain/attendance.md):
- possible sessions exclude the not-possible and administrative codes;
- absence rate = (authorised + unauthorised) / possible x 100; persistent absence at 10% or more,
  severe at 50% or more, decided on the exact fraction, never the rounded rate;
- penalty-notice threshold (national framework from 19 August 2024): at least 10 sessions with a
  penalty-notice code within a rolling window of 10 school weeks, across all the pupil's schools.
  A school week is a Monday-Sunday week in which the pupil had at least one possible session at
  any school; other weeks are skipped. The window ending with a school week is that week and the
  9 school weeks before it (fewer at the start of the pupil's data). The earliest window that
  meets the threshold is reported: Monday of its first week to Sunday of its last.

How: marks are first added up over runs of consecutive rows for one pupil, school and week
(``mark_runs``), which needs no hashing of strings; the measures and the windows then work on the
runs, about a tenth as many rows as marks.
"""

from datetime import date
from pathlib import Path

import polars as pl

from tutela.attendance.codes import DEFAULT_CLASSES, AttendanceClasses
from tutela.lib.csvfiles import frame_csv, write_frame_csv

FLAG_COLUMNS = [
    "upn",
    "school_urn",
    "possible_sessions",
    "attended_sessions",
    "authorised_absence",
    "unauthorised_absence",
    "absence_rate",
    "persistent_absence",
    "severe_absence",
    "pn_threshold_met",
    "pn_window_start",
    "pn_window_end",
]
WINDOW_WEEKS = 10
THRESHOLD_SESSIONS = 10

# A mark's code is looked up once, as one integer holding four 16-bit counters (attended, authorised,
# unauthorised, counted towards the threshold), so adding up a run of marks is one sum, not four.
_COUNTERS = ("attended", "authorised", "unauthorised", "counted")
_COUNTER_BITS = 16
MOST_MARKS_IN_A_RUN = 2**_COUNTER_BITS - 1
MARKS_PER_BATCH = 4_000_000  # read from a Parquet file at a time: about 300 MB


def _counts_as(code: str, classes: AttendanceClasses) -> str | None:
    """The one class a possible session counts in; if the lists overlap, unauthorised wins, then authorised."""
    for name, codes in (
        ("unauthorised", classes.unauthorised),
        ("authorised", classes.authorised),
        ("attended", classes.attended),
    ):
        if code in codes:
            return name
    return None


def _weight(code: str, classes: AttendanceClasses) -> int:
    counters = {_counts_as(code, classes), "counted" if code in classes.penalty_notice else None}
    return sum(1 << (_COUNTER_BITS * _COUNTERS.index(name)) for name in counters if name is not None)


def _code_weight(classes: AttendanceClasses) -> pl.Expr:
    codes = sorted(classes.known | classes.penalty_notice)
    # An unknown code counts nowhere (index len(codes), weight 0), like a not-possible one.
    weights = pl.Series([_weight(code, classes) for code in codes] + [0], dtype=pl.UInt64)
    index = pl.col("code").cast(pl.Enum(codes), strict=False).to_physical().fill_null(len(codes))
    return pl.lit(weights).gather(index).alias("weight")


def _week_number(day: pl.Expr) -> pl.Expr:
    """Monday-Sunday weeks numbered from the one holding 1 January 1970, a Thursday."""
    return (day.cast(pl.Int32) + 3) // 7


def _monday(week: pl.Expr) -> pl.Expr:
    return (week * 7 - 3).cast(pl.Date)


def _marks_up_to(marks: pl.LazyFrame, as_of: date) -> pl.LazyFrame:
    """Marks on or before the day; ``date`` may come as a date or as YYYY-MM-DD text."""
    dates = pl.col("date")
    if marks.collect_schema()["date"] != pl.Date:
        dates = dates.cast(pl.String).str.to_date("%Y-%m-%d")
    return marks.select(
        pl.col("upn").cast(pl.String), pl.col("school_urn").cast(pl.String), dates.alias("date"), "code"
    ).filter(pl.col("date") <= as_of)


def mark_runs(marks: pl.LazyFrame, *, as_of: date, classes: AttendanceClasses = DEFAULT_CLASSES) -> pl.DataFrame:
    """The one pass over every mark: sessions added up per pupil, school and week (upn, school_urn,
    week number, possible, attended, authorised, unauthorised, counted), perhaps over several rows.

    Marks usually come pupil by pupil in date order. Then each run of consecutive marks for one
    pupil, school and week is added up, found by comparing neighbouring rows rather than by hashing
    strings, which is otherwise most of the work. Marks in another order (by date, say) are grouped
    by hashing. Either way, the rows of one enrolment or of one pupil's week are added up afterwards.
    """
    key = ("upn", "school_urn", "week")
    prepared = (
        _marks_up_to(marks, as_of)
        .with_columns(_week_number(pl.col("date")).alias("week"), _code_weight(classes))
        .with_columns(pl.struct(*key).rle_id().alias("run"))
        .collect()
    )
    run_count = prepared.select(pl.col("run").max().fill_null(-1) + 1).item()
    in_runs = 4 * run_count <= prepared.height  # four or more marks a run, on average
    runs = (
        prepared.lazy()
        .group_by("run" if in_runs else key)
        .agg(pl.col(key).first() if in_runs else [], pl.col("weight").sum(), pl.len().alias("marks"))
        .collect()
    )
    if (runs["marks"] > MOST_MARKS_IN_A_RUN).any():
        raise ValueError(
            f"more than {MOST_MARKS_IN_A_RUN} marks in a row for one pupil, school and week (a week has at most "
            "14 sessions: the file repeats marks)"
        )
    counters = (
        (pl.col("weight") // (1 << (_COUNTER_BITS * place)) % (1 << _COUNTER_BITS)).cast(pl.UInt32).alias(name)
        for place, name in enumerate(_COUNTERS)
    )
    return runs.select("upn", "school_urn", "week", *counters).with_columns(
        (pl.col("attended") + pl.col("authorised") + pl.col("unauthorised")).alias("possible")
    )


def enrolment_measures(sessions: pl.LazyFrame) -> pl.LazyFrame:
    """One row per pupil and school: sessions, absence rate and the persistent and severe flags."""
    absence = pl.col("authorised_absence") + pl.col("unauthorised_absence")
    possible = pl.col("possible_sessions")
    return (
        sessions.group_by("upn", "school_urn")
        .agg(
            pl.col("possible").sum().alias("possible_sessions"),
            pl.col("attended").sum().alias("attended_sessions"),
            pl.col("authorised").sum().alias("authorised_absence"),
            pl.col("unauthorised").sum().alias("unauthorised_absence"),
        )
        .with_columns(
            pl.when(possible > 0).then(absence * 100 / possible).otherwise(0.0).alias("absence_rate"),
            # Exact comparisons in whole numbers: rate >= 10% <=> 10 x absence >= possible.
            ((absence * 10 >= possible) & (possible > 0)).alias("persistent_absence"),
            ((absence * 2 >= possible) & (possible > 0)).alias("severe_absence"),
        )
    )


def penalty_notice_windows(runs: pl.LazyFrame) -> pl.LazyFrame:
    """One row per pupil who meets the threshold: the earliest qualifying window's first Monday and
    last Sunday. ``runs`` has upn, week (number), possible and counted, in any order and grouping."""
    pupil = pl.col("pupil").to_physical()
    # One integer to sort on, in pupil then week order: the pupil's number above a 32-bit week number.
    order = pupil.cast(pl.Int64) * 2**32 + pl.col("week")
    row = pl.int_range(pl.len())
    pupils_first_row = pl.when(pupil.ne_missing(pupil.shift(1))).then(row).forward_fill().fill_null(0)
    # A window is a school week and the 9 before it, within the pupil's rows.
    start = pl.max_horizontal(row - (WINDOW_WEEKS - 1), pupils_first_row)
    running = pl.col("counted").cum_sum()
    return (
        runs.filter(pl.col("counted").sum().over("upn") >= THRESHOLD_SESSIONS)  # only they can meet it
        .select(pl.col("upn").cast(pl.Categorical).alias("pupil"), "week", "possible", "counted")
        .with_columns(order.alias("order"))
        .sort("order")
        .group_by("order", maintain_order=True)
        .agg(pl.col("pupil", "week").first(), pl.col("possible", "counted").sum())
        .filter(pl.col("possible") > 0)  # only school weeks, across all the pupil's schools
        .with_columns(
            (running - running.gather(start) + pl.col("counted").gather(start)).alias("in_window"),
            pl.col("week").gather(start).alias("first_week"),
        )
        .filter(pl.col("in_window") >= THRESHOLD_SESSIONS)
        .unique("pupil", keep="first", maintain_order=True)
        .select(
            pl.col("pupil").cast(pl.String).alias("upn"),
            _monday(pl.col("first_week")).alias("pn_window_start"),
            (_monday(pl.col("week")) + pl.duration(days=6)).alias("pn_window_end"),
        )
    )


def flags_of_runs(runs: pl.DataFrame) -> pl.DataFrame:
    """The flags table from ``mark_runs`` (of one call, or several put together)."""
    return (
        enrolment_measures(runs.lazy())
        .join(penalty_notice_windows(runs.lazy()), on="upn", how="left")
        .with_columns(pl.col("pn_window_start").is_not_null().alias("pn_threshold_met"))
        .select(FLAG_COLUMNS)
        .sort("upn", "school_urn")
        .collect()
    )


def attendance_flags(marks: pl.LazyFrame, *, as_of: date, classes: AttendanceClasses = DEFAULT_CLASSES) -> pl.DataFrame:
    """The flags table: measures per enrolment, with the pupil's penalty-notice window on each of their rows."""
    return flags_of_runs(mark_runs(marks, as_of=as_of, classes=classes))


def parquet_file_flags(
    path: str, *, as_of: date, classes: AttendanceClasses = DEFAULT_CLASSES, batch: int = MARKS_PER_BATCH
) -> pl.DataFrame:
    """``attendance_flags`` of one Parquet file, read ``batch`` marks at a time: memory holds one batch
    of marks and the file's runs (about a tenth as many rows as marks), not the whole file."""
    source = pl.scan_parquet(path)
    rows = source.select(pl.len()).collect().item()
    batches = (source.slice(start, batch) for start in range(0, max(rows, 1), batch))
    return flags_of_runs(pl.concat(mark_runs(marks, as_of=as_of, classes=classes) for marks in batches))


def _csv_columns(flags: pl.DataFrame) -> pl.DataFrame:
    absence = pl.col("authorised_absence") + pl.col("unauthorised_absence")
    possible = pl.col("possible_sessions")
    # Tenths of a percent, rounded half up, in whole numbers: no floating-point surprises at x.x5.
    tenths = pl.when(possible > 0).then((absence * 2000 + possible) // (possible * 2)).otherwise(0)
    return flags.with_columns(
        pl.concat_str((tenths // 10).cast(pl.String), pl.lit("."), (tenths % 10).cast(pl.String)).alias("absence_rate"),
        *(pl.col(name).cast(pl.Int8) for name in ("persistent_absence", "severe_absence", "pn_threshold_met")),
        *(pl.col(name).dt.strftime("%Y-%m-%d") for name in ("pn_window_start", "pn_window_end")),
    )


def flags_csv(flags: pl.DataFrame) -> str:
    """The stable CSV interface: rate to one decimal place (half up), flags 0/1, dates YYYY-MM-DD or empty."""
    return frame_csv(_csv_columns(flags))


def write_flags_csv(flags: pl.DataFrame, path: Path) -> None:
    """``flags_csv`` written straight to a file, without holding the text in memory."""
    write_frame_csv(_csv_columns(flags), path)
