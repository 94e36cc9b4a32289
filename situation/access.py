"""Who may see and act on which incidents: decided here, in one place.

Operators see the incidents of the districts their role is limited to (no limit: the whole
city, including incidents outside every district); admins see everything. Anyone else sees no
incident through the operator API; citizens follow their own appeals instead.
"""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from accounts.models import Role
from accounts.roles import district_ids_of, has_role
from situation.models import Incident

#: Roles that run the situation centre.
OPERATOR_ROLES = (Role.OPERATOR, Role.ADMIN)


def is_operator(user: User | AnonymousUser) -> bool:
    """True when `user` works in the situation centre (operator or admin)."""
    return has_role(user, *OPERATOR_ROLES)


def operator_district_ids(user: User | AnonymousUser) -> frozenset[int] | None:
    """District ids `user` may act in; None = the whole city; empty = none."""
    if has_role(user, Role.ADMIN):
        return None
    return district_ids_of(user, Role.OPERATOR)


def incidents_visible_to(user: User | AnonymousUser) -> QuerySet[Incident]:
    """Incidents `user` may see and act on as an operator."""
    incidents = Incident.objects.all()
    if not is_operator(user):
        return incidents.none()
    districts = operator_district_ids(user)
    if districts is None:
        return incidents
    return incidents.filter(Q(district_id__in=districts))
