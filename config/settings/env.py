"""Typed readers for settings that come from the environment."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


def env_secret(name: str, *, file_default: Path) -> str:
    """The secret in the environment variable `name`, else in the file `<name>_FILE` names
    (by default `file_default`, the key `bin/makon` generates for a local installation), so a
    command pasted into a plain shell finds the same key as the server it runs beside.

    There is no built-in default: a deployment that forgets its secret must not start with a
    known one.
    """
    value = os.environ.get(name)
    if value:
        return value
    path = Path(os.environ.get(f"{name}_FILE") or file_default)
    try:
        value = path.read_text().strip()
    except OSError:
        value = ""
    if not value:
        raise ImproperlyConfigured(
            f"Set the environment variable {name} (or {name}_FILE, a file holding it); "
            f"bin/makon setup writes one for a local installation to {file_default}."
        )
    return value


def env_bool(name: str, *, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bbox(name: str, default: str) -> tuple[float, float, float, float]:
    """Read `minlon,minlat,maxlon,maxlat` in degrees (EPSG:4326)."""
    raw = os.environ.get(name, default)
    try:
        west, south, east, north = (float(part) for part in raw.split(","))
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be minlon,minlat,maxlon,maxlat in degrees, not {raw!r}."
        ) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ImproperlyConfigured(f"{name} is not a valid lon/lat envelope: {raw!r}.")
    return (west, south, east, north)


def env_point(name: str, default: str) -> tuple[float, float]:
    """Read `lon,lat` in degrees (EPSG:4326)."""
    raw = os.environ.get(name, default)
    try:
        lon, lat = (float(part) for part in raw.split(","))
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be lon,lat in degrees, not {raw!r}.") from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ImproperlyConfigured(f"{name} is not a lon/lat position: {raw!r}.")
    return (lon, lat)
