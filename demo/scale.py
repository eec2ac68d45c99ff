"""Synthetic data at scale for the benchmark (bench/): `manage.py seed_scale --factor N` makes the
database N times the demo. Beside the Cumbria demo it adds N - 1 synthetic boards, each a copy of the
demo board's shape, made by bulk inserts (factor 100 loads in a few minutes on PostgreSQL).

Decisions:
- A copy is "Synthetic Safeguarding Partnership 001" (short name "SSP 001"), with its own copies of
  the demo board's partner agencies (their names end "(SSP 001)": agency names are unique), groups
  and their terms of reference, people and roles, and business plan. Links to other boards are not
  copied (they would add boards that are not partnerships).
- People: a copy of each demo person (office, independent chair, member, subgroup chairs, agency
  leads) at "@ssp001.scale.test", plus a chair for every group the demo leaves unchaired and an
  agency lead for every agency represented at the board, who also sit on the groups as members.
  Nobody can sign in (unusable passwords): the benchmark signs its sessions in directly.
- Business plans: each copy has the demo's plan, and three years of quarterly update rounds before
  the demo's own rounds (July 2014 to January 2017), each action updated in every round, with RAGs
  drawn from random.Random(copy number), so every load is the same. The demo's own updates come last,
  so each action's current RAG is the demo's.
- Section 11: the copies' agencies return in national cycles, one per demo cycle, shared by every
  synthetic board (one cycle may serve several boards). The same agencies return as in the demo's
  cycle, so at factor 100 the 2015-16 cycle holds 99 x 486 = 48,114 returns. Their answers and
  results are made by the demo's own INSERT ... SELECT (demo/audits.py), so the national % fully met
  per standard is the published table's too.
- Performance: each copy has the demo's indicators, their targets for each of the last ten years,
  and ten years of monthly figures (the demo's own on their dates, a random walk from the demo's
  latest figure between them).
- Case reviews: each copy has the demo's, with their status history, lessons, themes,
  recommendations, dissemination and action plans.
- Annual reports: each copy has the demo's, its generated sections drawing on the copy's plan and
  the national cycles.
- Bulk inserts skip the audit trail: synthetic records have no history rows.
- Loaded once: on a database that already holds synthetic boards the command refuses.

Each app has one function taking (demo board, copies, stdout); add an app's to SCALERS.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from actions.models import Action, Plan, Theme, Update, UpdateCycle
from audits.models import COUNTED, AuditCycle
from boards.models import Agency, Board, BoardAgency, BoardMembership, Role
from core.rag import Rag
from performance.models import Indicator, Measurement, Target, Unit
from reports.models import AnnualReport, Section
from reviews.models import (
    CaseReview,
    DisseminationTask,
    LearningTheme,
    Lesson,
    Recommendation,
    ReviewSettings,
    StatusChange,
)
from subgroups.models import CHAIR_ROLES, MemberRole, Responsibility, Subgroup, SubgroupMembership

from .audits import PUBLISHED, insert_generated_answers, shortfalls, submit_returns

PREFIX = "Synthetic Safeguarding Partnership"
BATCH = 2000
DEMO_OFFICE = "office@demo.lscb.test"
MEMBERS_PER_GROUP = 4


@dataclass
class Copy:
    """One synthetic board and what it copies of the demo: demo pk -> the copy's object."""

    number: int
    board: Board
    agencies: dict = field(default_factory=dict)
    groups: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    plans: dict = field(default_factory=dict)
    cycles: dict = field(default_factory=dict)

    @property
    def tag(self):
        return f"SSP {self.number:03d}"

    @property
    def domain(self):
        return f"ssp{self.number:03d}.scale.test"

    @property
    def office(self):
        return self.people[self.demo_office_pk]

    demo_office_pk: int = 0


def demo_board():
    return BoardMembership.objects.get(user__email=DEMO_OFFICE, role=Role.OFFICE).board


