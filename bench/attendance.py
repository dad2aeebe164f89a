"""Attendance flags for a whole local authority's year: Tutela against pandas and DuckDB; and a national year.

Generates (seeded) 50,000 pupils x 380 sessions (about 19 million marks) with realistic absence
(per-pupil propensity, more absence on Mondays and Fridays, a fifth of it unauthorised) and about
3% of pupils moving school mid-year, over a real school calendar (half terms and holidays, so
some weeks have no sessions). Then computes the flags three ways, side by side in one process:
  tutela - tutela.attendance.measures.attendance_flags (Polars);
  pandas - a straightforward implementation an analyst would write (groupby and rolling);
  duckdb - the same rules in DuckDB SQL with window functions.
Asserts all three give identical flags, and prints each time.
Goals (2 cores): Tutela under 2 s, at least 20x faster than pandas, no slower than DuckDB.

--national generates 7.5 million pupils (2.85 billion marks) the same way, one LA-sized block of
pupils per Parquet file under var/bench-national/ (kept, and reused by the next run with the same
size and seed), then times `manage.py attendance_flags --marks` over them in a child process and
reports its peak memory. Goals: under 5 minutes, under 4 GB.

    .venv/bin/python bench/attendance.py [--pupils 50000] [--seed 7]
    .venv/bin/python bench/attendance.py --national [--pupils 7500000] [--dir var/bench-national]
"""

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tutela.attendance.codes import DEFAULT_CLASSES  # noqa: E402
from tutela.attendance.measures import FLAG_COLUMNS, attendance_flags  # noqa: E402

AS_OF = date(2026, 7, 31)
HOLIDAYS = [  # school year 2025/26: half terms and holidays
    (date(2025, 10, 27), date(2025, 10, 31)),
    (date(2025, 12, 22), date(2026, 1, 2)),
    (date(2026, 2, 16), date(2026, 2, 20)),
    (date(2026, 3, 30), date(2026, 4, 10)),
    (date(2026, 5, 25), date(2026, 5, 29)),
]


def school_days() -> list[date]:
    days: list[date] = []
    day = date(2025, 9, 2)
    while len(days) < 190:
        if day.weekday() < 5 and not any(start <= day <= end for start, end in HOLIDAYS):
            days.append(day)
        day += timedelta(days=1)
    return days


CODES = ["/", "\\", "I", "N", "X"]  # present (AM), present (PM), illness, no reason yet, not required
PRESENT_AM, PRESENT_PM, ILLNESS, UNAUTHORISED, NOT_REQUIRED = range(len(CODES))
SCHOOLS_PER_LA = 100
PUPILS_PER_FILE = 50_000  # --national: one LA-sized block of pupils per file
NATIONAL_PUPILS = 7_500_000
GENERATOR_VERSION = 1  # raise when generate() changes, so older national files are not reused
MEASURE_CHILD = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def generate(pupils: int, seed: int, *, first: int = 0, first_school: int = 990000) -> pl.DataFrame:
    """Marks of pupils ``first`` to ``first + pupils - 1`` at an LA's schools, pupil by pupil in date order.

    Seeded per block of pupils, so a national year is generated one LA-sized block at a time.
    """
    rng = np.random.default_rng([seed, first])
    days = np.array(school_days(), dtype="datetime64[D]")
    sessions = len(days) * 2
    propensity = rng.beta(1.2, 16, size=pupils).astype(np.float32)  # average about 7% absence, a long tail
    weekday = (days.view("int64") - 4) % 7  # 0 = Monday
    day_factor = np.where((weekday == 0) | (weekday == 4), 1.4, 0.85).astype(np.float32).repeat(2)
    absent = rng.random((pupils, sessions), dtype=np.float32) < propensity[:, None] * day_factor[None, :]
    unauthorised = rng.random((pupils, sessions), dtype=np.float32) < 0.2
    present = np.tile(np.array([PRESENT_AM, PRESENT_PM], dtype=np.uint8), len(days))[None, :]
    codes = np.where(absent, np.where(unauthorised, UNAUTHORISED, ILLNESS), present).astype(np.uint8)
    codes[rng.random((pupils, sessions), dtype=np.float32) < 0.002] = NOT_REQUIRED
    schools = rng.integers(0, SCHOOLS_PER_LA, size=pupils)
    moved = rng.random(pupils) < 0.03  # to the next school, half way through the year
    second_half = np.arange(sessions)[None, :] >= sessions // 2
    school_matrix = (schools[:, None] + (moved[:, None] & second_half)) % SCHOOLS_PER_LA
    upns = pl.select(pl.format("A{}", pl.int_range(first, first + pupils) + 359_2000_00_000)).to_series()
    urns = pl.Series([str(first_school + school) for school in range(SCHOOLS_PER_LA)])
    return pl.DataFrame(
        {
            "upn": upns.gather(np.repeat(np.arange(pupils, dtype=np.int32), sessions)),
            "school_urn": urns.gather(school_matrix.ravel()),
            "date": np.tile(days.repeat(2), pupils),
            "session": pl.Series(["AM", "PM"]).gather(np.tile(np.array([0, 1], dtype=np.uint8), len(days) * pupils)),
            "code": pl.Series(CODES).gather(codes.ravel()),
        }
    )


