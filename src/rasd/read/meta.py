"""Metadata helpers shared by the readers: dates to ISO form, field look-up."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from rasd.arabic.normalize import normalize_digits

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def iso_date(raw: Any) -> str | None:
    """``YYYY-MM-DD`` for common date spellings (ISO, RFC 2822, D/M/Y); None when unreadable."""
    if raw is None:
        return None
    s = normalize_digits(str(raw)).strip()
    if not s:
        return None
    m = _ISO.match(s)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    m = _DMY.match(s)
    if m:
        try:
            return datetime(int(m.group(3)), int(m.group(2)), int(m.group(1))).date().isoformat()
        except ValueError:
            return None
    for fmt in ("%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%Y%m%d"):
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def first_field(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    """The first non-empty value among ``names`` (case-insensitive keys)."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        v = lowered.get(name)
        if v not in (None, ""):
            return v
    return None
