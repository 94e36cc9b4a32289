"""python manage.py build_demo_city --parcels N --seed S [--if-empty] [--replace]"""

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.demo import create_demo_accounts
from democity.build import MAX_PARCELS, MIN_PARCELS, DemoCityExistsError, city_build, validate_size
from democity.load import filled_tables, parcel_count
from documents.demo import attach_demo_files
from situation.demo import build_demo_incidents


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None


class Command(BaseCommand):
    help = (
        "Build a deterministic demo Tashkent: 12 districts, mahallas, blocks, N parcels with "
        "buildings, apartments, parties, rights and restrictions, utility networks and cameras. "
        "The same --parcels and --seed always give the same city."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--parcels",
            type=_whole_number,
            default=20_000,
            help=f"How many parcels ({MIN_PARCELS}..{MAX_PARCELS:,}; default 20000).",
        )
        parser.add_argument(
            "--seed", type=_whole_number, default=1, help="Random seed, 0 or more (default 1)."
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database already holds city or register data.",
        )
        mode.add_argument(
            "--replace",
            action="store_true",
            help="Empty the city and register tables first (TRUNCATE ... CASCADE: rows of other "
            "tables that point at them go too).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        parcels, seed = options["parcels"], options["seed"]
        try:
            validate_size(parcels, seed)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not options["replace"] and filled_tables():
            if not options["if_empty"]:
                raise CommandError(
                    f"The database is not empty: it holds {parcel_count():,} parcels. "
                    f"Use --replace to rebuild it or --if-empty to keep it."
                )
            self.stdout.write(
                f"Demo city not built: the database already holds data "
                f"({parcel_count():,} parcels); --if-empty leaves it as it is."
            )
            return
        self.stdout.write(f"Building a demo city of {parcels:,} parcels (seed {seed}) ...")
        try:
            summary = city_build(
                parcels=parcels,
                seed=seed,
                replace=options["replace"],
                progress=self.stdout.write if options["verbosity"] >= 2 else None,
            )
        except DemoCityExistsError as error:
            raise CommandError(
                f"{error} Use --replace to rebuild it or --if-empty to keep it."
            ) from None
        width = max(len(table) for table in summary.rows)
        for table, count in summary.rows.items():
            self.stdout.write(f"  {table:<{width}} {count:>12,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Built the demo city in {summary.seconds:.1f} s "
                f"({sum(summary.rows.values()):,} rows)."
            )
        )
        create_demo_accounts(stdout=self.stdout.write)
        attach_demo_files(stdout=self.stdout.write)
        build_demo_incidents(seed=seed, stdout=self.stdout.write)
