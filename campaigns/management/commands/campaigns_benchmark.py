"""Load a large fictional dataset and show that the campaign page and dashboard figures run
the same number of queries at two sizes, with timings.

    manage.py campaigns_benchmark --actions 50000

It refuses to run without DEBUG (it writes tens of thousands of rows) and leaves the data in
place for manual browsing unless --clean is given.
"""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns import selectors, views
from campaigns.models import Action, ActionType, Campaign
from sanctuary.geography import REGION_NATION, Region
from sanctuary.models import User

BATCH = 5000


class Command(BaseCommand):
    help = "Create a benchmark dataset of campaign actions and report query counts and timings."

    def add_arguments(self, parser):
        parser.add_argument("--actions", type=int, default=50_000)
        parser.add_argument("--clean", action="store_true", help="Delete the benchmark data afterwards.")

    def handle(self, *args, actions: int, clean: bool, **options):
        if not settings.DEBUG:
            raise CommandError("campaigns_benchmark only runs with DEBUG on: it writes many rows.")
        small = self._dataset("benchmark-small", max(10, actions // 100))
        large = self._dataset("benchmark-large", actions)
        if connection.vendor == "postgresql":
            # Fresh bulk loads have no planner statistics yet; production tables do.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE campaigns_action")
        results = [self._measure(small), self._measure(large)]
        for campaign, page_queries, page_ms, dash_queries, dash_ms, export_ms, total in results:
            self.stdout.write(
                f"{campaign.slug}: {total} actions | campaign page {page_queries} queries {page_ms:.0f} ms"
                f" | dashboard figures {dash_queries} queries {dash_ms:.0f} ms | export {export_ms:.0f} ms"
            )
        same = results[0][1] == results[1][1] and results[0][3] == results[1][3]
        if clean:
            for campaign in (small, large):
                Action.objects.filter(campaign=campaign).delete()
                campaign.delete()
            User.objects.filter(email__endswith="@benchmark.invalid").delete()
        if not same:
            raise CommandError("Query counts differ between the two sizes.")
        self.stdout.write(self.style.SUCCESS("Query counts are the same at both sizes."))

    @transaction.atomic
    def _dataset(self, slug: str, count: int) -> Campaign:
        today = timezone.localdate()
        campaign, _created = Campaign.objects.get_or_create(
            slug=slug,
            defaults={
                "title": f"Benchmark ({slug})",
                "summary": "Generated data for measuring performance.",
                "starts_on": today - dt.timedelta(days=365),
                "status": Campaign.Status.OPEN,
                "goal_target": count,
            },
        )
        campaign.action_types.set(ActionType.objects.all())
        missing = count - campaign.actions.count()
        if missing <= 0:
            return campaign
        users = list(User.objects.filter(email__endswith="@benchmark.invalid")[:200])
        if not users:
            User.objects.bulk_create(
                [
                    User(email=f"person{i}@benchmark.invalid", display_name=f"Benchmark {i}")
                    for i in range(200)
                ]
            )
            users = list(User.objects.filter(email__endswith="@benchmark.invalid")[:200])
        types = list(ActionType.objects.all())
        regions = Region.values
        now = timezone.now()
        rows = []
        for i in range(missing):
            kind = types[i % len(types)]
            region = regions[i % len(regions)]
            has_outcome = kind.expects_outcome and i % 3 == 0
            rows.append(
                Action(
                    campaign=campaign,
                    action_type=kind,
                    user=users[i % len(users)],
                    done_on=today - dt.timedelta(days=i % 360),
                    region=region,
                    nation=REGION_NATION[region],
                    details={},
                    breakdown_value=f"Constituency {i % 650}" if kind.breakdown_field else "",
                    is_public=i % 2 == 0,
                    outcome={kind.rate_field: "yes"} if has_outcome else None,
                    outcome_positive=(i % 2 == 0) if has_outcome else None,
                    outcome_recorded_at=now if has_outcome else None,
                    follow_up_settled_at=now,
                )
            )
            if len(rows) >= BATCH:
                Action.objects.bulk_create(rows)
                rows = []
        Action.objects.bulk_create(rows)
        return campaign

    def _measure(self, campaign: Campaign):
        request = RequestFactory().get(f"/campaigns/{campaign.slug}/")
        request.user = AnonymousUser()
        with CaptureQueriesContext(connection) as page:
            started = time.perf_counter()
            response = views.detail(request, slug=campaign.slug)
            page_ms = (time.perf_counter() - started) * 1000
        assert response.status_code == 200
        qs = selectors.Filters(campaign=campaign, region=Region.LONDON).apply(Action.objects.all())
        with CaptureQueriesContext(connection) as dash:
            started = time.perf_counter()
            selectors.figures(qs)
            selectors.outcome_rates(qs)
            selectors.outcome_rates_by_breakdown(qs)
            dash_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        total = sum(
            1 for _ in Action.objects.filter(campaign=campaign).values_list("pk").iterator(chunk_size=2000)
        )
        export_ms = (time.perf_counter() - started) * 1000
        return (
            campaign,
            len(page.captured_queries),
            page_ms,
            len(dash.captured_queries),
            dash_ms,
            export_ms,
            total,
        )