def pandas_flags(marks: pd.DataFrame) -> pd.DataFrame:
    """What an analyst would write with pandas."""
    c = DEFAULT_CLASSES
    marks = marks[marks["date"] <= pd.Timestamp(AS_OF)].copy()
    marks["possible"] = marks["code"].isin(c.possible)
    marks["attended"] = marks["code"].isin(c.attended)
    marks["authorised"] = marks["code"].isin(c.authorised)
    marks["unauthorised"] = marks["code"].isin(c.unauthorised)
    marks["counted"] = marks["code"].isin(c.penalty_notice)
    enrol = marks.groupby(["upn", "school_urn"], as_index=False).agg(
        possible_sessions=("possible", "sum"),
        attended_sessions=("attended", "sum"),
        authorised_absence=("authorised", "sum"),
        unauthorised_absence=("unauthorised", "sum"),
    )
    absence = enrol["authorised_absence"] + enrol["unauthorised_absence"]
    enrol["absence_rate"] = np.where(enrol["possible_sessions"] > 0, absence * 100 / enrol["possible_sessions"], 0.0)
    enrol["persistent_absence"] = (absence * 10 >= enrol["possible_sessions"]) & (enrol["possible_sessions"] > 0)
    enrol["severe_absence"] = (absence * 2 >= enrol["possible_sessions"]) & (enrol["possible_sessions"] > 0)
    marks["week"] = marks["date"] - pd.to_timedelta(marks["date"].dt.day_of_week, unit="D")
    weeks = marks.groupby(["upn", "week"], as_index=False).agg(possible=("possible", "sum"), counted=("counted", "sum"))
    weeks = weeks[weeks["possible"] > 0].sort_values(["upn", "week"])
    weeks["in_window"] = weeks.groupby("upn")["counted"].transform(lambda s: s.rolling(10, min_periods=1).sum())
    weeks["first_week"] = weeks.groupby("upn")["week"].shift(9)
    weeks["first_week"] = weeks["first_week"].fillna(weeks.groupby("upn")["week"].transform("min"))
    met = weeks[weeks["in_window"] >= 10].groupby("upn", as_index=False).first()
    met = met.assign(pn_window_start=met["first_week"], pn_window_end=met["week"] + pd.Timedelta(days=6))
    flags = enrol.merge(met[["upn", "pn_window_start", "pn_window_end"]], on="upn", how="left")
    flags["pn_threshold_met"] = flags["pn_window_start"].notna()
    return flags[FLAG_COLUMNS].sort_values(["upn", "school_urn"]).reset_index(drop=True)


