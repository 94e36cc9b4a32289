"""Demo incidents and appeals for the demo city: spread over the last 60 days, every type and
district, a realistic share still open and overdue, each with the events its history needs.

Each incident's history is simulated along the state machine (situation.workflow) from its
report to "now": reported, triaged, assigned, worked on, sometimes held, resolved (most within
their SLA, some late), closed; a few are rejected, cancelled or marked duplicate early. The
state is wherever that history stands at "now", so old incidents are mostly closed and recent
ones mostly open. Most incidents come from citizens' appeals (one to three each); a few dozen
appeals from the last two days wait for triage.

Locations come from the city itself: utility incidents lie on a segment of their network (a
leak on a water main), road damage on a road (sometimes as the damaged stretch, a line), a
flood as an area, the rest at random points of the districts. Rows are inserted in bulk
(bulk_create), so a few thousand incidents take seconds at any city size. Deterministic: the
same seed and "now" give the same rows.
"""

# ruff: noqa: RUF001 - Cyrillic letters in the Russian demo texts are meant.

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.contrib.gis.geos import GEOSGeometry
from django.db import connection, transaction
from django.utils import timezone

from gis.models import AdminArea
from situation import conf, workflow
from situation.catalogue import catalogue_ensure
from situation.models import (
    OPEN_STATES,
    Appeal,
    AppealState,
    Department,
    DepartmentRoute,
    Incident,
    IncidentEvent,
    IncidentType,
    ResolutionCode,
    State,
)

Kind = IncidentEvent.Kind

#: Types whose incidents lie on a network segment, and that network.
ON_NETWORK = {
    "water_leak": "water",
    "no_water": "water",
    "sewer_blockage": "sewer",
    "gas_leak": "gas",
    "power_outage": "power",
    "street_light": "road",
    "heating_failure": "heating",
    "road_damage": "road",
    "traffic_light": "road",
}
#: Relative frequency of each type among the demo incidents.
TYPE_WEIGHTS = {
    "water_leak": 14,
    "no_water": 8,
    "sewer_blockage": 10,
    "flooding": 3,
    "gas_leak": 3,
    "power_outage": 8,
    "heating_failure": 6,
    "road_damage": 14,
    "traffic_light": 4,
    "street_light": 8,
    "fire_safety": 3,
    "illegal_construction": 6,
    "sanitation": 12,
    "dangerous_tree": 4,
    "emergency": 1,
}
#: Department kinds that have a service of their own in every district.
DISTRICT_SERVICES = ("water-sewer", "power", "amenities")

TEXTS = {
    "water_leak": ["Ko'chada suv oqyapti", "Течёт вода из-под асфальта", "Quvur yorilgan"],
    "no_water": ["Uyda suv yo'q", "Нет холодной воды с утра", "Suv bosimi juda past"],
    "sewer_blockage": ["Kanalizatsiya to'lib ketdi", "Засор, вода во дворе", "Quduqdan hid"],
    "flooding": ["Yo'l suv ostida qoldi", "Подтопило подвалы", "Ariq toshib ketdi"],
    "gas_leak": ["Gaz hidi kelyapti", "Запах газа в подъезде"],
    "power_outage": ["Svet yo'q", "Нет электричества во всём доме", "Transformator o'chgan"],
    "heating_failure": ["Batareyalar sovuq", "Нет отопления", "Issiqlik yo'q"],
    "road_damage": ["Katta chuqur", "Яма на дороге", "Asfalt buzilgan"],
    "traffic_light": ["Svetofor ishlamayapti", "Светофор мигает жёлтым"],
    "street_light": ["Ko'cha chiroqlari yonmayapti", "Не горят фонари"],
    "fire_safety": ["Yong'in chiqish yo'li to'silgan", "Загромождён пожарный выход"],
    "illegal_construction": ["Ruxsatsiz qurilish", "Самовольная пристройка", "Noqonuniy devor"],
    "sanitation": ["Chiqindi olib ketilmagan", "Мусор не вывозят неделю"],
    "dangerous_tree": ["Daraxt qulab tushishi mumkin", "Аварийное дерево над дорогой"],
    "emergency": ["Favqulodda holat", "Чрезвычайная ситуация"],
}
COMMENTS = {
    State.TRIAGED: ["Qabul qilindi", "Принято в работу"],
    State.ASSIGNED: ["Brigada yuborildi", "Передано в службу"],
    State.IN_PROGRESS: ["Ish boshlandi", "Бригада на месте"],
    State.ON_HOLD: ["Ruxsatnoma kutilmoqda", "Ожидаем материалы"],
    State.RESOLVED: ["Bartaraf etildi", "Устранено"],
    State.CLOSED: ["", "Yopildi"],
    State.REJECTED: ["Shahar xizmatiga tegishli emas", "Не подтвердилось"],
    State.DUPLICATE: ["Takroriy murojaat", "Дубликат"],
    State.CANCELLED: ["Bekor qilindi", "Отменено заявителем"],
}


