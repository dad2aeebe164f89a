"""Where a session's mark sits in a pupil-year's packed string, and unpacking many years at once."""

from datetime import date, timedelta

import numpy as np
import polars as pl

SLOTS = 366 * 2  # every morning and afternoon of a (leap) academic year
WIDTH = 2
EMPTY = " " * WIDTH
EMPTY_YEAR = EMPTY * SLOTS
SESSIONS = ("AM", "PM")


def academic_year_of(day: date) -> int:
    """2025 for any day from 1 September 2025 to 31 August 2026."""
    return day.year if day.month >= 9 else day.year - 1


def slot_of(day: date, session: str) -> int:
    return (day - date(academic_year_of(day), 9, 1)).days * 2 + SESSIONS.index(session)


def unpack(rows: list[tuple[str, str, int, str]]) -> pl.DataFrame:
    """(upn, school_urn, academic_year, packed marks) rows to one row per mark, without a Python loop per mark."""
    columns = {"upn": pl.String, "school_urn": pl.String, "date": pl.Date, "session": pl.String, "code": pl.String}
    if not rows:
        return pl.DataFrame(schema=columns)
    packed = np.frombuffer("".join(row[3] for row in rows).encode("ascii"), dtype=f"S{WIDTH}").reshape(len(rows), SLOTS)
    row_index, slot = np.nonzero(packed != EMPTY.encode())
    starts = np.array([np.datetime64(date(row[2], 9, 1)) for row in rows], dtype="datetime64[D]")
    return pl.DataFrame(
        {
            "upn": np.array([row[0] for row in rows])[row_index],
            "school_urn": np.array([row[1] for row in rows])[row_index],
            "date": starts[row_index] + (slot // 2).astype("timedelta64[D]"),
            "session": np.array(SESSIONS)[slot % 2],
            "code": np.char.strip(packed[row_index, slot].astype("U2")),
        }
    )


def day_of(academic_year: int, slot: int) -> date:
    return date(academic_year, 9, 1) + timedelta(days=slot // 2)
