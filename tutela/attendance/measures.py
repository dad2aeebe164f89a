"""Absence measures per enrolment and the penalty-notice threshold per pupil, computed column-wise.

Input: marks with columns upn, school_urn, date, session, code (one mark per pupil, school, date and
session). Everything is a Polars lazy query, so it streams from Parquet at national scale and
never loops over marks in Python.

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
"""

from datetime import date, timedelta

import polars as pl

from tutela.attendance.codes import DEFAULT_CLASSES, AttendanceClasses

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


# Each mark's class as a small integer, worked out once per mark; the measures then compare integers.
_PRESENT, _ACTIVITY, _AUTHORISED, _UNAUTHORISED, _OTHER = 1, 2, 3, 4, 0


def _class_of(classes: AttendanceClasses) -> pl.Expr:
    mapping = {code: _PRESENT for code in classes.present}
    mapping |= {code: _ACTIVITY for code in classes.approved_activity}
    mapping |= {code: _AUTHORISED for code in classes.authorised}
    mapping |= {code: _UNAUTHORISED for code in classes.unauthorised}
    return pl.col("code").replace_strict(mapping, default=_OTHER, return_dtype=pl.UInt8).alias("class")


def _marks_up_to(marks: pl.LazyFrame, as_of: date, classes: AttendanceClasses) -> pl.LazyFrame:
    """Marks on or before the day, classified; ``date`` may come as a date or as YYYY-MM-DD text."""
    dates = pl.col("date")
    if marks.collect_schema()["date"] != pl.Date:
        dates = dates.cast(pl.String).str.to_date("%Y-%m-%d")
    return (
        marks.with_columns(dates.alias("date"), pl.col("upn").cast(pl.String), pl.col("school_urn").cast(pl.String))
        .filter(pl.col("date") <= as_of)
        .with_columns(_class_of(classes), pl.col("code").is_in(sorted(classes.penalty_notice)).alias("counted"))
    )


def _weekly(marks: pl.LazyFrame, as_of: date, classes: AttendanceClasses) -> pl.LazyFrame:
    """The one pass over every mark: counts per pupil, school and Monday-Sunday week."""
    kind = pl.col("class")
    return (
        _marks_up_to(marks, as_of, classes)
        .with_columns((pl.col("date") - pl.duration(days=pl.col("date").dt.weekday() - 1)).alias("week"))
        .group_by("upn", "school_urn", "week")
        .agg(
            (kind != _OTHER).sum().alias("possible"),
            kind.is_in([_PRESENT, _ACTIVITY]).sum().alias("attended"),
            (kind == _AUTHORISED).sum().alias("authorised"),
            (kind == _UNAUTHORISED).sum().alias("unauthorised"),
            pl.col("counted").sum().alias("counted"),
        )
    )


def enrolment_measures(weekly: pl.LazyFrame) -> pl.LazyFrame:
    """One row per pupil and school: sessions, absence rate and the persistent and severe flags."""
    absence = pl.col("authorised_absence") + pl.col("unauthorised_absence")
    possible = pl.col("possible_sessions")
    return (
        weekly.group_by("upn", "school_urn")
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


def penalty_notice_windows(weekly: pl.LazyFrame) -> pl.LazyFrame:
    """One row per pupil who meets the threshold: the earliest qualifying window's first Monday and last Sunday."""
    weeks = (
        weekly.group_by("upn", "week")
        .agg(pl.col("possible").sum(), pl.col("counted").sum())
        .filter(pl.col("possible") > 0)  # only school weeks, across all the pupil's schools
        .sort("upn", "week")
    )
    return (
        weeks.with_columns(
            pl.col("counted").rolling_sum(window_size=WINDOW_WEEKS, min_samples=1).over("upn").alias("in_window"),
            pl.col("week").shift(WINDOW_WEEKS - 1).over("upn").alias("first_week"),
            pl.col("week").min().over("upn").alias("earliest_week"),
        )
        .filter(pl.col("in_window") >= THRESHOLD_SESSIONS)
        .group_by("upn")
        .agg(pl.all().sort_by("week").first())
        .select(
            "upn",
            pl.coalesce("first_week", "earliest_week").alias("pn_window_start"),
            (pl.col("week") + timedelta(days=6)).alias("pn_window_end"),
        )
    )


def attendance_flags(marks: pl.LazyFrame, *, as_of: date, classes: AttendanceClasses = DEFAULT_CLASSES) -> pl.DataFrame:
    """The flags table: measures per enrolment, with the pupil's penalty-notice window on each of their rows."""
    weekly = _weekly(marks, as_of, classes).cache()
    return (
        enrolment_measures(weekly)
        .join(penalty_notice_windows(weekly), on="upn", how="left")
        .with_columns(pl.col("pn_window_start").is_not_null().alias("pn_threshold_met"))
        .select(FLAG_COLUMNS)
        .sort("upn", "school_urn")
        .collect(engine="streaming")
    )


def flags_csv(flags: pl.DataFrame) -> str:
    """The stable CSV interface: rate to one decimal place (half up), flags 0/1, dates YYYY-MM-DD or empty."""
    absence = pl.col("authorised_absence") + pl.col("unauthorised_absence")
    possible = pl.col("possible_sessions")
    # Tenths of a percent, rounded half up, in whole numbers: no floating-point surprises at x.x5.
    tenths = pl.when(possible > 0).then((absence * 2000 + possible) // (possible * 2)).otherwise(0)
    return flags.with_columns(
        pl.concat_str((tenths // 10).cast(pl.String), pl.lit("."), (tenths % 10).cast(pl.String)).alias("absence_rate"),
        *(pl.col(name).cast(pl.Int8) for name in ("persistent_absence", "severe_absence", "pn_threshold_met")),
        *(pl.col(name).dt.strftime("%Y-%m-%d") for name in ("pn_window_start", "pn_window_end")),
    ).write_csv()
