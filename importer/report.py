"""The CSV report of a run: every refused feature with its source id and the reason."""

import csv
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone

from importer.sqlfiles import RunTables

HEADER = ("source_id", "label", "reason")


class ReportRow(Protocol):
    source_id: str
    label: str
    reason: str


def report_default_path(*, kind: str, tables: RunTables) -> Path:
    """var/reports/import-<kind>-<local time>-<run token>.csv under the project."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "var" / "reports" / f"import-{kind}-{stamp}-{tables.token}.csv"


def report_write(*, path: Path, rejections: Iterable[ReportRow]) -> None:
    """Write the report to `path` whole or not at all (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(HEADER)
            for rejection in rejections:
                writer.writerow((rejection.source_id, rejection.label, rejection.reason))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
