"""Cached figures are never stale: every service that changes what they count forgets them."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from campaigns import selectors, services, tokens
from campaigns.contributions import group_figures, home_figures
from campaigns.forms import DashboardFilterForm
from campaigns.models import Action, ActionType, Campaign
from sanctuary.figures_cache import figures_changed
from sanctuary.models import AuditEvent
from sanctuary.widgets import PlainSelect
from tests.campaigns.factories import CampaignFactory, PledgeSignatureFactory, action_type
from tests.campaigns.test_figures import make_actions
from tests.factories import GroupFactory, UserFactory, make_lead

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def campaign_page(client, campaign, **params):
    return client.get(reverse("campaigns:detail", args=[campaign.slug]), params)


def log(campaign, *, public: bool = True, place: str = "Riverton", group=None, user=None):
    return services.action_log(
        campaign=campaign,
        action_type=action_type("conversation"),
        user=user or (make_lead(group) if group is not None else UserFactory(display_name="Nadia Example")),
        done_on=TODAY,
        region="london",
        details={"with_whom": "friend"},
        place=place,
        is_public=public,
        group=group,
    )


def test_campaign_page_counts_an_action_as_soon_as_it_is_logged(client, campaign):
    make_actions(campaign, 4)
    assert campaign_page(client, campaign).context["figures"].total == 4
    log(campaign, place="Freshtown")
    page = campaign_page(client, campaign)
    assert page.context["figures"].total == 5
    assert page.context["reached"] == 5
    assert b"Freshtown" in page.content  # the cached first page of the feed was redrawn too


def test_campaign_page_rates_follow_a_recorded_outcome(client, campaign):
    letter = services.action_log(
        campaign=campaign,
        action_type=action_type("write-to-mp"),
        user=UserFactory(),
        done_on=TODAY,
        region="london",
        details={"recipient": "A. Member", "constituency": "Riverton North", "sent_on": "2026-01-05"},
    )
    rates = {rate.label: rate for rate in campaign_page(client, campaign).context["figures"].rates}
    assert rates["Write to your MP or a candidate"].positive == 0
    services.action_outcome_record(action=letter, outcome={"reply": "yes"}, actor=letter.user)
    rates = {rate.label: rate for rate in campaign_page(client, campaign).context["figures"].rates}
    assert rates["Write to your MP or a candidate"].positive == 1


def test_deleting_actions_in_the_admin_is_audited_and_updates_the_figures(client, client_for, national_staff):
    campaign = CampaignFactory()
    doomed, kept = log(campaign, place="Spamtown"), log(campaign)
    assert campaign_page(client, campaign).context["figures"].total == 2
    assert home_figures()[0][1] == 2
    national_staff.is_staff = national_staff.is_superuser = True
    national_staff.save(update_fields=["is_staff", "is_superuser"])
    response = client_for(national_staff).post(
        reverse("admin:campaigns_action_changelist"),
        {"action": "delete_selected", "_selected_action": [doomed.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert list(Action.objects.values_list("pk", flat=True)) == [kept.pk]
    assert AuditEvent.objects.filter(action="campaigns.action_deleted", object_id=str(doomed.pk)).exists()
    page = campaign_page(client, campaign)
    assert page.context["figures"].total == 1
    assert b"Spamtown" not in page.content
    assert home_figures()[0][1] == 1


def test_pledge_count_on_the_page_follows_confirmations_and_deletions(client, national_staff):
    campaign = CampaignFactory(pledge_statement="We welcome.", goal_kind=Campaign.GoalKind.PLEDGES)
    signature = PledgeSignatureFactory(campaign=campaign)
    assert campaign_page(client, campaign).context["pledges"] == 0
    services.pledge_confirm(claim=tokens.pledge_read(tokens.pledge_token(signature)))
    assert campaign_page(client, campaign).context["reached"] == 1
    services.pledge_signatures_delete(signatures=campaign.signatures.all(), actor=national_staff)
    assert campaign_page(client, campaign).context["pledges"] == 0


def test_what_a_campaign_asks_for_follows_its_set_up(client, national_staff):
    campaign = CampaignFactory(types=[action_type("conversation")])
    assert campaign_page(client, campaign).context["action_types"] == [
        "Conversation with a friend or family member"
    ]
    # The admin saves the campaign through the service, then its action types.
    services.campaign_save(campaign=campaign, actor=national_staff)
    campaign.action_types.add(action_type("write-to-mp"))
    assert "Write to your MP or a candidate" in campaign_page(client, campaign).context["action_types"]


def test_renaming_an_action_type_renames_it_in_cached_figures(client_for, national_staff, campaign):
    make_actions(campaign, 3)
    client = client_for(national_staff)
    dashboard = reverse("campaigns:dashboard")
    assert "Conversation with a friend or family member" in dict(
        client.get(dashboard).context["figures"].by_type
    )
    conversation = ActionType.objects.get(slug="conversation")
    conversation.name = "A conversation"
    services.action_type_save(action_type=conversation, actor=national_staff)
    assert dict(client.get(dashboard).context["figures"].by_type)["A conversation"] == 1


def test_each_dashboard_filter_has_its_own_figures(client_for, national_staff):
    first, second = CampaignFactory(), CampaignFactory()
    make_actions(first, 6)
    make_actions(second, 2)
    client = client_for(national_staff)
    totals = [
        client.get(reverse("campaigns:dashboard"), query).context["figures"].total
        for query in (
            {},
            {"campaign": first.pk},
            {"campaign": second.pk},
            {"campaign": second.pk, "region": "london"},
        )
    ]
    assert totals == [8, 6, 2, 1]


def test_cached_figures_of_a_draft_campaign_stay_with_staff(client, client_for, national_staff):
    draft = CampaignFactory(status=Campaign.Status.DRAFT)
    Action.objects.create(
        campaign=draft,
        action_type=action_type("conversation"),
        user=UserFactory(),
        done_on=TODAY,
        nation="england",
        region="london",
        is_public=True,
        place="Hiddenville",
    )
    assert b"Hiddenville" in campaign_page(client_for(national_staff), draft).content
    assert campaign_page(client, draft).status_code == 404


def test_a_later_page_of_the_feed_is_read_live_and_older(client, campaign):
    for days in range(25):
        action = log(campaign, place=f"Town{days:02d}")
        Action.objects.filter(pk=action.pk).update(done_on=TODAY - dt.timedelta(days=days))
    # Moving the dates bypassed the services, as an import would: forget the figures by hand.
    figures_changed(selectors.FIGURES_TOPIC)
    first, second = campaign_page(client, campaign), campaign_page(client, campaign, page=2)
    assert b"Town00" in first.content and b"Town24" not in first.content
    assert b"Town24" in second.content and b"Town00" not in second.content
    assert second.context["page_obj"].paginator.num_pages == 2


def test_feed_shows_a_group_rather_than_a_person_and_only_a_first_name(client, campaign):
    log(campaign, place="Lonetown", user=UserFactory(display_name="Nadia Example"))
    log(campaign, place="Grouptown", group=GroupFactory(name="Riverton City of Sanctuary"))
    content = campaign_page(client, campaign).content.decode()
    assert "Nadia" in content and "Example" not in content
    assert "Riverton City of Sanctuary" in content


def test_home_and_group_figures_are_cached_and_follow_new_actions(django_assert_num_queries):
    group = GroupFactory()
    campaign = CampaignFactory()
    log(campaign, group=group)
    log(campaign)
    with django_assert_num_queries(1):
        assert home_figures()[0][1] == 2
    with django_assert_num_queries(0):
        assert home_figures()[0][1] == 2
    with django_assert_num_queries(1):
        assert group_figures(group)[0][1] == 1
    with django_assert_num_queries(0):
        assert group_figures(group)[0][1] == 1
    log(campaign, group=group)
    assert home_figures()[0][1] == 3
    assert group_figures(group)[0][1] == 2


def test_filter_selects_are_drawn_as_django_draws_them():
    choices = [("", "Everywhere"), ("london", "London"), ('x"<y', "Tom & <Jerry>")]
    attrs = {"id": "id_region", "class": "form-select", "aria-describedby": "help", "required": True}
    for value in ("", "london", 'x"<y', None):
        django_html = forms.Select(choices=choices).render("region", value, attrs=attrs)
        plain_html = PlainSelect(choices=choices).render("region", value, attrs=attrs)
        assert " ".join(plain_html.split()) == " ".join(django_html.split())
    assert "Tom &amp; &lt;Jerry&gt;" in plain_html


def test_filter_form_offers_every_group_and_reads_them_in_one_query(django_assert_num_queries):
    GroupFactory.create_batch(3)
    form = DashboardFilterForm()
    with django_assert_num_queries(1):
        html = str(form["group"])
    assert html.count("<option") == 4
