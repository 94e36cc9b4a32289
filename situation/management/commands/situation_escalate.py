"""Escalate open incidents past their SLA (or at the escalation severity). Run it periodically
(e.g. every five minutes from cron or the worker); running it again changes nothing."""

from typing import Any

from django.core.management.base import BaseCommand

from situation.services import escalate_due


class Command(BaseCommand):
    help = "Flag overdue and critical open incidents and raise them to their department's head."

    def handle(self, *args: Any, **options: Any) -> None:
        escalated = escalate_due()
        self.stdout.write(f"{len(escalated)} incident(s) escalated.")
