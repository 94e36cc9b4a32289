"""Citizens' appeals: filing (map or Open311, signed in or anonymous), triage into incidents.

Anonymous filing is rate-limited per client address, counted in the database (every worker
sees the same count) under a per-address advisory lock, so parallel requests cannot slip past.
The address itself is not stored, only a keyed hash of it.
"""

import hashlib
import hmac
from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.gis.geos import GEOSGeometry
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import InvalidInputError
from situation import conf
from situation.errors import AppealAlreadyTriagedError, IllegalTransitionError, RateLimitedError
from situation.location import ensure_in_city, to_storage
from situation.models import (
    OPEN_STATES,
    Appeal,
    AppealState,
    Incident,
    IncidentEvent,
    IncidentType,
    State,
)
from situation.services.events import actor_or_none, event_append
from situation.services.incidents import (
    COMMENT_MAX_LENGTH,
    incident_create,
    incident_lock,
    transition,
)
from situation.services.photos import CheckedPhoto, photo_attach, photos_check

TEXT_MAX_LENGTH = 5000
_POINT_ONLY = frozenset({"Point"})


def client_key_for(address: str | None) -> str:
    """Keyed hash of a client address: counts filings without keeping the address."""
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, (address or "unknown").encode(), hashlib.sha256).hexdigest()


