"""Reading the audit log: a search for registrars and admins, a holder's view of their property."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Role
from accounts.roles import has_role
from audit.models import Action, AuditEntry

# Roles that may search the whole log.
LOG_READERS = (Role.REGISTRAR, Role.ADMIN)

# What a holder is shown about their property: reads and changes, not sign-ins.
PROPERTY_ACTIONS = (
    Action.READ_PERSONAL,
    Action.LOOKUP,
    Action.CREATE,
    Action.CHANGE,
    Action.END,
    Action.EXTRACT_ISSUE,
    Action.EXTRACT_VERIFY,
    Action.EXTRACT_REVOKE,
    Action.DOCUMENT_READ,
    Action.DOCUMENT_UPLOAD,
)


@dataclass(frozen=True)
class AuditFilters:
    """Search criteria; every one is optional. Dates are whole days in the site's time zone."""

    actor: str = ""
    action: str = ""
    cadastral_number: str = ""
    date_from: date | None = None
    date_to: date | None = None


def can_search(user: User | AnonymousUser) -> bool:
    """True for the roles that may search the whole audit log."""
    return bool(user.is_authenticated) and has_role(user, *LOG_READERS)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def search(user: User | AnonymousUser, **filters: object) -> QuerySet[AuditEntry]:
    """Entries matching `filters` (AuditFilters' fields), newest first; registrar/admin only."""
    if not can_search(user):
        raise PermissionDenied("Only a registrar or an administrator may search the audit log.")
    criteria = AuditFilters(**filters)  # type: ignore[arg-type]
    entries = AuditEntry.objects.all()
    if criteria.actor:
        actor = criteria.actor.strip()
        by_name = Q(actor_username__iexact=actor)
        by_id = actor.isdigit() and len(actor) <= 18  # a bigint holds 18 digits safely
        entries = entries.filter(by_name | Q(actor_id=int(actor)) if by_id else by_name)
    if criteria.action:
        entries = entries.filter(action=criteria.action)
    if criteria.cadastral_number:
        entries = entries.filter(cadastral_number__startswith=criteria.cadastral_number.strip())
    if criteria.date_from:
        entries = entries.filter(at__gte=_day_start(criteria.date_from))
    if criteria.date_to:
        entries = entries.filter(at__lt=_day_start(criteria.date_to + timedelta(days=1)))
    return entries.order_by("-id")


def entries_for_property(user: User | AnonymousUser, cadastral_number: str) -> QuerySet[AuditEntry]:
    """Reads and changes of the property `cadastral_number` and its objects, newest first.

    The property is looked up through portal.access, so a property the user may not see is
    Http404 exactly as a missing one.
    """
    from portal.access import property_for  # portal builds on accounts, not the reverse

    found = property_for(user, cadastral_number)
    numbers = {found.cadastral_number, *found.components.values_list("cadastral_number", flat=True)}
    return AuditEntry.objects.filter(
        cadastral_number__in=numbers, action__in=PROPERTY_ACTIONS
    ).order_by("-id")
