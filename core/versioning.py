"""Versioned registered facts: a fact is never updated in place.

A change ends the current row (sets `valid_until`) and inserts the next version with the same
`uid`, in one transaction. The database itself refuses anything else: overlapping periods, two
current versions, rewriting or deleting a version (see the `core` migration
`0001_versioned_row_guard`).
"""

import uuid
from datetime import datetime
from typing import TypeVar

from django.contrib.postgres.fields import DateTimeRangeField
from django.db import migrations, models, transaction
from django.db.models import F, Func, Q, QuerySet
from django.dispatch import Signal
from django.utils import timezone

from core.exceptions import ConflictError

# Sent by version_end, inside its transaction, with the ended row as `instance`: ending a
# version is an UPDATE of valid_until, which no post_save announces. (Replacing a version
# inserts a new row, which post_save does announce.)
version_ended = Signal()


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


V = TypeVar("V", bound="Versioned")


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
    ]
    # Periods of one object never overlap: a statement trigger, not an exclusion constraint
    # (see core migration 0002 and versions_disjoint_sql).


def versions_disjoint_sql(table: str, prefix: str) -> migrations.RunSQL:
    """The migration step that attaches core's makon_versions_disjoint trigger to `table`."""
    trigger = f"{table}_versions_disjoint"
    return migrations.RunSQL(
        f"CREATE TRIGGER {trigger} AFTER INSERT ON {table} "
        "REFERENCING NEW TABLE AS new_versions FOR EACH STATEMENT "
        f"EXECUTE FUNCTION makon_versions_disjoint('{prefix}_no_overlapping_versions');",
        reverse_sql=f"DROP TRIGGER {trigger} ON {table};",
    )


def version_indexes(prefix: str) -> list[models.Index]:
    return [models.Index(fields=["valid_from", "valid_until"], name=f"{prefix}_period_idx")]


def version_lock(*, model: type[V], pk: int) -> V:
    """Lock and return the version row `pk`; callers lock in ascending pk order."""
    return model.objects.select_for_update().get(pk=pk)


def _stale_check(*, locked: Versioned, edited: Versioned) -> None:
    if locked.valid_until is not None or locked.version != edited.version:
        raise ConflictError(
            f"{type(locked).__name__} {locked.uid} changed since version {edited.version} was "
            f"read (now version {locked.version}"
            + (", ended" if locked.valid_until is not None else "")
            + "). Reload it and make the change again."
        )


@transaction.atomic
def version_replace(*, edited: V, moment: datetime | None = None) -> V:
    """End the version `edited` was read from and register `edited` as the next version.

    `edited` is an unsaved change of a current row (same pk, same version number as read). A
    version that was changed or ended in the meantime raises ConflictError (409).
    """
    moment = moment or timezone.now()
    model = type(edited)
    locked = version_lock(model=model, pk=edited.pk)
    _stale_check(locked=locked, edited=edited)
    if moment <= locked.valid_from:
        raise ConflictError("A new version must start after the one it replaces.")
    model.objects.filter(pk=locked.pk).update(valid_until=moment)
    many_to_many = {
        field.name: list(getattr(locked, field.name).all()) for field in model._meta.many_to_many
    }
    edited.pk = None
    edited.id = None
    edited._state.adding = True
    edited.version = locked.version + 1
    edited.valid_from = moment
    edited.valid_until = None
    edited.save(force_insert=True)
    for name, related in many_to_many.items():
        getattr(edited, name).set(related)
    edited.refresh_from_db()
    return edited


@transaction.atomic
def version_end(*, instance: V, moment: datetime | None = None) -> V:
    """End the current version of `instance` without a successor (retire the object)."""
    moment = moment or timezone.now()
    model = type(instance)
    locked = version_lock(model=model, pk=instance.pk)
    _stale_check(locked=locked, edited=instance)
    if moment <= locked.valid_from:
        raise ConflictError("A version cannot end before it starts.")
    model.objects.filter(pk=locked.pk).update(valid_until=moment)
    locked.refresh_from_db()
    version_ended.send(sender=model, instance=locked)
    return locked
