"""Which department handles an incident: the route for its type in its district, else the
type's default department."""

from gis.models import AdminArea
from situation.models import Department, DepartmentRoute, IncidentType


def department_for(*, incident_type: IncidentType, district: AdminArea | None) -> Department | None:
    """The department routed for `incident_type` in `district`; None when none is configured."""
    if district is not None:
        route = (
            DepartmentRoute.objects.filter(incident_type=incident_type, district=district)
            .select_related("department")
            .first()
        )
        if route is not None:
            return route.department
    if incident_type.default_department_id is None:
        return None
    return Department.objects.get(pk=incident_type.default_department_id)