def seed(factor, stdout):
    """N - 1 copies of the demo board's shape; the demo must be loaded."""
    if Board.objects.filter(name__startswith=PREFIX).exists():
        raise ValueError("This database already holds synthetic boards: use a fresh database.")
    demo = demo_board()
    copies = copy_boards(demo, range(1, factor), stdout)
    if copies:
        for scaler in SCALERS:
            scaler(demo, copies, stdout)
    return copies


def copy_boards(demo, numbers, stdout):
    boards = Board.objects.bulk_create(
        Board(
            name=f"{PREFIX} {n:03d}",
            short_name=f"SSP {n:03d}",
            kind=demo.kind,
            area=f"Synthetic area {n:03d}",
            description=demo.description,
        )
        for n in numbers
    )
    copies = [Copy(n, board) for n, board in zip(numbers, boards, strict=True)]
    partners = list(demo.partners.select_related("agency").order_by("agency__name"))
    made = iter(
        Agency.objects.bulk_create(
            (
                Agency(
                    name=f"{p.agency.name} ({c.tag})",
                    short_name=p.agency.short_name,
                    sector=p.agency.sector,
                    statutory=p.agency.statutory,
                )
                for c in copies
                for p in partners
            ),
            batch_size=BATCH,
        )
    )
    for c in copies:
        c.agencies = {p.agency_id: next(made) for p in partners}
    BoardAgency.objects.bulk_create(
        (
            BoardAgency(board=c.board, agency=c.agencies[p.agency_id], represented=p.represented)
            for c in copies
            for p in partners
        ),
        batch_size=BATCH,
    )
    copy_groups(demo, copies)
    copy_people(demo, copies, [p for p in partners if p.represented])
    if copies:
        stdout.write(
            f"{len(copies)} synthetic boards, each with {len(partners)} agencies and "
            f"{len(copies[0].groups)} groups."
        )
    return copies


def copy_groups(demo, copies):
    groups = list(demo.subgroups.order_by("pk"))
    fields = ["name", "short_name", "kind", "purpose", "aliases", "chair_note", "established"]
    made = iter(
        Subgroup.objects.bulk_create(
            (
                Subgroup(
                    board=c.board,
                    chair_agency=c.agencies.get(g.chair_agency_id),
                    closed=g.closed,
                    **{f: getattr(g, f) for f in fields},
                )
                for c in copies
                for g in groups
            ),
            batch_size=BATCH,
        )
    )
    for c in copies:
        c.groups = {g.pk: next(made) for g in groups}
        for g in groups:
            c.groups[g.pk].parent = c.groups.get(g.parent_id)
    Subgroup.objects.bulk_update(
        [c.groups[g.pk] for c in copies for g in groups if g.parent_id], ["parent"], BATCH
    )
    responsibilities = list(Responsibility.objects.filter(subgroup__board=demo))
    Responsibility.objects.bulk_create(
        (
            Responsibility(subgroup=c.groups[r.subgroup_id], number=r.number, text=r.text)
            for c in copies
            for r in responsibilities
        ),
        batch_size=BATCH,
    )


