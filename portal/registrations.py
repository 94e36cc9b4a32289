"""Holders hear of every right, restriction or responsibility registered against their property.

Registrations reach the register through more than one door (the registrar's admin, importers,
later the change workflow), and every one of them saves the new version row. So the hook is the
row's post_save, and the notification waits for the commit: a registration that rolls back
tells no one. Bulk loads (COPY, bulk_create) send no signal and notify no one, as intended for a
city being loaded rather than registered.
"""

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from cadastre.models import Responsibility, Restriction, Right
from core.versioning import version_ended
from portal.models import Notification
from portal.services import notify_watchers

Fact = Right | Restriction | Responsibility
_MODELS: tuple[type[Fact], ...] = (Right, Restriction, Responsibility)


def _type_label(fact: Fact) -> str:
    if isinstance(fact, Right):
        return fact.get_right_type_display()
    if isinstance(fact, Restriction):
        return fact.get_restriction_type_display()
    return fact.get_responsibility_type_display()


def notify_registration(*, model: type[Fact], pk: int) -> list[Notification]:
    """Tell the holders of the property of fact `pk` that it was registered, changed or
    ended."""
    fact = model.objects.select_related("property").filter(pk=pk).first()
    if fact is None:
        return []
    values = {
        "type": _type_label(fact),
        "registration": fact.registration_number,
        "number": fact.property.cadastral_number,
        "day": fact.valid_from.date().isoformat(),
    }
    if fact.valid_until is not None:
        values["day"] = fact.valid_until.date().isoformat()
        text = _("%(type)s No %(registration)s on your property %(number)s ended on %(day)s.")
    elif fact.version == 1:
        text = _(
            "%(type)s No %(registration)s was registered against your property %(number)s, "
            "in force from %(day)s."
        )
    else:
        text = _(
            "%(type)s No %(registration)s on your property %(number)s was changed, "
            "in force from %(day)s."
        )
    return notify_watchers(fact.property, Notification.Kind.REGISTRATION, text % values)


def _on_saved(sender: type[Fact], instance: Fact, created: bool, **kwargs: Any) -> None:
    # Fixture loading saves rows "raw": nothing was registered.
    if not created or kwargs.get("raw"):
        return
    transaction.on_commit(
        partial(notify_registration, model=sender, pk=instance.pk), using=kwargs.get("using")
    )


def _on_ended(sender: type, instance: Fact, **kwargs: Any) -> None:
    if sender not in _MODELS:
        return
    transaction.on_commit(partial(notify_registration, model=sender, pk=instance.pk))


def connect() -> None:
    """Attach the hooks to the register's fact tables (called once, from PortalConfig.ready)."""
    for model in _MODELS:
        post_save.connect(
            _on_saved, sender=model, dispatch_uid=f"portal.registration.{model._meta.model_name}"
        )
    version_ended.connect(_on_ended, dispatch_uid="portal.registration.ended")
