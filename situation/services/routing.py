"""Which department handles an incident: the route for its type in its district, else the
type's city-wide route."""

from gis.models import AdminArea
from situation.models import Department, DepartmentRoute, IncidentType


def department_for(*, incident_type: IncidentType, district: AdminArea | None) -> Department | None:
    """The department routed for `incident_type` in `district`; None when none is configured."""
    routes = DepartmentRoute.objects.filter(incident_type=incident_type).select_related(
        "department"
    )
    if district is not None:
        local = routes.filter(district=district).first()
        if local is not None:
            return local.department
    default = routes.filter(district__isnull=True).first()
    return default.department if default is not None else None
