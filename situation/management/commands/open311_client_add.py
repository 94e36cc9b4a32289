"""python manage.py open311_client_add NAME: register a 311 application and print its api_key.

The key is shown once; only its SHA-256 is stored. Needed when MAKON_OPEN311_API_KEY_REQUIRED
is on; a keyed client is also exempt from the anonymous filing limit.
"""

import hashlib
import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from situation.models import Open311Client


class Command(BaseCommand):
    help = "Register an Open311 client application and print its new api_key (shown once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Who the key is for, e.g. the app's name.")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"].strip()
        if not name or len(name) > 200:
            raise CommandError("Give the client a name of 1 to 200 characters.")
        key = secrets.token_urlsafe(32)
        Open311Client.objects.create(name=name, key_sha256=hashlib.sha256(key.encode()).hexdigest())
        self.stdout.write(f"api_key for {name}: {key}")