def duckdb_flags(marks: pl.DataFrame) -> pl.DataFrame:
    c = DEFAULT_CLASSES

    def codes(values: frozenset[str]) -> str:
        return ", ".join("'" + value.replace("'", "''") + "'" for value in sorted(values))

    connection = duckdb.connect()
    connection.register("marks", marks)
    # The query is built from the code lists above and a constant date; nothing comes from outside.
    query = f"""
    WITH m AS (SELECT * FROM marks WHERE date <= DATE '{AS_OF.isoformat()}'),
    enrol AS (
      SELECT upn, school_urn,
        count(*) FILTER (WHERE code IN ({codes(c.possible)})) AS possible_sessions,
        count(*) FILTER (WHERE code IN ({codes(c.attended)})) AS attended_sessions,
        count(*) FILTER (WHERE code IN ({codes(c.authorised)})) AS authorised_absence,
        count(*) FILTER (WHERE code IN ({codes(c.unauthorised)})) AS unauthorised_absence
      FROM m GROUP BY upn, school_urn),
    weeks AS (
      SELECT upn, date_trunc('week', date)::DATE AS week,
        count(*) FILTER (WHERE code IN ({codes(c.possible)})) AS possible,
        count(*) FILTER (WHERE code IN ({codes(c.penalty_notice)})) AS counted
      FROM m GROUP BY upn, week HAVING possible > 0),
    windows AS (
      SELECT upn, week,
        sum(counted) OVER (PARTITION BY upn ORDER BY week ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) AS in_window,
        coalesce(lag(week, 9) OVER (PARTITION BY upn ORDER BY week), min(week) OVER (PARTITION BY upn)) AS first_week
      FROM weeks),
    met AS (SELECT upn, arg_min(first_week, week) AS pn_window_start, min(week) + 6 AS pn_window_end
            FROM windows WHERE in_window >= 10 GROUP BY upn)
    SELECT e.upn, e.school_urn, possible_sessions, attended_sessions, authorised_absence, unauthorised_absence,
      CASE WHEN possible_sessions > 0 THEN (authorised_absence + unauthorised_absence) * 100.0 / possible_sessions
           ELSE 0.0 END AS absence_rate,
      (authorised_absence + unauthorised_absence) * 10 >= possible_sessions
        AND possible_sessions > 0 AS persistent_absence,
      (authorised_absence + unauthorised_absence) * 2 >= possible_sessions AND possible_sessions > 0 AS severe_absence,
      met.upn IS NOT NULL AS pn_threshold_met, pn_window_start, pn_window_end
    FROM enrol e LEFT JOIN met USING (upn) ORDER BY e.upn, e.school_urn
    """  # noqa: S608
    result: pl.DataFrame = connection.sql(query).pl()
    return result


