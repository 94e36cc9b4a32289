"""The situation centre's deployment settings, read in one place with their defaults.

Each is a MAKON_SITUATION_* setting (config/settings/base.py reads them from the environment).
"""

from django.conf import settings


def dispute_days() -> int:
    """Days after a resolution during which the appellant may dispute it."""
    return int(getattr(settings, "MAKON_SITUATION_DISPUTE_DAYS", 14))


def escalate_severity() -> int:
    """Severity (1..4) from which an open incident is escalated at once."""
    return int(getattr(settings, "MAKON_SITUATION_ESCALATE_SEVERITY", 4))


def duplicate_radius_m() -> float:
    """Distance in metres within which an open incident of the same type is a likely duplicate."""
    return float(getattr(settings, "MAKON_SITUATION_DUPLICATE_RADIUS_M", 150))


def duplicate_window_hours() -> int:
    """How recent (hours since reported) such an incident must be to count."""
    return int(getattr(settings, "MAKON_SITUATION_DUPLICATE_WINDOW_HOURS", 72))


def anonymous_appeal_limit() -> int:
    """Appeals one client address may file without signing in within the window."""
    return int(getattr(settings, "MAKON_SITUATION_ANONYMOUS_APPEAL_LIMIT", 5))


def anonymous_appeal_window_seconds() -> int:
    return int(getattr(settings, "MAKON_SITUATION_ANONYMOUS_APPEAL_WINDOW_SECONDS", 3600))


def open311_api_key_required() -> bool:
    """True when Open311 POSTs must carry the api_key of a registered client."""
    return bool(getattr(settings, "MAKON_OPEN311_API_KEY_REQUIRED", False))


def photo_max_bytes() -> int:
    return int(getattr(settings, "MAKON_SITUATION_PHOTO_MAX_BYTES", 5 * 1024 * 1024))


def photos_per_appeal() -> int:
    return int(getattr(settings, "MAKON_SITUATION_PHOTOS_PER_APPEAL", 5))
