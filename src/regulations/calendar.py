"""The official PRC holiday calendar (State Council notices, make-up workdays included),
from the maintained ``chinesecalendar`` package."""

from __future__ import annotations

import datetime as dt

from engine.errors import PeriodError


class ChinaCalendar:
    """Working days as the State Council's holiday notices set them; a day outside the
    years the data covers raises PeriodError rather than guessing."""

    def is_workday(self, day: dt.date) -> bool:
        import chinese_calendar

        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError as exc:
            raise PeriodError(
                f"the holiday calendar has no data for {day.year} ({exc}); "
                "update the chinesecalendar package or pass another calendar"
            ) from exc
