"""Rebuild the parcels layer's source tables from the register, in bulk."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from tiles.services import parcel_features_rebuild, tile_cache_clear


class Command(BaseCommand):
    help = (
        "Rebuild tiles_parcel_feature and tiles_parcel_block from the current parcels and "
        "ownership rights, and delete the cached parcel tiles. Triggers keep both tables in "
        "step with every write; run this after restoring a dump without them, or to check."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--clear-cache",
            action="store_true",
            help="Also delete the cached tiles of every other layer.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            result = parcel_features_rebuild()
            others = tile_cache_clear() if options["clear_cache"] else 0
        except DatabaseError as error:
            message = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            raise CommandError(f"Rebuilding the tile tables failed: {message}") from None
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Rebuilt {result.parcels} parcel features and {result.blocks} blocks in "
            f"{seconds:.1f} s; deleted {result.tiles_deleted + others} cached tiles."
        )
