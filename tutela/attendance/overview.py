"""What the attendance pages show: a school's or an LA's figures, the absence rate per school week
and its chart, and one pupil's year as a month-by-month grid of marks.

Figures follow shared/design/domain/attendance.md: absence rate = (authorised + unauthorised) /
possible x 100; persistent absence at 10% and severe absence at 50% of possible sessions, decided
by ``measures.enrolment_measures`` on the exact fraction. Marks are handled column-wise in Polars;
Python loops only over the weeks of a year (the chart) or the days of one pupil's year (the grid).
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import polars as pl

from tutela.attendance.codes import CODE_MEANINGS, DEFAULT_CLASSES, AttendanceClasses
from tutela.attendance.measures import enrolment_measures


def percent(part: int, whole: int) -> str:
    """A percentage to one decimal place, half up, in whole numbers (as the flags CSV rounds it)."""
    if whole <= 0:
        return "0.0"
    tenths = (part * 2000 + whole) // (whole * 2)
    return f"{tenths // 10}.{tenths % 10}"


@dataclass(frozen=True)
class Figures:
    """A group of pupils' sessions and how many of them reach each level."""

    pupils: int
    possible: int
    attended: int
    absent: int
    persistent: int
    severe: int
    threshold: int

    @property
    def absence_rate(self) -> str:
        return percent(self.absent, self.possible)

    @property
    def attended_rate(self) -> str:
        return percent(self.attended, self.possible)


def _totals() -> list[pl.Expr]:
    return [
        pl.len().alias("pupils"),
        pl.col("possible_sessions").sum().alias("possible"),
        pl.col("attended_sessions").sum().alias("attended"),
        (pl.col("authorised_absence") + pl.col("unauthorised_absence")).sum().alias("absent"),
        pl.col("persistent_absence").sum().alias("persistent"),
        pl.col("severe_absence").sum().alias("severe"),
        pl.col("pn_threshold_met").sum().alias("threshold"),
    ]


def _figures(row: dict[str, Any]) -> Figures:
    return Figures(**{name: int(row[name] or 0) for name in Figures.__dataclass_fields__})


def figures_of(measures: pl.DataFrame) -> Figures:
    """Totals over rows of flags (one per enrolment, or one per pupil)."""
    return _figures(measures.select(_totals()).row(0, named=True))


def figures_by_school(flags: pl.DataFrame) -> dict[str, Figures]:
    """Totals per school over rows of flags (one per enrolment)."""
    grouped = flags.group_by("school_urn").agg(_totals())
    return {str(row["school_urn"]): _figures(row) for row in grouped.iter_rows(named=True)}


def pupil_measures(flags: pl.DataFrame) -> pl.DataFrame:
    """One row per pupil over all their enrolments in ``flags``: a pupil who changed school counts once,
    on all their sessions, with the same rules as an enrolment."""
    sessions = flags.lazy().select(
        "upn",
        pl.lit("all").alias("school_urn"),
        pl.col("possible_sessions").alias("possible"),
        pl.col("attended_sessions").alias("attended"),
        pl.col("authorised_absence").alias("authorised"),
        pl.col("unauthorised_absence").alias("unauthorised"),
    )
    threshold = flags.lazy().group_by("upn").agg(pl.col("pn_threshold_met").any())
    return enrolment_measures(sessions).join(threshold, on="upn").collect()


def weekly_absence(marks: pl.LazyFrame, *, as_of: date, classes: AttendanceClasses = DEFAULT_CLASSES) -> pl.DataFrame:
    """Absence per school week: week (its Monday), possible, absent; only weeks with a possible session."""
    code = pl.col("code")
    return (
        marks.filter(pl.col("date") <= as_of)
        .group_by(pl.col("date").dt.truncate("1w").alias("week"))
        .agg(
            code.is_in(sorted(classes.possible)).sum().alias("possible"),
            code.is_in(sorted(classes.authorised | classes.unauthorised)).sum().alias("absent"),
        )
        .filter(pl.col("possible") > 0)
        .sort("week")
        .collect()
    )