@dataclass
class _Event:
    at: datetime
    kind: str
    from_state: str
    to_state: str
    comment: str = ""
    data: dict = field(default_factory=dict)


@dataclass
class _Plan:
    """One simulated incident before it is inserted."""

    incident_type: IncidentType
    severity: int
    geom: GEOSGeometry
    created_at: datetime
    events: list[_Event]
    appeal_times: list[datetime]
    state: str = State.NEW
    sla_due_at: datetime | None = None
    paused_seconds: int = 0
    on_hold_since: datetime | None = None
    resolution_code: str = ""
    resolved_at: datetime | None = None
    escalated_at: datetime | None = None
    is_duplicate: bool = False


@dataclass(frozen=True)
class DemoIncidentSummary:
    incidents: int
    open: int
    overdue: int
    appeals: int
    waiting_appeals: int
    events: int


def _hours(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(hours=rng.uniform(low, high))


def _simulate(plan: _Plan, *, rng: random.Random, now: datetime, sla: timedelta) -> None:
    """Walk the plan's incident through the state machine until `now`."""
    moment = plan.created_at
    plan.sla_due_at = plan.created_at + sla
    plan.events.append(_Event(moment, Kind.CREATED, "", State.NEW))
    state = State.NEW

    def go(to_state: str, at: datetime, **data: object) -> bool:
        nonlocal state, moment
        if at > now:
            return False
        if not workflow.is_legal(state, to_state):
            raise AssertionError(f"demo history takes an illegal step {state} -> {to_state}")
        comment = rng.choice(COMMENTS.get(to_state, [""]))
        plan.events.append(_Event(at, Kind.TRANSITION, state, to_state, comment, dict(data)))
        state, moment = to_state, at
        return True

    # early endings
    fate = rng.random()
    if fate < 0.04:
        if go(State.REJECTED, moment + _hours(rng, 0.5, 6), resolution_code="not_ours"):
            plan.resolution_code = ResolutionCode.NOT_OURS
    elif fate < 0.06:
        go(State.CANCELLED, moment + _hours(rng, 0.2, 4))
    elif fate < 0.10:
        # linked to an earlier incident of its type when inserted
        if go(State.DUPLICATE, moment + _hours(rng, 0.3, 3), resolution_code="duplicate"):
            plan.resolution_code = ResolutionCode.DUPLICATE
            plan.is_duplicate = True
    else:
        # triage, assignment, work: fast for severe incidents
        speed = 0.4 if plan.severity >= 3 else 1.0
        steps = [
            (State.TRIAGED, _hours(rng, 0.1, 2) * speed),
            (State.ASSIGNED, _hours(rng, 0.2, 4) * speed),
            (State.IN_PROGRESS, _hours(rng, 0.5, 12) * speed),
        ]
        # some incidents stall in the backlog and stay open, long overdue
        stalls = rng.random() < 0.015
        for to_state, delay in steps:
            if not go(to_state, moment + delay):
                break
            if stalls and to_state == State.ASSIGNED and rng.random() < 0.5:
                break
        else:
            if stalls:
                steps = []
            if rng.random() < 0.08 and go(State.ON_HOLD, moment + _hours(rng, 1, 8)):
                pause = _hours(rng, 4, 72)
                resume = moment + pause
                if resume <= now:
                    paused = int(pause.total_seconds())
                    go(State.IN_PROGRESS, resume, paused_seconds=paused)
                    plan.paused_seconds += paused
                    plan.sla_due_at += timedelta(seconds=paused)
            if state == State.IN_PROGRESS and not stalls:
                # four in five within their SLA
                share = rng.uniform(0.3, 0.95) if rng.random() < 0.8 else rng.uniform(1.05, 3)
                done = max(moment + timedelta(minutes=20), plan.created_at + sla * share)
                done += timedelta(seconds=plan.paused_seconds)
                code = rng.choices(
                    [
                        ResolutionCode.FIXED,
                        ResolutionCode.NOT_REPRODUCIBLE,
                        ResolutionCode.REFERRED,
                    ],
                    weights=[90, 6, 4],
                )[0]
                if go(State.RESOLVED, done, resolution_code=str(code)):
                    plan.resolution_code = code
                    plan.resolved_at = done
                    go(State.CLOSED, done + _hours(rng, 24, 96))
    plan.state = state
    if state == State.ON_HOLD:
        plan.on_hold_since = moment
    if plan.resolved_at is None and state in {State.REJECTED, State.DUPLICATE}:
        plan.resolved_at = moment
    _escalation(plan, now=now)


def _escalation(plan: _Plan, *, now: datetime) -> None:
    """Escalate as the service and the periodic command would have (critical, or overdue)."""
    if plan.sla_due_at is None:
        raise ValueError("The incident's history has not been simulated.")
    if plan.severity >= conf.escalate_severity():
        plan.escalated_at = plan.created_at
    elif plan.state not in {State.CANCELLED, State.REJECTED, State.DUPLICATE}:
        # the command runs every few minutes: escalated soon after the due time passed unresolved
        due = plan.sla_due_at + timedelta(minutes=5)
        if plan.state != State.ON_HOLD and due < (plan.resolved_at or now):
            plan.escalated_at = due
    if plan.escalated_at is None:
        return
    state_then = State.NEW
    for event in plan.events:
        if event.at <= plan.escalated_at:
            state_then = event.to_state
    plan.events.append(
        _Event(
            plan.escalated_at,
            Kind.ESCALATED,
            state_then,
            state_then,
            data={"reason": "severity" if plan.escalated_at == plan.created_at else "overdue"},
        )
    )
    plan.events.sort(key=lambda event: event.at)


def _ensure_routes(districts: list[AdminArea]) -> dict[tuple[int, int | None], int]:
    """A district service of its own for some departments in every district, with routes; the
    map (type id, district id or None for the type's default) -> department id."""
    departments = {d.code: d for d in Department.objects.all()}
    types = list(IncidentType.objects.all())
    missing = []
    for district in districts:
        for service in DISTRICT_SERVICES:
            parent = departments.get(service)
            code = f"{service}-{district.code.replace(':', '-')}"
            if parent is None or code in departments:
                continue
            missing.append(
                Department(
                    code=code,
                    name_uz=f"{district.name_uz}: {parent.name_uz}",
                    name_ru=f"{district.name_ru or district.name_uz}: {parent.name_ru}",
                    name_en=f"{district.name_en or district.name_uz}: {parent.name_en}",
                    network=parent.network,
                )
            )
    Department.objects.bulk_create(missing)
    departments = {d.code: d for d in Department.objects.all()}
    existing = set(DepartmentRoute.objects.values_list("incident_type_id", "district_id"))
    routes = []
    for district in districts:
        for kind in types:
            for service in DISTRICT_SERVICES:
                parent = departments.get(service)
                local = departments.get(f"{service}-{district.code.replace(':', '-')}")
                if (
                    parent is not None
                    and local is not None
                    and kind.default_department_id == parent.pk
                    and (kind.pk, district.pk) not in existing
                ):
                    routes.append(
                        DepartmentRoute(incident_type=kind, district=district, department=local)
                    )
    DepartmentRoute.objects.bulk_create(routes)
    table: dict[tuple[int, int | None], int] = {
        (kind.pk, None): kind.default_department_id
        for kind in types
        if kind.default_department_id is not None
    }
    for route in DepartmentRoute.objects.all():
        table[(route.incident_type_id, route.district_id)] = route.department_id
    return table


def _network_points(
    network: str, count: int, rng: random.Random, *, as_line: bool = False
) -> list[GEOSGeometry]:
    """`count` points (or short stretches) on random segments of `network`, storage CRS."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM citygis_infrastructuresegment WHERE network = %s ORDER BY id",
            [network],
        )
        ids = [row[0] for row in cursor.fetchall()]
    if not ids or count == 0:
        return []
    chosen = [rng.choice(ids) for _ in range(count)]
    fractions = [rng.uniform(0.1, 0.9) for _ in range(count)]
    with connection.cursor() as cursor:
        if as_line:
            cursor.execute(
                "SELECT ST_AsEWKB(ST_LineSubstring(s.geom, f.f - 0.08, f.f + 0.08)) "
                "FROM unnest(%s::bigint[], %s::float8[]) WITH ORDINALITY AS f(id, f, n) "
                "JOIN citygis_infrastructuresegment AS s ON s.id = f.id ORDER BY f.n",
                [chosen, fractions],
            )
        else:
            cursor.execute(
                "SELECT ST_AsEWKB(ST_LineInterpolatePoint(s.geom, f.f)) "
                "FROM unnest(%s::bigint[], %s::float8[]) WITH ORDINALITY AS f(id, f, n) "
                "JOIN citygis_infrastructuresegment AS s ON s.id = f.id ORDER BY f.n",
                [chosen, fractions],
            )
        return [GEOSGeometry(memoryview(bytes(row[0]))) for row in cursor.fetchall()]


def _district_points(
    districts: list[AdminArea], count: int, seed: int, rng: random.Random
) -> list[GEOSGeometry]:
    """`count` random points inside the districts (in proportion to nothing: evenly by draw)."""
    if not districts or count == 0:
        return []
    per_district = [0] * len(districts)
    for _ in range(count):
        per_district[rng.randrange(len(districts))] += 1
    points: list[GEOSGeometry] = []
    with connection.cursor() as cursor:
        for index, (district, wanted) in enumerate(zip(districts, per_district, strict=True)):
            if not wanted:
                continue
            cursor.execute(
                "SELECT ST_AsEWKB((ST_Dump(ST_GeneratePoints(geom, %s, %s))).geom) "
                "FROM citygis_adminarea WHERE id = %s",
                [wanted, seed * 100 + index + 1, district.pk],
            )
            points += [GEOSGeometry(memoryview(bytes(row[0]))) for row in cursor.fetchall()]
    rng.shuffle(points)
    return points


def _districts_of(geoms: list[GEOSGeometry]) -> list[int | None]:
    """The district id covering each geometry's representative point (one query)."""
    if not geoms:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT a.id FROM citygis_adminarea AS a WHERE a.level = 'district' "
            "AND ST_Covers(a.geom, ST_PointOnSurface(g.geom)) ORDER BY a.code LIMIT 1) "
            "FROM unnest(%s::bytea[]) WITH ORDINALITY AS u(wkb, n), "
            "LATERAL (SELECT ST_GeomFromEWKB(u.wkb) AS geom) AS g ORDER BY u.n",
            [[bytes(geom.ewkb) for geom in geoms]],
        )
        return [row[0] for row in cursor.fetchall()]