def copy_people(demo, copies, represented):
    people = list(
        User.objects.filter(
            Q(board_memberships__board=demo) | Q(subgroup_memberships__subgroup__board=demo)
        )
        .distinct()
        .order_by("pk")
    )
    groups = list(demo.subgroups.order_by("pk"))
    chaired = set(
        SubgroupMembership.objects.filter(subgroup__board=demo, role__in=CHAIR_ROLES).values_list(
            "subgroup", flat=True
        )
    )
    unusable = make_password(None)
    users, chairs, leads = [], {}, {}
    for c in copies:
        c.demo_office_pk = next(u.pk for u in people if u.email == DEMO_OFFICE)
        for u in people:
            c.people[u.pk] = User(
                email=f"{u.email.split('@')[0]}@{c.domain}",
                name=u.name,
                job_title=u.job_title,
                agency=c.agencies.get(u.agency_id),
                password=unusable,
            )
        chairs[c.number] = [
            (g, User(email=f"group{i:02d}.chair@{c.domain}", name=f"Chair of {g.name}"))
            for i, g in enumerate(groups, start=1)
            if g.pk not in chaired
        ]
        leads[c.number] = [
            User(
                email=f"lead{i:03d}@{c.domain}",
                name=f"Safeguarding lead, {p.agency.short_name or p.agency.name}",
                job_title="Safeguarding lead",
                agency=c.agencies[p.agency_id],
            )
            for i, p in enumerate(represented, start=1)
        ]
        users += [*c.people.values(), *(u for _, u in chairs[c.number]), *leads[c.number]]
    for u in users:
        u.password = unusable
    User.objects.bulk_create(users, batch_size=BATCH)

    board_roles = list(demo.memberships.all())
    group_roles = list(SubgroupMembership.objects.filter(subgroup__board=demo))
    BoardMembership.objects.bulk_create(
        (
            *(
                BoardMembership(user=c.people[m.user_id], board=c.board, role=m.role)
                for c in copies
                for m in board_roles
            ),
            *(
                BoardMembership(user=lead, board=c.board, role=Role.AGENCY_LEAD)
                for c in copies
                for lead in leads[c.number]
            ),
        ),
        batch_size=BATCH,
    )
    memberships = []
    for c in copies:
        memberships += [
            SubgroupMembership(
                subgroup=c.groups[m.subgroup_id],
                user=c.people[m.user_id],
                role=m.role,
                agency=c.agencies.get(m.agency_id),
            )
            for m in group_roles
        ]
        memberships += [
            SubgroupMembership(subgroup=c.groups[g.pk], user=u, role=MemberRole.CHAIR)
            for g, u in chairs[c.number]
        ]
        copy_leads = leads[c.number]
        for i, g in enumerate(groups):
            for k in range(min(MEMBERS_PER_GROUP, len(copy_leads))):
                lead = copy_leads[(i * MEMBERS_PER_GROUP + k) % len(copy_leads)]
                memberships.append(
                    SubgroupMembership(subgroup=c.groups[g.pk], user=lead, agency=lead.agency)
                )
    SubgroupMembership.objects.bulk_create(memberships, batch_size=BATCH)


# Three years of quarterly update rounds before the demo's own (deadline, name).
ROUNDS = [
    (date(year, month, 28), f"{label} {year} updates")
    for year in (2014, 2015, 2016)
    for month, label in ((7, "July"), (10, "October"))
] + [
    (date(year, month, 28), f"{label} {year} updates")
    for year in (2015, 2016, 2017)
    for month, label in ((1, "January"), (4, "April"))
    if (year, month) != (2017, 4)
]
ROUNDS.sort()
FIRST_ROUND = timezone.make_aware(datetime.combine(ROUNDS[0][0], time(12)))
HISTORIC_RAGS = [Rag.RED, Rag.AMBER, Rag.GREEN]
HISTORIC_WEIGHTS = [1, 3, 6]


def copy_plans(demo, copies, stdout):
    """The demo's plans, themes, actions (owners, sub-actions, links) and update rounds, with years of
    updates before the demo's own."""
    updates = 0
    for plan in demo.plans.order_by("pk"):
        plans = Plan.objects.bulk_create(
            Plan(
                board=c.board,
                name=plan.name,
                kind=plan.kind,
                description=plan.description,
                closed=plan.closed,
            )
            for c in copies
        )
        for c, p in zip(copies, plans, strict=True):
            c.plans[plan.pk] = p
        themes = list(plan.themes.all())
        made = iter(
            Theme.objects.bulk_create(
                Theme(plan=p, number=t.number, title=t.title) for p in plans for t in themes
            )
        )
        theme_map = [{t.pk: next(made) for t in themes} for _ in plans]
        actions = list(plan.actions.order_by("pk").prefetch_related("owners", "related"))
        fields = [
            "ref",
            "ref_sort",
            "text",
            "owners_text",
            "named_owners",
            "due_date",
            "due_note",
            "outcome",
            "rag",
            "forecast_rag",
        ]
        made = iter(
            Action.objects.bulk_create(
                (
                    Action(
                        plan=p,
                        theme=theme_map[i].get(a.theme_id),
                        created=min(a.created, FIRST_ROUND),  # existed by its first update
                        **{f: getattr(a, f) for f in fields},
                    )
                    for i, p in enumerate(plans)
                    for a in actions
                ),
                batch_size=BATCH,
            )
        )
        action_map = [{a.pk: next(made) for a in actions} for _ in plans]
        for mapped in action_map:
            for a in actions:
                mapped[a.pk].parent = mapped.get(a.parent_id)
        Action.objects.bulk_update(
            [m[a.pk] for m in action_map for a in actions if a.parent_id], ["parent"], BATCH
        )
        Action.owners.through.objects.bulk_create(
            (
                Action.owners.through(action=m[a.pk], subgroup=c.groups[g.pk])
                for c, m in zip(copies, action_map, strict=True)
                for a in actions
                for g in a.owners.all()
            ),
            batch_size=BATCH,
        )
        Action.related.through.objects.bulk_create(
            (
                Action.related.through(from_action=m[a.pk], to_action=m[r.pk])
                for m in action_map
                for a in actions
                for r in a.related.all()
                if r.pk in m
            ),
            batch_size=BATCH,
        )
        updates += copy_updates(plan, copies, plans, action_map, actions)
    stdout.write(f"Business plans: {len(copies)} copies, {updates} updates.")