@dataclass(frozen=True)
class WeekRate:
    week: date
    possible: int
    absent: int

    @property
    def rate(self) -> str:
        return percent(self.absent, self.possible)


def week_rates(weekly: pl.DataFrame) -> list[WeekRate]:
    return [WeekRate(row["week"], int(row["possible"]), int(row["absent"])) for row in weekly.iter_rows(named=True)]


# The chart's drawing area, in SVG user units (the SVG scales to the width of the page).
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 630, 12, 220
PERSISTENT_LEVEL = 10  # per cent; drawn as a reference line


@dataclass(frozen=True)
class Bar:
    week: date
    rate: str
    x: str
    y: str
    width: str
    height: str


@dataclass(frozen=True)
class Tick:
    """A labelled position on an axis: ``at`` is y for the rate axis, x for the week axis."""

    at: str
    label: str


@dataclass(frozen=True)
class TrendChart:
    bars: list[Bar]
    rate_ticks: list[Tick]
    month_ticks: list[Tick]
    reference: Tick | None
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM

    @property
    def label_y(self) -> int:
        return self.bottom + 18


def _scale(top_rate: float) -> tuple[int, int]:
    """The axis maximum and step: a round step giving at most six gridlines, up to at least 10%."""
    for step in (2, 5, 10, 20):
        maximum = max(PERSISTENT_LEVEL, math.ceil(top_rate / step) * step)
        if maximum // step <= 6:
            return maximum, step
    return 100, 20


def _num(value: float) -> str:
    return f"{value:.1f}"


def trend_chart(weeks: list[WeekRate]) -> TrendChart:
    """Coordinates for a bar chart of the absence rate per school week, computed here so the template
    only places them (no script, no inline style: the page's CSP allows neither)."""
    if not weeks:
        return TrendChart([], [], [], None)
    rates = [week.absent * 100 / week.possible for week in weeks]
    maximum, step = _scale(max(rates))
    plot_height = BOTTOM - TOP
    slot = (RIGHT - LEFT) / len(weeks)

    def y_of(rate: float) -> float:
        return BOTTOM - rate / maximum * plot_height

    bars = [
        Bar(
            week.week,
            week.rate,
            _num(LEFT + slot * index + slot * 0.15),
            _num(y_of(rate)),
            _num(slot * 0.7),
            _num(BOTTOM - y_of(rate)),
        )
        for index, (week, rate) in enumerate(zip(weeks, rates, strict=True))
    ]
    rate_ticks = [Tick(_num(y_of(level)), f"{level}%") for level in range(0, maximum + 1, step)]
    # A week belongs to the month its Thursday falls in (as ISO weeks belong to years), so the week
    # of Monday 31 August is September's.
    months = [week.week + timedelta(days=3) for week in weeks]
    month_ticks = [
        Tick(_num(LEFT + slot * index + slot / 2), f"{month:%b}")
        for index, month in enumerate(months)
        if index == 0 or month.month != months[index - 1].month
    ]
    return TrendChart(bars, rate_ticks, month_ticks, Tick(_num(y_of(PERSISTENT_LEVEL)), f"{PERSISTENT_LEVEL}%"))


# The calendar grid --------------------------------------------------------------------------

CLASS_NAMES = {
    "present": "Present",
    "activity": "Approved educational activity (counts as attendance)",
    "authorised": "Authorised absence",
    "unauthorised": "Unauthorised absence",
    "not_possible": "Not a possible session",
    "administrative": "Administrative",
}
# GOV.UK tag colours, one per class; present marks are shown plain.
CLASS_TAGS = {
    "present": "",
    "activity": "govuk-tag--turquoise",
    "authorised": "govuk-tag--yellow",
    "unauthorised": "govuk-tag--red",
    "not_possible": "govuk-tag--grey",
    "administrative": "govuk-tag--grey",
}