@transaction.atomic
def build_demo_incidents(
    *,
    seed: int,
    count: int = 1500,
    days: int = 60,
    now: datetime | None = None,
    waiting_appeals: int = 40,
    stdout: Callable[[str], object] | None = None,
) -> DemoIncidentSummary:
    """Insert `count` demo incidents reported over the last `days` days, their events and
    appeals, plus `waiting_appeals` untriaged appeals; the city must already be built."""
    started = time.monotonic()
    rng = random.Random(seed * 7919 + 5)  # noqa: S311 - demo data, not a secret
    now = now or timezone.now()
    districts = list(AdminArea.objects.filter(level=AdminArea.Level.DISTRICT).order_by("code"))
    if not districts:
        raise ValueError("Build the demo city first: there are no districts to place incidents in.")
    catalogue_ensure()
    routes = _ensure_routes(districts)
    types = {kind.code: kind for kind in IncidentType.objects.filter(is_active=True)}
    codes = [code for code in TYPE_WEIGHTS if code in types]
    weights = [TYPE_WEIGHTS[code] for code in codes]
    drawn = rng.choices(codes, weights=weights, k=count)

    # locations
    wanted: dict[str, list[int]] = {}
    for index, code in enumerate(drawn):
        wanted.setdefault(code, []).append(index)
    geoms: list[GEOSGeometry | None] = [None] * count
    elsewhere: list[int] = []
    for code, indexes in sorted(wanted.items()):
        network = ON_NETWORK.get(code)
        if network is None:
            elsewhere += indexes
            continue
        lines = [i for i in indexes if code == "road_damage" and rng.random() < 0.25]
        points = [i for i in indexes if i not in set(lines)]
        for group, as_line in ((points, False), (lines, True)):
            found = _network_points(network, len(group), rng, as_line=as_line)
            if len(found) < len(group):
                elsewhere += group[len(found) :]
            for index, geom in zip(group, found, strict=False):
                geoms[index] = geom
    spots = _district_points(districts, len(elsewhere), seed, rng)
    for index, geom in zip(sorted(elsewhere), spots, strict=True):
        if drawn[index] == "flooding":
            geom = geom.buffer(rng.uniform(25, 70), quadsegs=4)
        geoms[index] = geom
    placed = [(i, g) for i, g in enumerate(geoms) if g is not None and g.valid and not g.empty]
    district_ids = _districts_of([g for _, g in placed])

    # histories, oldest first, so a duplicate can point at an earlier incident
    span = timedelta(days=days)
    plans: list[tuple[_Plan, int | None]] = []
    for (index, geom), district_id in zip(placed, district_ids, strict=True):
        kind = types[drawn[index]]
        # more reports recently (the city grew into the system): weight towards the present
        age = span * (rng.random() ** 1.3)
        created = now - age
        severity = min(4, max(1, kind.default_severity + rng.choice([-1, 0, 0, 0, 1])))
        plan = _Plan(
            incident_type=kind,
            severity=severity,
            geom=geom,
            created_at=created,
            events=[],
            appeal_times=[],
        )
        _simulate(plan, rng=rng, now=now, sla=timedelta(hours=kind.sla_hours))
        if rng.random() < 0.7:
            first = created - timedelta(minutes=rng.uniform(3, 90))
            plan.appeal_times.append(first)
            for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
                later = created + timedelta(hours=rng.uniform(0.2, 30))
                if later < now:
                    plan.appeal_times.append(later)
        plans.append((plan, district_id))
    plans.sort(key=lambda item: item[0].created_at)

    incidents = []
    for plan, district_id in plans:
        last = plan.events[-1].at if plan.events else plan.created_at
        incidents.append(
            Incident(
                incident_type=plan.incident_type,
                severity=plan.severity,
                state=plan.state,
                geom=plan.geom,
                address="",
                description=rng.choice(TEXTS.get(plan.incident_type.code, ["-"])),
                department_id=routes.get((plan.incident_type.pk, district_id))
                or routes.get((plan.incident_type.pk, None)),
                district_id=district_id,
                sla_due_at=plan.sla_due_at,
                sla_paused_seconds=plan.paused_seconds,
                on_hold_since=plan.on_hold_since,
                escalated=plan.escalated_at is not None,
                escalated_at=plan.escalated_at,
                resolution_code=plan.resolution_code,
                resolved_at=plan.resolved_at,
                created_at=plan.created_at,
                updated_at=last,
            )
        )
    Incident.objects.bulk_create(incidents, batch_size=2000)

    # a duplicate points at the latest earlier incident of its type (else the first later one)
    duplicates = []
    of_type: dict[int, list[Incident]] = {}
    for (plan, _), incident in zip(plans, incidents, strict=True):
        of_type.setdefault(plan.incident_type.pk, []).append(incident)
    for (plan, _), incident in zip(plans, incidents, strict=True):
        if not plan.is_duplicate:
            continue
        same = of_type[plan.incident_type.pk]
        position = same.index(incident)
        original = same[position - 1] if position > 0 else next(iter(same[1:]), None)
        if original is not None:
            incident.duplicate_of = original
            duplicates.append(incident)
    Incident.objects.bulk_update(duplicates, ["duplicate_of"], batch_size=2000)

    citizen = User.objects.filter(username="citizen").first()
    appeals: list[Appeal] = []
    linked_pairs: list[tuple[Appeal, datetime]] = []
    for (plan, _), incident in zip(plans, incidents, strict=True):
        for at in plan.appeal_times:
            point = plan.geom.point_on_surface if plan.geom.geom_type != "Point" else plan.geom
            linked_at = max(at, plan.created_at) + timedelta(minutes=rng.uniform(1, 20))
            if linked_at > now:
                linked_at = now
            appeal = Appeal(
                category=plan.incident_type,
                geom=point,
                text=rng.choice(TEXTS.get(plan.incident_type.code, ["-"])),
                state=AppealState.LINKED,
                incident=incident,
                citizen=citizen if citizen is not None and rng.random() < 0.01 else None,
                channel=Appeal.Channel.OPEN311 if rng.random() < 0.2 else Appeal.Channel.MAP,
                triaged_at=linked_at,
                created_at=at,
            )
            appeals.append(appeal)
            linked_pairs.append((appeal, linked_at))
    waiting_codes = [code for code in codes if types[code].is_open311]
    spots = _district_points(districts, waiting_appeals, seed + 1, rng)
    for geom in spots:
        code = rng.choice(waiting_codes)
        appeals.append(
            Appeal(
                category=types[code],
                geom=geom,
                text=rng.choice(TEXTS.get(code, ["-"])),
                citizen=citizen if citizen is not None and rng.random() < 0.1 else None,
                channel=Appeal.Channel.MAP,
                created_at=now - timedelta(hours=rng.uniform(0.1, 48)),
            )
        )
    Appeal.objects.bulk_create(appeals, batch_size=2000)

    events: list[IncidentEvent] = []
    by_incident: dict[int, list[tuple[Appeal, datetime]]] = {}
    for appeal, linked_at in linked_pairs:
        by_incident.setdefault(appeal.incident_id, []).append((appeal, linked_at))
    for (plan, _), incident in zip(plans, incidents, strict=True):
        rows = [
            (
                event.at,
                IncidentEvent(
                    incident=incident,
                    at=event.at,
                    kind=event.kind,
                    from_state=event.from_state,
                    to_state=event.to_state,
                    comment=event.comment,
                    data=event.data,
                ),
            )
            for event in plan.events
        ]
        for appeal, linked_at in by_incident.get(incident.pk, []):
            state_then = State.NEW
            for event in plan.events:
                if event.at <= linked_at:
                    state_then = event.to_state
            rows.append(
                (
                    linked_at,
                    IncidentEvent(
                        incident=incident,
                        at=linked_at,
                        kind=Kind.APPEAL_LINKED,
                        from_state=state_then,
                        to_state=state_then,
                        data={"appeal": appeal.pk},
                    ),
                )
            )
        rows.sort(key=lambda row: row[0])
        events += [row[1] for row in rows]
    IncidentEvent.objects.bulk_create(events, batch_size=5000)

    open_count = sum(1 for incident in incidents if incident.state in OPEN_STATES)
    overdue = sum(
        1
        for incident in incidents
        if incident.state in OPEN_STATES
        and incident.state != State.ON_HOLD
        and incident.sla_due_at < now
    )
    summary = DemoIncidentSummary(
        incidents=len(incidents),
        open=open_count,
        overdue=overdue,
        appeals=len(appeals),
        waiting_appeals=len(spots),
        events=len(events),
    )
    if stdout is not None:
        stdout(
            f"Demo incidents: {summary.incidents:,} ({summary.open:,} open, {summary.overdue:,} "
            f"overdue), {summary.appeals:,} appeals ({summary.waiting_appeals} to triage), "
            f"{summary.events:,} events, in {time.monotonic() - started:.1f} s."
        )
    return summary
