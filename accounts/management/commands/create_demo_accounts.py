"""python manage.py create_demo_accounts: one account per role for a demo database.

build_demo_city runs this at its end; run it alone for a city built before accounts existed.
"""

from typing import Any

from django.core.management.base import BaseCommand

from accounts.demo import create_demo_accounts


class Command(BaseCommand):
    help = "Create or reset the demo accounts (one per role; demo-only passwords)."

    def handle(self, *args: Any, **options: Any) -> None:
        create_demo_accounts(stdout=self.stdout.write)