def class_codes(classes: AttendanceClasses = DEFAULT_CLASSES) -> dict[str, frozenset[str]]:
    return {
        "present": classes.present,
        "activity": classes.approved_activity,
        "authorised": classes.authorised,
        "unauthorised": classes.unauthorised,
        "not_possible": classes.not_possible,
        "administrative": classes.administrative,
    }


@dataclass(frozen=True)
class KeyRow:
    kind: str
    name: str
    tag: str
    codes: list[tuple[str, str]]


def code_key(classes: AttendanceClasses = DEFAULT_CLASSES) -> list[KeyRow]:
    def meanings(codes: frozenset[str]) -> list[tuple[str, str]]:
        return [(code, CODE_MEANINGS.get(code, "")) for code in sorted(codes)]

    classes_codes = class_codes(classes).items()
    return [KeyRow(kind, CLASS_NAMES[kind], CLASS_TAGS[kind], meanings(codes)) for kind, codes in classes_codes]


@dataclass(frozen=True)
class Mark:
    code: str
    kind: str

    @property
    def tag(self) -> str:
        return CLASS_TAGS.get(self.kind, "govuk-tag--grey")


@dataclass(frozen=True)
class Day:
    day: date | None  # None pads the first and last week of a month
    school_day: bool = False
    am: Mark | None = None
    pm: Mark | None = None

    @property
    def weekend(self) -> bool:
        return self.day is not None and self.day.weekday() >= 5


@dataclass(frozen=True)
class Month:
    first: date
    weeks: list[list[Day]]


def _kind_of(column: str, classes: AttendanceClasses) -> pl.Expr:
    mapping = {code: kind for kind, codes in class_codes(classes).items() for code in codes}
    return pl.col(column).replace_strict(mapping, default="", return_dtype=pl.String).alias(f"{column}_kind")


def _days_with_marks(marks: pl.DataFrame, start: date, end: date, classes: AttendanceClasses) -> pl.DataFrame:
    """One row per day from start to end: the morning and afternoon codes (null when unmarked) and their classes."""
    days = pl.DataFrame({"date": pl.date_range(start, end, "1d", eager=True)})
    sessions = [
        marks.filter(pl.col("session") == session).select("date", pl.col("code").alias(session.lower()))
        for session in ("AM", "PM")
    ]
    for frame in sessions:
        days = days.join(frame, on="date", how="left")
    return days.with_columns(_kind_of("am", classes), _kind_of("pm", classes)).sort("date")


def month_grid(
    *,
    marks: pl.DataFrame,
    academic_year: int,
    until: date,
    school_days: frozenset[date] | None,
    classes: AttendanceClasses = DEFAULT_CLASSES,
) -> list[Month]:
    """One pupil's marks at one school as months of Monday-to-Sunday weeks, September to ``until``.

    ``marks`` has columns date, session, code. A day is a school day by the school's calendar, or,
    with no calendar, if it is a weekday.
    """
    start = date(academic_year, 9, 1)
    if until < start:
        return []
    rows = _days_with_marks(marks, start, until, classes).iter_rows(named=True)
    months: dict[date, list[Day]] = {}
    for row in rows:
        day: date = row["date"]
        am = Mark(row["am"], row["am_kind"]) if row["am"] is not None else None
        pm = Mark(row["pm"], row["pm_kind"]) if row["pm"] is not None else None
        open_day = day in school_days if school_days is not None else day.weekday() < 5
        months.setdefault(day.replace(day=1), []).append(Day(day, open_day, am, pm))
    return [Month(first, _weeks(days)) for first, days in months.items()]


def _weeks(days: list[Day]) -> list[list[Day]]:
    """Days of a month laid out Monday to Sunday, padded at either end."""
    assert days[0].day is not None  # noqa: S101 -- month_grid builds days with dates
    cells = [Day(None)] * days[0].day.weekday() + days
    cells += [Day(None)] * (-len(cells) % 7)
    return [cells[start : start + 7] for start in range(0, len(cells), 7)]


def academic_year_end(academic_year: int) -> date:
    return date(academic_year + 1, 9, 1) - timedelta(days=1)
