"""python manage.py import_layer FILE --kind KIND [--layer NAME] [--srid EPSG] [--map t=s ...]"""

import signal
import threading
from argparse import ArgumentParser, ArgumentTypeError
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from importer.errors import ImportRefusedError
from importer.kinds import KINDS
from importer.services import layer_import


def _mapping_item(text: str) -> tuple[str, str]:
    target, separator, source = text.partition("=")
    if not separator or not target.strip() or not source.strip():
        raise ArgumentTypeError(f"{text!r} is not target=source")
    return target.strip(), source.strip()


def _epsg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not an EPSG code (a whole number)") from None
    if value <= 0:
        raise ArgumentTypeError(f"{text!r} is not an EPSG code")
    return value


def _stop(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _cleanup_on_terminate() -> Iterator[None]:
    """Turn SIGTERM into SystemExit so the run's staging tables are still dropped."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Command(BaseCommand):
    help = (
        "Import one layer of a GeoPackage, Shapefile, GeoJSON or OSM PBF file as parcels, "
        "buildings, cameras, infrastructure or administrative areas. Every feature is accepted "
        "or refused with a reason; refused ones are listed in a CSV report. All or nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="The file to read.")
        parser.add_argument("--kind", required=True, choices=sorted(KINDS))
        parser.add_argument("--layer", help="Layer to read when the file has several.")
        parser.add_argument(
            "--srid",
            type=_epsg,
            help="EPSG code of the file's coordinates, for files that do not declare one.",
        )
        parser.add_argument(
            "--map",
            dest="mapping",
            nargs="+",
            action="extend",
            type=_mapping_item,
            default=[],
            metavar="TARGET=SOURCE",
            help="Read a model field from a differently named source field.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, write nothing."
        )
        parser.add_argument("--report", type=Path, help="CSV report path (default var/reports/).")

    def handle(self, *args: Any, **options: Any) -> None:
        mapping: dict[str, str] = {}
        for target, source in options["mapping"]:
            if target in mapping:
                raise CommandError(f"--map gives {target} twice.")
            mapping[target] = source
        try:
            with _cleanup_on_terminate():
                result = layer_import(
                    path=options["file"],
                    kind=options["kind"],
                    layer=options["layer"],
                    srid=options["srid"],
                    mapping=mapping,
                    dry_run=options["dry_run"],
                    report_path=options["report"],
                )
        except ImportRefusedError as error:
            raise CommandError(error.message) from None
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            raise CommandError(f"Nothing was imported: {where}{error.strerror or error}.") from None
        self.stdout.write(f"{result.summary()}; report: {result.report_path}")