def copy_updates(plan, copies, plans, action_map, actions):
    demo_cycles = list(plan.cycles.order_by("deadline"))
    made = iter(
        UpdateCycle.objects.bulk_create(
            (
                *(
                    UpdateCycle(
                        plan=p, name=name, opens=deadline - timedelta(days=60), deadline=deadline
                    )
                    for p in plans
                    for deadline, name in ROUNDS
                ),
                *(
                    UpdateCycle(
                        plan=p,
                        name=cy.name,
                        opens=cy.opens,
                        deadline=cy.deadline,
                        reminder_days=cy.reminder_days,
                    )
                    for p in plans
                    for cy in demo_cycles
                ),
            ),
            batch_size=BATCH,
        )
    )
    rounds = [[next(made) for _ in ROUNDS] for _ in plans]
    cycle_map = [{cy.pk: next(made) for cy in demo_cycles} for _ in plans]
    demo_updates = list(Update.objects.filter(action__plan=plan).order_by("pk"))
    batch = []
    for i, c in enumerate(copies):
        rng = random.Random(c.number)  # noqa: S311 - synthetic data, not security
        for a in actions:
            for cycle in rounds[i]:
                rag = rng.choices(HISTORIC_RAGS, HISTORIC_WEIGHTS)[0]
                batch.append(
                    Update(
                        action=action_map[i][a.pk],
                        cycle=cycle,
                        text=f"Progress reported to the {cycle.name.lower()} round: "
                        f"work continues as planned ({rng.randint(1, 9)} of 10 steps done).",
                        rag=rag,
                        forecast_rag=Rag.GREEN,
                        author=c.office,
                        created=timezone.make_aware(datetime.combine(cycle.deadline, time(12))),
                    )
                )
        batch += [
            Update(
                action=action_map[i][u.action_id],
                cycle=cycle_map[i].get(u.cycle_id),
                text=u.text,
                rag=u.rag,
                forecast_rag=u.forecast_rag,
                comment=u.comment,
                author=c.office,
                created=u.created,
                imported=u.imported,
            )
            for u in demo_updates
        ]
    Update.objects.bulk_create(batch, batch_size=BATCH)
    return len(batch)


