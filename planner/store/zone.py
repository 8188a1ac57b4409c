"""The region's time zone, for the dates people read (hand-outs, the library's history).

``PLANNER_TIMEZONE`` names an IANA zone; by default ``Asia/Makassar`` (WITA: Kalimantan Timur,
Kalimantan Selatan, Bali, Nusa Tenggara, Sulawesi). Java and Sumatra use ``Asia/Jakarta`` (WIB),
Maluku and Papua ``Asia/Jayapura`` (WIT). Times are stored in UTC and shown in this zone.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["DEFAULT_ZONE", "in_region", "region_now", "region_zone"]

DEFAULT_ZONE = "Asia/Makassar"
# Indonesia's three zones by their own names, for a machine without the IANA database
_FIXED = {"Asia/Jakarta": ("WIB", 7), "Asia/Makassar": ("WITA", 8), "Asia/Jayapura": ("WIT", 9)}


def region_zone() -> tzinfo:
    """Return the zone of ``PLANNER_TIMEZONE`` (default WITA); an unknown name falls back."""
    name = os.environ.get("PLANNER_TIMEZONE", "").strip() or DEFAULT_ZONE
    if name in _FIXED:  # WIB/WITA/WIT have no daylight saving: a fixed offset names them well
        label, hours = _FIXED[name]
        return timezone(timedelta(hours=hours), label)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        label, hours = _FIXED[DEFAULT_ZONE]
        return timezone(timedelta(hours=hours), label)


def region_now() -> datetime:
    """Return the time now in the region's zone."""
    return datetime.now(UTC).astimezone(region_zone())


def in_region(moment: datetime) -> datetime:
    """Return a stored time (UTC when it carries no zone) in the region's zone."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(region_zone())
