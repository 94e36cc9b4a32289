"""Telling holders about their property: in the app, and by e-mail when a mail server is set.

Notifications are written in the caller's transaction (a notary's look-up and the message about
it stand or fall together); the e-mail copies leave only after that transaction commits, so a
rolled-back look-up or registration never mails anyone.
"""

import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.roles import has_role
from cadastre.models import Party, Property, Right
from portal.models import Notification

logger = logging.getLogger(__name__)


def holder_parties(prop: Property) -> Iterable[int]:
    """Ids of the parties holding a right in force on `prop`, directly or in a party group."""
    current = Right.objects.current().filter(property=prop)
    return Party.objects.filter(
        Q(rights__in=current) | Q(memberships__group__rights__in=current)
    ).values_list("pk", flat=True)


def watchers_of(prop: Property) -> list[User]:
    """The active citizens whose party holds a right in force on `prop`, by id."""
    users = User.objects.filter(
        is_active=True, profile__party_id__in=list(holder_parties(prop))
    ).order_by("pk")
    return [user for user in users if has_role(user, Role.CITIZEN)]


def email_enabled() -> bool:
    """True when the deployment names a mail server (settings.EMAIL_HOST, empty by default)."""
    return bool(getattr(settings, "EMAIL_HOST", ""))


@transaction.atomic
def notify_watchers(
    prop: Property,
    kind: str,
    text: str,
    actor: User | AnonymousUser | None = None,
) -> list[Notification]:
    """Write one notification about `prop` to each of its holders except `actor`.

    E-mail copies go to holders with an address once the surrounding transaction commits.
    """
    actor_pk = actor.pk if actor is not None and actor.is_authenticated else None
    recipients = [user for user in watchers_of(prop) if user.pk != actor_pk]
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, property=prop, kind=kind, text=text) for user in recipients
    )
    if email_enabled():
        to_mail = [n.pk for n in notifications if n.recipient.email]
        if to_mail:
            transaction.on_commit(lambda: send_notification_emails(to_mail))
    return notifications


def send_notification_emails(notification_ids: list[int]) -> int:
    """Mail each notification to its recipient; returns how many the mail server accepted.

    Runs after the commit: a mail server that refuses is logged, the notification stays in the
    app, and `emailed_at` stays empty so the failure can be found and retried.
    """
    sent = 0
    pending = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True
    ).select_related("recipient", "property")
    for notification in pending.order_by("pk"):
        subject = _("Makon: %(number)s") % {"number": notification.property.cadastral_number}
        try:
            send_mail(
                subject,
                notification.text,
                settings.DEFAULT_FROM_EMAIL,
                [notification.recipient.email],
            )
        except (OSError, smtplib.SMTPException):
            logger.exception("Notification %s could not be mailed.", notification.pk)
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


@transaction.atomic
def notifications_mark_read(user: User, *, ids: list[int] | None = None) -> int:
    """Mark `user`'s unread notifications read (only those in `ids` when given); returns how many.

    Ids of other people's notifications are ignored, as if they did not exist.
    """
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