def _rate_limit(client_key: str) -> None:
    window = conf.anonymous_appeal_window_seconds()
    limit = conf.anonymous_appeal_limit()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [client_key])
    since = timezone.now() - timedelta(seconds=window)
    recent = Appeal.objects.filter(
        citizen__isnull=True, client_key=client_key, created_at__gte=since
    ).order_by("created_at")
    if recent.count() >= limit:
        oldest = recent.values_list("created_at", flat=True)[0]
        wait = max(1, int((oldest + timedelta(seconds=window) - timezone.now()).total_seconds()))
        raise RateLimitedError(
            _(
                "Too many appeals from this address without signing in: at most %(limit)s per "
                "%(minutes)s minutes. Try again in %(wait)s seconds, or sign in."
            )
            % {"limit": limit, "minutes": window // 60, "wait": wait},
            retry_after_seconds=wait,
        )


def appeal_file(
    *,
    user: User | AnonymousUser | None,
    category: IncidentType,
    geom: GEOSGeometry,
    text: str,
    address: str = "",
    photos: Sequence[UploadedFile | bytes] = (),
    channel: str = Appeal.Channel.MAP,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    client_address: str | None = None,
    rate_limited: bool = True,
) -> Appeal:
    """File an appeal at a point in the city; anonymous filings are rate-limited per address.

    Photos are checked (type from their bytes, size, number) before anything is written; a
    failure after they were stored removes their files again.
    """
    if not category.is_active or not category.is_open311:
        raise InvalidInputError(
            _("%(code)s is not a category citizens can report.") % {"code": repr(category.code)}
        )
    text = (text or "").strip()
    if not text:
        raise InvalidInputError(_("Describe the problem (text)."))
    if len(text) > TEXT_MAX_LENGTH:
        raise InvalidInputError(
            _("The text is longer than %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}
        )
    address = (address or "").strip()
    if len(address) > 300:
        raise InvalidInputError(
            _("The address is longer than %(limit)s characters.") % {"limit": 300}
        )
    point = to_storage(geom, allowed=_POINT_ONLY)
    checked = photos_check(list(photos))
    stored: list[str] = []
    try:
        return _appeal_insert(
            user=user,
            category=category,
            point=point,
            text=text,
            address=address,
            photos=checked,
            channel=channel,
            contacts=(contact_name.strip(), contact_email.strip(), contact_phone.strip()),
            client_key=client_key_for(client_address),
            rate_limited=rate_limited,
            stored=stored,
        )
    except BaseException:
        from django.core.files.storage import default_storage

        for name in stored:
            default_storage.delete(name)
        raise


@transaction.atomic
def _appeal_insert(
    *,
    user: User | AnonymousUser | None,
    category: IncidentType,
    point: GEOSGeometry,
    text: str,
    address: str,
    photos: list[CheckedPhoto],
    channel: str,
    contacts: tuple[str, str, str],
    client_key: str,
    rate_limited: bool,
    stored: list[str],
) -> Appeal:
    ensure_in_city(point)
    citizen = actor_or_none(user)
    if citizen is None and rate_limited:
        _rate_limit(client_key)
    name, email, phone = contacts
    appeal = Appeal.objects.create(
        category=category,
        geom=point,
        address=address,
        text=text,
        citizen=citizen,
        channel=channel,
        contact_name=name[:200],
        contact_email=email[:254],
        contact_phone=phone[:40],
        client_key=client_key if citizen is None else "",
        created_at=timezone.now(),
    )
    for photo in photos:
        row = photo_attach(photo=photo, user=user, appeal=appeal)
        stored.append(row.image.name)
    return appeal


def _appeal_lock(appeal_id: int) -> Appeal:
    return Appeal.objects.select_for_update(of=("self",)).get(pk=appeal_id)


def _link(*, appeal: Appeal, incident: Incident, user: User | AnonymousUser, comment: str) -> None:
    now = timezone.now()
    appeal.incident = incident
    appeal.state = AppealState.LINKED
    appeal.triaged_by = actor_or_none(user)
    appeal.triaged_at = now
    appeal.triage_comment = comment
    appeal.save()
    event_append(
        incident=incident,
        actor=user,
        kind=IncidentEvent.Kind.APPEAL_LINKED,
        from_state=incident.state,
        comment=comment,
        data={"appeal": appeal.pk},
        at=now,
    )


def _clean_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise InvalidInputError(
            _("The comment is longer than %(limit)s characters.") % {"limit": COMMENT_MAX_LENGTH}
        )
    return comment


@transaction.atomic
def appeal_triage(
    *,
    user: User | AnonymousUser,
    appeal: Appeal,
    incident: Incident | None = None,
    severity: int | None = None,
    comment: str = "",
) -> Incident:
    """Take a submitted appeal into `incident`, or into a new incident made from it (triaged).

    The incident is locked before the appeal (the same order everywhere), so linking cannot
    race with the incident's own changes.
    """
    comment = _clean_comment(comment)
    if incident is not None:
        incident = incident_lock(incident_id=incident.pk)
        if incident.state not in OPEN_STATES:
            raise IllegalTransitionError(
                _("Incident %(number)s is %(state)s; appeals join open incidents.")
                % {"number": incident.number, "state": incident.state}
            )
    appeal = _appeal_lock(appeal.pk)
    if appeal.state != AppealState.SUBMITTED:
        raise AppealAlreadyTriagedError(
            _("Appeal %(id)s has already been triaged.") % {"id": appeal.pk}
        )
    if incident is None:
        incident = incident_create(
            user=user,
            incident_type=appeal.category,
            geom=appeal.geom,
            severity=severity,
            address=appeal.address,
            description=appeal.text,
        )
        _link(appeal=appeal, incident=incident, user=user, comment=comment)
        incident = transition(user, incident, State.TRIAGED, comment=comment)
    else:
        _link(appeal=appeal, incident=incident, user=user, comment=comment)
    return incident


@transaction.atomic
def appeal_reject(*, user: User | AnonymousUser, appeal: Appeal, comment: str) -> Appeal:
    """Refuse a submitted appeal (spam, not a city matter), telling the appellant why."""
    comment = _clean_comment(comment)
    if not comment:
        raise InvalidInputError(_("Tell the appellant why the appeal is rejected (comment)."))
    appeal = _appeal_lock(appeal.pk)
    if appeal.state != AppealState.SUBMITTED:
        raise AppealAlreadyTriagedError(
            _("Appeal %(id)s has already been triaged.") % {"id": appeal.pk}
        )
    appeal.state = AppealState.REJECTED
    appeal.triaged_by = actor_or_none(user)
    appeal.triaged_at = timezone.now()
    appeal.triage_comment = comment
    appeal.save()
    return appeal
