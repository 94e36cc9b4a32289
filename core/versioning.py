"""Versioned registered facts: a fact is never updated in place.

A change ends the current row (sets `valid_until`) and inserts the next version with the same
`uid`, in one transaction. The database itself refuses anything else: overlapping periods, two
current versions, rewriting or deleting a version (see the `core` migration
`0001_versioned_row_guard`).
"""

import uuid
from datetime import datetime
from typing import TypeVar

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import F, Func, Q, QuerySet
from django.utils import timezone


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class VersionedQuerySet(QuerySet):
    def current(self) -> "VersionedQuerySet":
        """Rows that are in force now."""
        return self.filter(valid_until__isnull=True)

    def as_of(self, moment: datetime) -> "VersionedQuerySet":
        """Rows that were in force at `moment` (valid_from <= moment < valid_until)."""
        return self.filter(valid_from__lte=moment).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gt=moment)
        )


class Versioned(models.Model):
    """Columns every versioned registered fact carries."""

    uid = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        help_text="Stable identity of the object across its versions.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    valid_from = models.DateTimeField(default=timezone.now, help_text="Registered in force from.")
    valid_until = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="End of this version; empty while it is the current one.",
    )

    objects = VersionedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_current(self) -> bool:
        return self.valid_until is None


def version_constraints(prefix: str) -> list[models.BaseConstraint]:
    """The rules every versioned table carries, named after `prefix`."""
    return [
        models.UniqueConstraint(
            fields=["uid"],
            condition=Q(valid_until__isnull=True),
            name=f"{prefix}_one_current_version",
        ),
        models.UniqueConstraint(fields=["uid", "version"], name=f"{prefix}_unique_version"),
        models.CheckConstraint(
            condition=Q(valid_until__isnull=True) | Q(valid_until__gt=F("valid_from")),
            name=f"{prefix}_period_not_empty",
        ),
        ExclusionConstraint(
            name=f"{prefix}_no_overlapping_versions",
            expressions=[
                ("uid", RangeOperators.EQUAL),
                (TsTzRange("valid_from", "valid_until"), RangeOperators.OVERLAPS),
            ],
        ),
    ]


def version_indexes(prefix: str) -> list[models.Index]:
    return [models.Index(fields=["valid_from", "valid_until"], name=f"{prefix}_period_idx")]


V = TypeVar("V", bound=Versioned)
