import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures" / "import"


@dataclass
class ImportRun:
    output: str
    report: dict[str, str]
    report_rows: list[dict[str, str]]


def import_layer(tmp_path: Path, name: str, *args: str) -> ImportRun:
    """Run import_layer on a committed fixture; the report goes to tmp_path."""
    report = tmp_path / f"report-{len(list(tmp_path.glob('report-*')))}.csv"
    stdout = io.StringIO()
    call_command(
        "import_layer", str(FIXTURES / name), *args, "--report", str(report), stdout=stdout
    )
    with report.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    return ImportRun(
        output=stdout.getvalue(),
        report={row["source_id"]: row["reason"] for row in rows},
        report_rows=rows,
    )


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