def copy_audits(demo, copies, stdout):
    """National Section 11 cycles shared by every synthetic board, with the demo's returns of each copy."""
    previous = None
    for demo_cycle in AuditCycle.objects.filter(boards=demo).order_by("opens"):
        cycle = AuditCycle.objects.create(
            name=f"National {demo_cycle.name} (synthetic)",
            framework=demo_cycle.framework,
            opens=demo_cycle.opens,
            closes=demo_cycle.closes,
            closed=demo_cycle.closed,
            previous=previous,
        )
        cycle.boards.add(*(c.board for c in copies))
        Expected = AuditCycle.expected.through
        expected = list(demo_cycle.expected.values_list("pk", flat=True))
        Expected.objects.bulk_create(
            (
                Expected(auditcycle=cycle, agency=c.agencies[pk])
                for c in copies
                for pk in expected
                if pk in c.agencies
            ),
            batch_size=BATCH,
        )
        returning = list(
            demo_cycle.submissions.filter(status__in=COUNTED).values_list("agency", flat=True)
        )
        agencies = [c.agencies[pk] for c in copies for pk in returning if pk in c.agencies]
        submit_returns(cycle, agencies)
        if demo_cycle.name in PUBLISHED:
            printed = PUBLISHED[demo_cycle.name][1]
            insert_generated_answers(
                cycle, len(agencies), shortfalls(cycle, printed, len(agencies))
            )
        stdout.write(f"{cycle.name}: {len(agencies)} returns.")
        for c in copies:
            c.cycles[demo_cycle.pk] = cycle
        previous = cycle


def copy_annual_reports(demo, copies, stdout):
    """The demo's annual reports and their sections, generated ones drawing on the copy's plan and
    the national cycles."""
    reports = list(demo.annual_reports.order_by("pk"))
    made = iter(
        AnnualReport.objects.bulk_create(
            AnnualReport(
                board=c.board,
                title=r.title,
                period_start=r.period_start,
                period_end=r.period_end,
            )
            for c in copies
            for r in reports
        )
    )
    sections = list(Section.objects.filter(report__board=demo))
    report_map = [{r.pk: next(made) for r in reports} for _ in copies]
    Section.objects.bulk_create(
        (
            Section(
                report=report_map[i][s.report_id],
                number=s.number,
                title=s.title,
                kind=s.kind,
                body=s.body,
                table=s.table,
                plan=c.plans.get(s.plan_id),
                audit_cycle=c.cycles.get(s.audit_cycle_id),
            )
            for i, c in enumerate(copies)
            for s in sections
        ),
        batch_size=BATCH,
    )
    stdout.write(f"Annual reports: {len(copies) * len(reports)}.")


MONTHS = 120  # ten years of monthly figures, to March 2017


