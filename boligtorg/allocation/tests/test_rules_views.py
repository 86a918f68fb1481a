"""The rule-set pages: Tone (municipality admin) keeps the rules, Kari the caseworker
reads them, Mette of Skanderborg sees none of Trondheim's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from boligtorg.allocation.models import AreaCap, DeclineReason, RuleSet, TargetGroupPoints
from boligtorg.allocation.services import offers
from boligtorg.allocation.services import rules as services
from boligtorg.cases.models import TargetGroup
from boligtorg.housing.models import Area

pytestmark = pytest.mark.django_db


def rule_set_data(**values):
    data = {
        "name": "Regler 2030",
        "valid_from": "2030-01-01",
        "valid_to": "",
        "policy": "best_fit",
        "points_without_dwelling": "100",
        "points_at_risk": "60",
        "points_unsuitable": "30",
        "points_per_waiting_month": "2",
        "max_waiting_points": "48",
        "points_per_child": "10",
        "max_children_points": "30",
        "urgency_points": "50",
        "weight_points": "1",
        "weight_fit": "2",
        "offer_answer_days": "7",
        "max_unreasonable_declines": "",
    }
    return data | values


def bedroom_data(*rows):
    data = {
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for index, (persons, low, high) in enumerate(rows):
        data |= {
            f"rows-{index}-persons": str(persons),
            f"rows-{index}-min_bedrooms": str(low),
            f"rows-{index}-max_bedrooms": str(high),
        }
    return data


def table(rule_set):
    return list(rule_set.bedroom_rows.values_list("persons", "min_bedrooms", "max_bedrooms"))


@pytest.fixture
def refugees(trondheim):
    return TargetGroup.objects.create(municipality=trondheim, code="refugees", name="Refugees")


@pytest.fixture
def youth(trondheim):
    return TargetGroup.objects.create(municipality=trondheim, code="youth", name="Young people")


def test_the_rule_set_urls_are_in_the_allocation_namespace():
    assert reverse("allocation:rule_set_list") == "/allocation/rules/"


def test_tone_creates_a_rule_set_from_the_form(english, tone, rules_2000):
    english.force_login(tone)
    page = english.get(reverse("allocation:rule_set_create")).content.decode()
    assert "Weights for best overall fit" in page
    assert "strict priority ignores them" in page
    RuleSet.objects.filter(pk=rules_2000.pk).update(
        valid_to=datetime.date(2029, 12, 31), points_per_child=12
    )
    copy_url = reverse("allocation:rule_set_create") + f"?copy_from={rules_2000.pk}"
    page = english.get(copy_url).content.decode()
    assert f'<option value="{rules_2000.pk}" selected>' in page
    assert 'name="points_per_child" value="12"' in page
    response = english.post(
        reverse("allocation:rule_set_create"), rule_set_data(copy_from=str(rules_2000.pk))
    )
    created = RuleSet.objects.get(name="Regler 2030")
    assert response.status_code == 302
    assert response["Location"] == reverse("allocation:rule_set_detail", args=[created.pk])
    assert (created.valid_from, created.weight_fit, created.max_unreasonable_declines) == (
        datetime.date(2030, 1, 1),
        2,
        None,
    )
    assert table(created) == table(rules_2000)
    page = english.get(response["Location"]).content.decode()
    assert "Regler 2030" in page
    assert "Edit the bedroom table" in page


def test_an_overlapping_period_re_renders_the_form_with_the_error_at_the_field(
    english, tone, rules_2000
):
    english.force_login(tone)
    response = english.post(
        reverse("allocation:rule_set_create"),
        rule_set_data(name="Regler 2030", points_at_risk="many"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    with translation.override("en"):
        expected = str(services.ERROR_OVERLAP) % {
            "name": "Tildelingsregler",
            "start": services._date(rules_2000.valid_from),
            "end": services._date(None),
        }
    # Both the service's rule and the form's type check, at their own fields.
    assert form.errors["valid_from"] == [expected]
    assert "points_at_risk" in form.errors
    page = response.content.decode()
    assert 'value="Regler 2030"' in page
    assert 'id="id_valid_from_error"' in page
    assert "overlaps the rule set “Tildelingsregler”" in page
    assert RuleSet.objects.count() == 1


def test_the_edit_form_saves_changes(english, tone, rules_2000):
    english.force_login(tone)
    url = reverse("allocation:rule_set_edit", args=[rules_2000.pk])
    assert 'value="Tildelingsregler"' in english.get(url).content.decode()
    response = english.post(
        url,
        rule_set_data(name="Regler fra 2000", valid_from="2000-01-01", policy="strict_priority"),
    )
    assert response.status_code == 302
    rules_2000.refresh_from_db()
    assert (rules_2000.name, rules_2000.policy) == ("Regler fra 2000", "strict_priority")


def test_kari_reads_the_rule_sets_but_may_not_change_them(english, kari, rules_2000):
    english.force_login(kari)
    page = english.get(reverse("allocation:rule_set_list")).content.decode()
    assert "Tildelingsregler" in page
    assert "In force today" in page
    assert "New rule set" not in page
    page = english.get(reverse("allocation:rule_set_detail", args=[rules_2000.pk])).content
    assert b"Bedroom table" in page
    assert b"Edit the bedroom table" not in page
    assert english.get(reverse("allocation:rule_set_create")).status_code == 403
    response = english.post(
        reverse("allocation:bedroom_table_edit", args=[rules_2000.pk]), bedroom_data((1, 0, 1))
    )
    assert response.status_code == 403


def test_the_list_shows_an_empty_state_without_rule_sets(english, tone):
    english.force_login(tone)
    page = english.get(reverse("allocation:rule_set_list")).content.decode()
    assert "No rule sets yet" in page
    assert "Create the first rule set" in page


def test_mette_of_skanderborg_gets_404_for_trondheim_rules(
    english, mette, rules_2000, refugees, tone_actor
):
    cap = services.area_cap_add(
        actor=tone_actor,
        rule_set=rules_2000,
        area_name="Saupstad",
        target_groups=[refugees],
        limit=3,
    )
    english.force_login(mette)
    for name in (
        "rule_set_detail",
        "rule_set_edit",
        "bedroom_table_edit",
        "group_points_edit",
        "area_cap_create",
    ):
        assert english.get(reverse(f"allocation:{name}", args=[rules_2000.pk])).status_code == 404
    remove = reverse("allocation:area_cap_remove", args=[cap.pk])
    assert english.get(remove).status_code == 404
    assert english.post(remove).status_code == 404
    assert AreaCap.objects.filter(pk=cap.pk).exists()
    assert (
        "Tildelingsregler" not in english.get(reverse("allocation:rule_set_list")).content.decode()
    )


def test_the_bedroom_table_is_saved_and_a_bad_table_is_not(english, tone, rules_2000):
    english.force_login(tone)
    url = reverse("allocation:bedroom_table_edit", args=[rules_2000.pk])
    page = english.get(url).content.decode()
    assert 'name="rows-0-persons"' in page and 'name="rows-7-persons"' in page  # 6 rows + 2
    data = bedroom_data((1, 0, 1), (2, 1, 2), (3, 2, 3), (4, 2, 3))
    data |= {"rows-TOTAL_FORMS": "6", "rows-5-persons": "", "rows-3-DELETE": "on"}
    response = english.post(url, data)
    assert response.status_code == 302
    assert table(rules_2000) == [(1, 0, 1), (2, 1, 2), (3, 2, 3)]

    response = english.post(url, bedroom_data((1, 0, 1), (2, 1, 2), (2, 3, 1)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "There are two rows for 2 persons." in page
    assert "For 2 persons the fewest bedrooms (3) is more than the most (1)." in page
    assert 'name="rows-2-min_bedrooms" value="3"' in page
    assert table(rules_2000) == [(1, 0, 1), (2, 1, 2), (3, 2, 3)]


def test_group_points_are_saved_for_the_active_groups(
    english, tone, rules_2000, refugees, youth, trondheim
):
    retired = TargetGroup.objects.create(
        municipality=trondheim, code="old", name="Retired group", is_active=False
    )
    TargetGroupPoints.objects.create(rule_set=rules_2000, target_group=retired, points=15)
    english.force_login(tone)
    url = reverse("allocation:group_points_edit", args=[rules_2000.pk])
    page = english.get(url).content.decode()
    assert "Refugees" in page and "Young people" in page
    response = english.post(url, {f"group_{refugees.pk}": "40", f"group_{youth.pk}": ""})
    assert response.status_code == 302
    saved = dict(rules_2000.group_points.values_list("target_group__code", "points"))
    assert saved == {"refugees": 40, "old": 15}

    response = english.post(url, {f"group_{refugees.pk}": "4000"})
    assert response.context["form"].errors[f"group_{refugees.pk}"] == [
        "Points must be between 0 and 1000."
    ]


def test_an_area_cap_is_added_and_removed_after_confirmation(
    english, tone, rules_2000, refugees, youth, trondheim
):
    Area.objects.create(municipality=trondheim, name="Saupstad")
    english.force_login(tone)
    url = reverse("allocation:area_cap_create", args=[rules_2000.pk])
    page = english.get(url).content.decode()
    assert '<option value="Saupstad">' in page
    assert 'list="area-suggestions"' in page

    response = english.post(url, {"area_name": "Saupstad", "limit": "5", "period_months": "12"})
    assert response.status_code == 200
    assert response.context["form"].errors["target_groups"] == [
        "Choose at least one target group for the cap."
    ]
    assert 'value="Saupstad"' in response.content.decode()

    response = english.post(
        url,
        {
            "area_name": "Saupstad",
            "target_groups": [refugees.pk, youth.pk],
            "limit": "5",
            "period_months": "12",
        },
    )
    assert response.status_code == 302
    cap = AreaCap.objects.get(rule_set=rules_2000)
    assert (cap.area.name, cap.limit, set(cap.target_groups.all())) == (
        "Saupstad",
        5,
        {refugees, youth},
    )
    page = english.get(response["Location"]).content.decode()
    assert "0 / 5" in page

    remove = reverse("allocation:area_cap_remove", args=[cap.pk])
    page = english.get(remove).content.decode()
    assert "Remove the cap for Saupstad from Tildelingsregler?" in page
    assert AreaCap.objects.filter(pk=cap.pk).exists()
    response = english.post(remove)
    assert response.status_code == 302
    assert not AreaCap.objects.filter(pk=cap.pk).exists()


# Reasons for declining an offer


def test_tone_adds_a_decline_reason_that_counts_as_unreasonable(client, tone):
    client.force_login(tone)
    url = reverse("allocation:decline_reason_list")
    response = client.post(
        url, {"code": "too_far", "label": "For langt unna", "unreasonable": "on"}
    )
    assert response.status_code == 302
    reason = DeclineReason.objects.get(code="too_far")
    assert (reason.label, reason.unreasonable, reason.is_active) == ("For langt unna", True, True)
    assert "For langt unna" in client.get(url).content.decode()


def test_a_bad_decline_reason_keeps_what_was_typed(client, tone, trondheim):
    client.force_login(tone)
    url = reverse("allocation:decline_reason_list")
    client.get(url)  # the default reasons exist
    response = client.post(url, {"code": "Too Far!", "label": "For langt unna"})
    assert response.context["form"].errors["code"] == [str(services.ERROR_REASON_CODE)]
    assert 'value="For langt unna"' in response.content.decode()
    response = client.post(url, {"code": "location", "label": ""})
    errors = response.context["form"].errors
    assert errors["code"] == [str(services.ERROR_REASON_CODE_TAKEN)]
    assert errors["label"] == [str(services.ERROR_REASON_LABEL)]
    assert not DeclineReason.objects.filter(label="For langt unna").exists()


def test_a_retired_decline_reason_is_no_longer_offered_on_the_offer_page(
    client, tone, kari, trondheim, single, flat, anders_actor, today, rules_2000
):
    offer = offers.offer_create(
        actor=anders_actor, dwelling=flat, application=single, offered_on=today
    )
    client.force_login(tone)
    client.get(reverse("allocation:decline_reason_list"))
    reason = DeclineReason.objects.get(municipality=trondheim, code="standard")
    client.force_login(kari)
    offer_url = reverse("allocation:offer_detail", args=[offer.pk])
    assert reason.label in client.get(offer_url).content.decode()

    client.force_login(tone)
    client.post(reverse("allocation:decline_reason_update", args=[reason.pk]), {})
    reason.refresh_from_db()
    assert (reason.is_active, reason.unreasonable) == (False, False)
    client.force_login(kari)
    assert reason.label not in client.get(offer_url).content.decode()


def test_kari_reads_the_decline_reasons_but_cannot_add_one(client, kari):
    client.force_login(kari)
    url = reverse("allocation:decline_reason_list")
    assert client.get(url).status_code == 200
    assert client.post(url, {"code": "x", "label": "X"}).status_code == 403
    assert not DeclineReason.objects.filter(code="x").exists()


def test_mette_cannot_change_trondheims_decline_reasons(client, mette, tone, trondheim):
    client.force_login(tone)
    client.get(reverse("allocation:decline_reason_list"))
    reason = DeclineReason.objects.get(municipality=trondheim, code="location")
    client.force_login(mette)
    url = reverse("allocation:decline_reason_update", args=[reason.pk])
    assert client.post(url, {}).status_code == 404
    reason.refresh_from_db()
    assert reason.is_active
