"""Telling people outside the console: the department head about an escalation, appellants
about their incident's new state. E-mail only, only when a mail server is configured, and only
after the change committed (callers register these with transaction.on_commit)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from situation.models import Appeal, Incident

logger = logging.getLogger(__name__)


def _mail_enabled() -> bool:
    return bool(getattr(settings, "EMAIL_HOST", ""))


def escalation_mail_send(*, incident_id: int, to: str) -> bool:
    """Mail the head of the incident's department; False when mail is off or fails."""
    if not _mail_enabled():
        return False
    incident = Incident.objects.select_related("incident_type").get(pk=incident_id)
    subject = _("Escalated: %(number)s %(type)s") % {
        "number": incident.number,
        "type": incident.incident_type,
    }
    body = _("Incident %(number)s at %(address)s is escalated to you (due %(due)s).") % {
        "number": incident.number,
        "address": incident.address or "-",
        "due": f"{incident.sla_due_at:%Y-%m-%d %H:%M}",
    }
    try:
        send_mail(subject, body, None, [to])
    except OSError:
        logger.exception("Escalation mail for incident %s could not be sent", incident_id)
        return False
    return True


def appellants_mail_send(*, incident_id: int) -> int:
    """Mail every appellant of the incident who left an address its current state; how many."""
    if not _mail_enabled():
        return 0
    incident = Incident.objects.get(pk=incident_id)
    addresses = set()
    for appeal in Appeal.objects.filter(incident_id=incident_id).select_related("citizen"):
        address = appeal.contact_email or (appeal.citizen.email if appeal.citizen else "")
        if address:
            addresses.add(address)
    if not addresses:
        return 0
    subject = _("Your appeal: %(number)s is now %(state)s") % {
        "number": incident.number,
        "state": incident.get_state_display(),
    }
    sent = 0
    for address in sorted(addresses):
        try:
            send_mail(subject, subject, None, [address])
            sent += 1
        except OSError:
            logger.exception("Appellant mail for incident %s could not be sent", incident_id)
    return sent
