"""Which days are working days in the PRC: the official schedule where it is published,
the statutory holidays computed beyond it (provisional), or a calendar file of one's own.

- **Official**: the State Council's yearly notice (holidays and make-up workdays, 调休), from
  the maintained ``chinesecalendar`` package, for the years it has.
- **Computed** (``provisional``): for a year the package does not have, the holidays the
  《全国年节及纪念日放假办法》 in force that year gives to all citizens — lunar dates from
  the ``lunar_python`` package — and a weekday off in place of one that falls on a weekend
  (补假, art. 6). Make-up workdays are not known until the notice is published, so a due
  date counted on such a year is marked provisional.
- **A calendar file** (``--calendar FILE``): holidays and make-up workdays of the years it
  names; it overrides both for those years (docs/facts.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine import Diagnostic, PeriodError, Span, shown
from regulations.errors import LoadError
from regulations.yamlsource import Located, as_path, read_yaml, span_of

# The versions of 全国年节及纪念日放假办法 (State Council decrees), each from the first year
# it governed: (year, holidays). A holiday is "MM-DD" of the solar calendar, "LMM-DD" of the
# lunar calendar, "eve" (农历除夕, the day before 正月初一) or "qingming" (the solar term).
VERSIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    # 1999 decree: 元旦 1; 春节 3 (初一至初三); 劳动节 3; 国庆节 3
    (2000, ("01-01", "L01-01", "L01-02", "L01-03", "05-01", "05-02", "05-03",
            "10-01", "10-02", "10-03")),
    # 2007 decree, from 2008: 春节 除夕、初一、初二; 清明、劳动节 1 day、端午、中秋 added
    (2008, ("01-01", "eve", "L01-01", "L01-02", "qingming", "05-01", "L05-05", "L08-15",
            "10-01", "10-02", "10-03")),
    # 2013 decree, from 2014: 春节 初一至初三
    (2014, ("01-01", "L01-01", "L01-02", "L01-03", "qingming", "05-01", "L05-05", "L08-15",
            "10-01", "10-02", "10-03")),
    # 2024 decree, from 2025: 春节 除夕至初三 (4 days); 劳动节 5月1日、2日
    (2025, ("01-01", "eve", "L01-01", "L01-02", "L01-03", "qingming", "05-01", "05-02",
            "L05-05", "L08-15", "10-01", "10-02", "10-03")),
)  # fmt: skip
FIRST_COMPUTED, LAST_COMPUTED = 2000, 2099  # the years the holidays can be computed for


def statutory_holidays(year: int) -> frozenset[dt.date]:
    """The holidays of all citizens in ``year`` by the 放假办法 then in force (the days the
    decree names, without the weekdays off or make-up workdays a yearly notice adds).
    PeriodError outside the computable years."""
    if not FIRST_COMPUTED <= year <= LAST_COMPUTED:
        raise PeriodError(
            f"no holiday schedule for {year}: official data and the computed statutory "
            f"holidays cover {FIRST_COMPUTED}–{LAST_COMPUTED}; pass a calendar file "
            "(--calendar FILE) for other years"
        )
    from lunar_python import Lunar, Solar

    def solar(lunar_month: int, day: int) -> dt.date:
        found = Lunar.fromYmd(year, lunar_month, day).getSolar()
        return dt.date(found.getYear(), found.getMonth(), found.getDay())

    holidays = next(days for first, days in reversed(VERSIONS) if year >= first)
    found: list[dt.date] = []
    for entry in holidays:
        if entry == "eve":
            found.append(solar(1, 1) - dt.timedelta(days=1))
        elif entry == "qingming":
            term = Solar.fromYmd(year, 4, 1).getLunar().getJieQiTable()["清明"]
            found.append(dt.date(term.getYear(), term.getMonth(), term.getDay()))
        elif entry.startswith("L"):
            found.append(solar(int(entry[1:3]), int(entry[4:6])))
        else:
            found.append(dt.date(year, int(entry[:2]), int(entry[3:5])))
    return frozenset(found)


def days_off(year: int) -> frozenset[dt.date]:
    """The statutory holidays of ``year``, with a weekday off for each that falls on a
    Saturday or Sunday (补假, art. 6 of the 放假办法): what is known of a year before its
    notice is published (the notice may still join a 补假 to a nearby holiday)."""
    holidays = statutory_holidays(year)
    days = set(holidays)
    for day in sorted(holidays):
        if day.weekday() >= 5:
            extra = day + dt.timedelta(days=1)
            while extra.weekday() >= 5 or extra in days:
                extra += dt.timedelta(days=1)
            days.add(extra)
    return frozenset(d for d in days if d.year == year)


@dataclass(frozen=True)
class Official:
    """The State Council's schedules as chinesecalendar publishes them: the years it covers,
    their holidays and their make-up workdays (调休), read once."""

    first: int
    last: int
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]

    @classmethod
    def read(cls) -> Official:
        import chinese_calendar

        holidays = frozenset(chinese_calendar.holidays)
        workdays = frozenset(chinese_calendar.workdays)
        return cls(min(holidays).year, max(holidays).year, holidays, workdays)

    def covers(self, day: dt.date) -> bool:
        return self.first <= day.year <= self.last


@dataclass
class ChinaCalendar:
    """Working days by the official schedule where chinesecalendar has the year; beyond
    it, by the statutory holidays computed for the year (``provisional``). The schedules
    are read once per calendar (a deadline asks about a day many times: the package's own
    ``is_workday`` scans every holiday it knows on each call)."""

    name: str = "china"
    _computed: dict[int, frozenset[dt.date]] = field(default_factory=dict, repr=False)
    _official: Official | None = field(default=None, repr=False, compare=False)

    @property
    def official(self) -> Official:
        if self._official is None:
            self._official = Official.read()
        return self._official

    def is_workday(self, day: dt.date) -> bool:
        official = self.official
        if official.covers(day):
            if day in official.workdays:
                return True
            return day.weekday() < 5 and day not in official.holidays
        return day.weekday() < 5 and day not in self._holidays(day.year)

    def provisional(self, day: dt.date) -> bool:
        """Whether ``day`` lies beyond the official schedules (its holidays are computed)."""
        return not self.official.covers(day)

    def _holidays(self, year: int) -> frozenset[dt.date]:
        found = self._computed.get(year)
        if found is None:
            found = self._computed[year] = days_off(year)
        return found


@dataclass(frozen=True)
class FileCalendar:
    """A calendar file's holidays and make-up workdays for the years it names; other years
    by ``fallback``. A day it decides is not provisional."""

    path: str
    years: frozenset[int]
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    fallback: Any = field(default_factory=ChinaCalendar, compare=False)

    @property
    def name(self) -> str:
        return self.path

    def is_workday(self, day: dt.date) -> bool:
        if day.year not in self.years:
            return bool(self.fallback.is_workday(day))
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def provisional(self, day: dt.date) -> bool:
        return day.year not in self.years and bool(self.fallback.provisional(day))


CALENDAR_KEYS = ("years", "holidays", "workdays")


@dataclass(frozen=True)
class _Entry:
    """One entry of a calendar file: the days it names, where it is written."""

    what: str  # "holidays[1]"
    kind: str  # "holiday" or "make-up workday"
    days: tuple[dt.date, ...]
    span: Span


def load_calendar(path: Path | str) -> FileCalendar:
    """Read a calendar file (YAML or JSON):

    ```yaml
    years: [2027]                      # optional: the years it decides (default: those named)
    holidays:                          # days off: a date, or a range with an optional name
      - 2027-01-01
      - {from: 2027-02-05, to: 2027-02-11, name: 春节}
    workdays: [2027-02-14]             # make-up working days (调休上班), weekend days only
    ```

    Every problem (an impossible date, a range ending before it begins, entries that
    overlap, a make-up workday that is a weekday, an unknown key) is a located LoadError."""
    path = as_path(path, "calendar file")
    data, lines = read_yaml(path)
    if not isinstance(data, Located):
        raise LoadError.at(
            span_of(path, lines, data, None),
            "a calendar file is a mapping: holidays, workdays and optionally years",
            code="calendar",
        )
    problems: list[Diagnostic] = []

    def problem(message: str, span: Span, hint: str = "", value: object = "") -> None:
        problems.append(Diagnostic("calendar", message, span, hint=hint, value=str(value)))

    for key in data:
        if key not in CALENDAR_KEYS:
            problem(
                f"unknown key {key!r}",
                span_of(path, lines, data, key, at_key=True),
                f"keys are {', '.join(CALENDAR_KEYS)}",
                key,
            )
    entries = [
        *_entries(path, lines, data, "holidays", "holiday", problem),
        *_entries(path, lines, data, "workdays", "make-up workday", problem),
    ]
    first: dict[dt.date, _Entry] = {}
    for entry in entries:
        clash = sorted(d for d in entry.days if d in first)
        if clash:
            other = first[clash[0]]
            days = ", ".join(map(str, clash[:3])) + (" …" if len(clash) > 3 else "")
            problem(
                f"{entry.what} ({entry.kind}) overlaps {other.what} ({other.kind}) on {days}",
                entry.span,
                "list each day once",
                clash[0],
            )
        for day in entry.days:
            first.setdefault(day, entry)
        if entry.kind == "make-up workday" and entry.days and entry.days[0].weekday() < 5:
            day = entry.days[0]
            problem(
                f"{entry.what}: {day} is a {day:%A}; a make-up workday is a Saturday or "
                "Sunday worked",
                entry.span,
                "list only weekend days under workdays",
                day,
            )
    named = data.get("years")
    years: set[int] = set()
    if named is None:
        years = {d.year for d in first}
    elif isinstance(named, list) and all(
        isinstance(y, int) and not isinstance(y, bool) and dt.MINYEAR <= y <= dt.MAXYEAR
        for y in named
    ):
        years = set(named)
        for entry in entries:
            outside = [d for d in entry.days if d.year not in years]
            if outside:
                problem(
                    f"{entry.what}: {outside[0]} lies outside the years the file names "
                    f"({', '.join(map(str, sorted(years)))})",
                    entry.span,
                    "add its year under years, or drop the entry",
                    outside[0],
                )
    else:
        problem("years must be a list of years, e.g. [2027]", span_of(path, lines, data, "years"))
    if problems:
        raise LoadError(problems)
    return FileCalendar(
        str(path),
        frozenset(years),
        frozenset(d for e in entries if e.kind == "holiday" for d in e.days),
        frozenset(d for e in entries if e.kind != "holiday" for d in e.days),
    )


def _entries(
    path: Path,
    lines: list[str],
    data: Located,
    section: str,
    kind: str,
    problem: Callable[..., None],
) -> list[_Entry]:
    """The entries of one section (holidays or workdays), each checked: a date, or for a
    holiday a range ``{from, to, name}`` that ends on or after its first day, within a year."""
    items = data.get(section)
    if items is None:
        return []
    if not isinstance(items, list):
        problem(f"{section} must be a list", span_of(path, lines, data, section))
        return []
    start = data.positions.get(section, (1, 1, ""))[0]
    found: list[_Entry] = []
    for index, item in enumerate(items):
        what = f"{section}[{index}]"
        if isinstance(item, Located):
            span = span_of(path, lines, item, None)
            extra = sorted(set(item) - {"from", "to", "name"})
            if section != "holidays" or extra or "from" not in item:
                problem(
                    f"{what}: a range of holidays is {{from: DATE, to: DATE, name: TEXT}}",
                    span,
                    f"unexpected key(s): {', '.join(extra)}" if extra else "",
                )
                continue
            begin = _date(item["from"], what, span_of(path, lines, item, "from"), problem)
            end = _date(item.get("to", item["from"]), what, span_of(path, lines, item, "to"),
                        problem)  # fmt: skip
            if begin is None or end is None:
                continue
            if end < begin:
                problem(
                    f"{what}: the range ends ({end}) before it begins ({begin})",
                    span_of(path, lines, item, "to"),
                    value=end,
                )
                continue
            if (end - begin).days > 366:
                problem(
                    f"{what}: a range of more than a year is not a holiday",
                    span_of(path, lines, item, "to"),
                    value=end,
                )
                continue
            days = tuple(begin + dt.timedelta(days=n) for n in range((end - begin).days + 1))
            found.append(_Entry(what, kind, days, span))
            continue
        span = _item_span(path, lines, start, item)
        day = _date(item, what, span, problem)
        if day is not None:
            found.append(_Entry(what, kind, (day,), span))
    return found


def _date(value: object, what: str, span: Span, problem: Callable[..., None]) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    problem(
        f"{what}: {shown(str(value))!r} is not a date",
        span,
        "write YYYY-MM-DD, a day the calendar has",
        value,
    )
    return None


def _item_span(path: Path, lines: list[str], start: int, item: object) -> Span:
    """Where a scalar item of a list is written: the first line from the list's start that
    holds its text (a list item keeps no position of its own)."""
    text = str(item)
    for number in range(max(start, 1), len(lines) + 1):
        column = lines[number - 1].find(text)
        if column >= 0:
            return Span(str(path), number, column + 1, "", lines[number - 1])
    line = lines[start - 1] if 0 < start <= len(lines) else ""
    return Span(str(path), start, 1, "", line)


def describe(calendar: object) -> Mapping[str, object]:
    """What a report says of the calendar it counted with."""
    name = getattr(calendar, "name", None) or type(calendar).__name__
    return {"calendar": str(name)}