def _comparable(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(
        pl.col("upn").cast(pl.String),
        pl.col("school_urn").cast(pl.String),
        *(
            pl.col(n).cast(pl.Int64)
            for n in ("possible_sessions", "attended_sessions", "authorised_absence", "unauthorised_absence")
        ),
        pl.col("absence_rate").cast(pl.Float64).round(6),
        *(pl.col(n).cast(pl.Boolean) for n in ("persistent_absence", "severe_absence", "pn_threshold_met")),
        *(pl.col(n).cast(pl.Date) for n in ("pn_window_start", "pn_window_end")),
    ).sort("upn", "school_urn")


def la_year(pupils: int, seed: int) -> None:
    started = time.perf_counter()
    marks = generate(pupils, seed)
    print(f"{marks.height:,} marks for {pupils:,} pupils generated in {time.perf_counter() - started:.1f} s")

    start = time.perf_counter()
    tutela = attendance_flags(marks.lazy(), as_of=AS_OF)
    tutela_s = time.perf_counter() - start

    start = time.perf_counter()
    ducked = duckdb_flags(marks)
    duck_s = time.perf_counter() - start

    as_pandas = marks.to_pandas()
    as_pandas["date"] = pd.to_datetime(as_pandas["date"])
    start = time.perf_counter()
    panda = pandas_flags(as_pandas)
    pandas_s = time.perf_counter() - start

    reference = _comparable(tutela)
    for name, other in (("DuckDB", ducked), ("pandas", pl.from_pandas(panda))):
        if not reference.equals(_comparable(other)):
            raise SystemExit(f"{name} disagrees with Tutela: the benchmark is void")
    met = int(tutela["pn_threshold_met"].sum())
    print(f"identical flags from all three: {tutela.height:,} enrolments, {met:,} rows meeting the threshold")
    print(f"  tutela (Polars): {tutela_s:6.2f} s   (goal under 2 s)")
    print(f"  duckdb (SQL):    {duck_s:6.2f} s   tutela is {duck_s / tutela_s:.2f}x DuckDB's speed (goal at least 1x)")
    print(f"  pandas:          {pandas_s:6.2f} s   tutela is {pandas_s / tutela_s:.1f}x faster (goal at least 20x)")


def national_files(directory: Path, pupils: int, seed: int) -> tuple[int, float | None]:
    """Marks for ``pupils`` in Parquet files of one LA-sized block of pupils each (so each pupil's marks
    are in one file), in UPN order; kept for the next run. Returns the number of marks and the
    seconds spent generating (None when the files of an earlier run with the same size and seed were reused)."""
    wanted = {"pupils": pupils, "seed": seed, "pupils_per_file": PUPILS_PER_FILE, "generator": GENERATOR_VERSION}
    manifest = directory / "manifest.json"
    if manifest.exists():
        recorded = json.loads(manifest.read_text())
        if {key: recorded.get(key) for key in wanted} == wanted:
            return int(recorded["marks"]), None
        manifest.unlink()
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("marks-*.parquet"):
        old.unlink()
    started = time.perf_counter()
    marks = 0
    for block, first in enumerate(range(0, pupils, PUPILS_PER_FILE)):
        count = min(PUPILS_PER_FILE, pupils - first)
        frame = generate(count, seed, first=first, first_school=100000 + block * SCHOOLS_PER_LA)
        frame.write_parquet(directory / f"marks-{block:04d}.parquet")
        marks += frame.height
        print(f"\r  generated {first + count:,} of {pupils:,} pupils", end="", flush=True)
    print()
    manifest.write_text(json.dumps(wanted | {"marks": marks}))  # last, so a half-written set is not reused
    return marks, time.perf_counter() - started


def national_year(pupils: int, seed: int, directory: Path) -> None:
    marks, generated_s = national_files(directory, pupils, seed)
    size = sum(path.stat().st_size for path in directory.glob("marks-*.parquet"))
    files = len(list(directory.glob("marks-*.parquet")))
    how = "reused from an earlier run" if generated_s is None else f"generated in {generated_s:.1f} s"
    print(f"national: {pupils:,} pupils, {marks:,} marks in {files} Parquet files ({size / 2**20:,.0f} MB), {how}")
    out = directory / "flags.csv"
    command = [sys.executable, str(ROOT / "manage.py"), "attendance_flags", "--as-of", AS_OF.isoformat()]
    command += ["--marks", str(directory / "marks-*.parquet"), "--out", str(out)]
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment |= {"TUTELA_MODE": "demo"}
    start = time.perf_counter()
    # S603: our own command. Started from a small Python process, because Linux counts in a child's
    # peak RSS the peak of the process that started it, and this one has generated marks.
    measured = subprocess.run(  # noqa: S603
        [sys.executable, "-c", MEASURE_CHILD, *command], check=True, env=environment, capture_output=True, text=True
    )
    flags_s = time.perf_counter() - start
    *said, peak_kib = measured.stdout.splitlines()
    print("\n".join(f"  {line}" for line in said))
    peak = int(peak_kib) / 2**20  # ru_maxrss is in KiB on Linux
    with out.open(encoding="utf-8") as csv:
        if csv.readline().rstrip("\n").split(",") != FLAG_COLUMNS:
            raise SystemExit(f"{out} does not start with the flags header: the benchmark is void")
    scale = "" if pupils == NATIONAL_PUPILS else f"  (goals are for {NATIONAL_PUPILS:,} pupils)"
    print(f"  attendance_flags --marks: {flags_s:7.1f} s    goal under 300 s: {_met(flags_s < 300)}{scale}")
    print(f"  peak memory (child RSS):  {peak:7.2f} GB   goal under 4 GB: {_met(peak < 4)}")


def _met(met: bool) -> str:
    return "met" if met else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, help="default 50,000 (an LA), or 7,500,000 with --national")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--national", action="store_true", help="a national year from Parquet, via the command")
    parser.add_argument("--dir", type=Path, default=ROOT / "var" / "bench-national", help="for --national's files")
    args = parser.parse_args()
    if args.national:
        national_year(args.pupils or NATIONAL_PUPILS, args.seed, args.dir)
    else:
        la_year(args.pupils or 50_000, args.seed)


if __name__ == "__main__":
    main()