def month_ends(last, count):
    ends, year, month = [], last.year, last.month
    for _ in range(count):
        following = date(year + (month == 12), month % 12 + 1, 1)
        ends.append(following - timedelta(days=1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return ends[::-1]


def copy_performance(demo, copies, stdout):
    """The demo's indicators with their targets (and the same target for each earlier year) and ten
    years of monthly figures: the demo's own, and between them a random walk from the demo's latest."""
    indicators = list(demo.indicators.order_by("pk"))
    fields = [
        "code",
        "code_sort",
        "description",
        "area",
        "unit",
        "decimals",
        "polarity",
        "source",
        "notes",
        "status",
        "on_scorecard",
    ]
    made = iter(
        Indicator.objects.bulk_create(
            (
                Indicator(
                    board=c.board,
                    owner=c.agencies.get(i.owner_id),
                    **{f: getattr(i, f) for f in fields},
                )
                for c in copies
                for i in indicators
            ),
            batch_size=BATCH,
        )
    )
    indicator_map = [{i.pk: next(made) for i in indicators} for _ in copies]
    targets = list(Target.objects.filter(indicator__board=demo))
    Target.objects.bulk_create(
        (
            Target(
                indicator=m[t.indicator_id],
                starts=t.starts.replace(year=t.starts.year - back),
                ends=t.ends.replace(year=t.ends.year - back),
                value=t.value,
                tolerance=t.tolerance,
                label=t.label,
            )
            for m in indicator_map
            for t in targets
            for back in range(10)
        ),
        batch_size=BATCH,
        ignore_conflicts=True,  # an earlier year the demo already has a target for
    )
    figures = {}
    for m in Measurement.objects.filter(indicator__board=demo).order_by("period_end"):
        figures.setdefault(m.indicator_id, {})[m.period_end] = m
    months = month_ends(date(2017, 3, 31), MONTHS)
    measurements = []
    for c, mapped in zip(copies, indicator_map, strict=True):
        rng = random.Random(c.number)  # noqa: S311 - synthetic data, not security
        for i in indicators:
            own = figures.get(i.pk, {})
            latest = next((m.value for m in reversed(own.values()) if m.value is not None), None)
            level = float(latest if latest is not None else 50)
            for end in months:
                if end in own:
                    m = own[end]
                    measurements.append(
                        Measurement(
                            indicator=mapped[i.pk],
                            period_end=end,
                            value=m.value,
                            note=m.note,
                            rag_override=m.rag_override,
                            rag_reason=m.rag_reason,
                            trend_override=m.trend_override,
                            trend_reason=m.trend_reason,
                        )
                    )
                    continue
                level = max(0.0, level * (1 + rng.uniform(-0.05, 0.05)))
                if i.unit == Unit.PERCENTAGE:
                    level = min(level, 100.0)
                measurements.append(
                    Measurement(
                        indicator=mapped[i.pk], period_end=end, value=Decimal(f"{level:.3f}")
                    )
                )
    Measurement.objects.bulk_create(measurements, batch_size=BATCH)
    stdout.write(
        f"Performance: {len(copies) * len(indicators)} indicators, {len(measurements)} figures."
    )


def clone(obj, **changes):
    """An unsaved copy of `obj` (every column but the id), with `changes` by column name."""
    fields = obj._meta.concrete_fields
    values = {f.attname: getattr(obj, f.attname) for f in fields if not f.primary_key}
    return type(obj)(**{**values, **changes})


def copy_reviews(demo, copies, stdout):
    """The demo's case reviews with their history, lessons and themes, recommendations, dissemination
    and action plans (copied with the plans)."""
    settings_ = ReviewSettings.objects.filter(board=demo).first()
    if settings_:
        ReviewSettings.objects.bulk_create(
            clone(
                settings_,
                board_id=c.board.pk,
                case_review_group_id=c.groups[settings_.case_review_group_id].pk
                if settings_.case_review_group_id
                else None,
            )
            for c in copies
        )
    themes = list(LearningTheme.objects.filter(board=demo).order_by("pk"))
    made = iter(
        LearningTheme.objects.bulk_create(
            clone(t, board_id=c.board.pk) for c in copies for t in themes
        )
    )
    theme_map = [{t.pk: next(made) for t in themes} for _ in copies]
    reviews = list(CaseReview.objects.filter(board=demo).order_by("pk"))
    made = iter(
        CaseReview.objects.bulk_create(
            (
                clone(
                    r,
                    board_id=c.board.pk,
                    plan_id=c.plans[r.plan_id].pk if r.plan_id in c.plans else None,
                )
                for c in copies
                for r in reviews
            ),
            batch_size=BATCH,
        )
    )
    review_map = [{r.pk: next(made) for r in reviews} for _ in copies]
    for model in (StatusChange, Recommendation, DisseminationTask):
        rows = list(model.objects.filter(review__board=demo).order_by("pk"))
        extra = {"by_id": None} if model is StatusChange else {}
        model.objects.bulk_create(
            (
                clone(row, review_id=m[row.review_id].pk, **extra)
                for m in review_map
                for row in rows
            ),
            batch_size=BATCH,
        )
    lessons = list(
        Lesson.objects.filter(review__board=demo).order_by("pk").prefetch_related("themes")
    )
    made = iter(
        Lesson.objects.bulk_create(
            (
                clone(lesson, review_id=m[lesson.review_id].pk)
                for m in review_map
                for lesson in lessons
            ),
            batch_size=BATCH,
        )
    )
    Through = Lesson.themes.through
    Through.objects.bulk_create(
        (
            Through(lesson=copy, learningtheme=theme_map[i][theme.pk])
            for i in range(len(copies))
            for lesson in lessons
            for copy in [next(made)]
            for theme in lesson.themes.all()
        ),
        batch_size=BATCH,
    )
    stdout.write(f"Case reviews: {len(copies) * len(reviews)}.")


SCALERS = [copy_plans, copy_audits, copy_performance, copy_reviews, copy_annual_reports]
