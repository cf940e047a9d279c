from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from staffing.models import FundingSource, PayRate, PayScheme, Post, PostCategory, PostOrigin, StaffPlan
from tests.factories import user_with_role
from tests.staffing.factories import PostFactory, StaffPlanFactory, rate


def plan_url(plan, name="staffing:plan_detail"):
    return reverse(name, kwargs={"ags": plan.municipality.ags, "year": plan.year})


def post_data(**overrides):
    data = {
        "title": "Pädagogische Fachkraft Bildung",
        "category": PostCategory.PAED_FACHKRAFT,
        "fte": "0,75",
        "funding_source": FundingSource.LANDESZUSCHUSS,
        "origin": PostOrigin.NEU,
        "pay_scheme": PayScheme.TVOED,
        "pay_grade": "s12",
        "starts_on": "2026-04-01",
        "ends_on": "",
        "filled_months": "9",
        "occupant_name": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def dortmund_plan(dortmund):
    plan = StaffPlanFactory(municipality=dortmund, year=2026)
    rate(2026, PayScheme.TVOED, "S 12", "60000")
    PostFactory(plan=plan, title="Fachkraft Bildung", occupant_name="Erika Muster", filled_months=12)
    PostFactory(plan=plan, title="Fachkraft Querschnitt", fte=Decimal("0.50"), filled_months=6)
    return plan


@pytest.fixture
def bochum_plan(bochum):
    plan = StaffPlanFactory(municipality=bochum, year=2026)
    PostFactory(plan=plan, title="Bochumer Geheimstelle", occupant_name="Bernd Bochum")
    return plan


# --- list and detail -----------------------------------------------------------------------------------------


def test_list_shows_own_plans_only(client_for, editor, dortmund_plan, bochum_plan):
    StaffPlanFactory(municipality=dortmund_plan.municipality, year=2025)
    response = client_for(editor).get(reverse("staffing:plan_list"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Stellenplan 2026" in text and "Stellenplan 2025" in text
    assert plan_url(dortmund_plan) in text
    assert plan_url(bochum_plan) not in text
    assert "Bochum" not in text


def test_detail_shows_posts_costs_calculation_and_totals(client_for, editor, dortmund_plan):
    text = client_for(editor).get(plan_url(dortmund_plan)).content.decode()
    assert "Fachkraft Bildung" in text
    # 60.000 € × 1,00 × 12/12 and 60.000 € × 0,50 × 6/12
    assert "60.000,00\u00a0€ × 1,00 VZÄ × 12/12 = 60.000,00\u00a0€" in text
    assert "60.000,00\u00a0€ × 0,50 VZÄ × 6/12 = 15.000,00\u00a0€" in text
    assert '<dd class="kern-description-list-item__value" id="cost-total">75.000,00\u00a0€</dd>' in text
    assert '<dd class="kern-description-list-item__value" id="fte-planned">1,50</dd>' in text
    assert '<dd class="kern-description-list-item__value" id="fte-filled">1,25</dd>' in text
    assert "Summen nach Kategorie" in text and "Summen nach Finanzierung" in text
    assert "Personalkostenzuschuss des Landes" in text


def test_detail_says_which_rate_is_missing(client_for, editor, dortmund_plan):
    PostFactory(plan=dortmund_plan, title="Exotische Stelle", pay_grade="EG 99")
    text = client_for(editor).get(plan_url(dortmund_plan)).content.decode()
    assert "Kein Personalkostensatz für TVöD EG 99 im Jahr 2026 hinterlegt" in text
    assert "Die Kosten von 1 Stelle können nicht berechnet werden" in text


def test_bochum_plan_is_404_for_dortmund_users(client_for, editor, bochum_plan):
    client = client_for(editor)
    post = bochum_plan.posts.get()
    assert client.get(plan_url(bochum_plan)).status_code == 404
    assert client.get(plan_url(bochum_plan, "staffing:post_create")).status_code == 404
    assert client.post(plan_url(bochum_plan, "staffing:post_create"), post_data()).status_code == 404
    assert client.get(plan_url(bochum_plan, "staffing:plan_copy")).status_code == 404
    assert client.post(plan_url(bochum_plan, "staffing:plan_copy"), {"year": 2027}).status_code == 404
    assert client.get(plan_url(bochum_plan, "staffing:plan_edit")).status_code == 404
    assert client.get(reverse("staffing:post_edit", kwargs={"pk": post.pk})).status_code == 404
    assert client.post(reverse("staffing:post_delete", kwargs={"pk": post.pk})).status_code == 404
    assert Post.objects.filter(pk=post.pk).exists()
    assert not StaffPlan.objects.filter(municipality=bochum_plan.municipality, year=2027).exists()


def test_occupant_names_only_for_own_city_roles(client_for, council, authority, coordination, dortmund_plan):
    assert "Erika Muster" in client_for(council).get(plan_url(dortmund_plan)).content.decode()
    for user in (authority, coordination):
        text = client_for(user).get(plan_url(dortmund_plan)).content.decode()
        assert "Fachkraft Bildung" in text
        assert "Erika Muster" not in text


def test_state_list_shows_all_plans_without_occupants(client_for, coordination, dortmund_plan, bochum_plan):
    text = client_for(coordination).get(reverse("staffing:plan_list")).content.decode()
    assert plan_url(dortmund_plan) in text and plan_url(bochum_plan) in text
    assert "Erika Muster" not in text and "Bernd Bochum" not in text


# --- writes and roles ----------------------------------------------------------------------------------------


def test_editor_adds_a_post(client_for, editor, dortmund_plan):
    response = client_for(editor).post(plan_url(dortmund_plan, "staffing:post_create"), post_data())
    assert response.status_code == 302
    post = dortmund_plan.posts.get(title="Pädagogische Fachkraft Bildung")
    assert (post.fte, post.pay_grade, post.filled_months) == (Decimal("0.75"), "S 12", 9)
    assert post.history.get().history_user == editor
    # 60.000 € × 0,75 × 9/12 = 33.750,00 €
    text = client_for(editor).get(plan_url(dortmund_plan)).content.decode()
    assert "60.000,00\u00a0€ × 0,75 VZÄ × 9/12 = 33.750,00\u00a0€" in text


@pytest.mark.parametrize("role", ["council", "authority", "coordination"])
def test_read_only_roles_get_403_on_every_write(client_for, dortmund, dortmund_plan, role):
    user = user_with_role(role, dortmund if role == "council" else None)
    client = client_for(user)
    post = dortmund_plan.posts.first()
    assert client.get(plan_url(dortmund_plan)).status_code == 200
    assert client.get(plan_url(dortmund_plan, "staffing:post_create")).status_code == 403
    assert client.post(plan_url(dortmund_plan, "staffing:post_create"), post_data()).status_code == 403
    edit = reverse("staffing:post_edit", kwargs={"pk": post.pk})
    assert client.post(edit, post_data(title="Gekapert", expected_version=post.version)).status_code == 403
    delete = reverse("staffing:post_delete", kwargs={"pk": post.pk})
    assert client.post(delete, {"expected_version": post.version}).status_code == 403
    assert client.post(plan_url(dortmund_plan, "staffing:plan_copy"), {"year": 2027}).status_code == 403
    assert client.post(plan_url(dortmund_plan, "staffing:plan_edit"), {"notes": "x"}).status_code == 403
    assert client.post(reverse("staffing:plan_list"), {"year": 2030}).status_code == 403
    post.refresh_from_db()
    assert post.title != "Gekapert"
    assert dortmund_plan.posts.count() == 2
    assert StaffPlan.objects.count() == 1


def test_read_only_roles_see_no_edit_buttons(client_for, council, dortmund_plan):
    text = client_for(council).get(plan_url(dortmund_plan)).content.decode()
    assert "Stelle hinzufügen" not in text
    assert reverse("staffing:post_edit", kwargs={"pk": dortmund_plan.posts.first().pk}) not in text


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"fte": "0"}, "fte", "Eine Stelle hat mindestens 0,01 VZÄ."),
        ({"fte": "1,5"}, "fte", "Eine Stelle hat höchstens 1,00 VZÄ; größere Stellen bitte aufteilen."),
        ({"fte": "0,755"}, "fte", "Bitte geben Sie die VZÄ mit höchstens zwei Nachkommastellen an, z. B. 0,75."),
        ({"fte": "dreiviertel"}, "fte", "Bitte eine Zahl eingeben, geschrieben wie „0,75“ oder „0.75“."),
        ({"ends_on": "2026-03-31"}, "ends_on", "Die Stelle kann nicht enden, bevor sie beginnt."),
        ({"filled_months": "10"}, "filled_months", "Die Stelle läuft 2026 nur 9 Monate; länger kann sie nicht"),
        ({"starts_on": "2027-01-01"}, "starts_on", "Die Stelle läuft nicht im Jahr 2026"),
    ],
)
def test_bad_input_shows_german_message_at_the_field_and_keeps_input(
    client_for, editor, dortmund_plan, overrides, field, message
):
    data = post_data(title="Meine Eingabe bleibt", **overrides)
    response = client_for(editor).post(plan_url(dortmund_plan, "staffing:post_create"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert message in text
    assert f'id="id_{field}-error"' in text  # the message sits at the field
    assert "Bitte korrigieren Sie die folgenden Angaben" in text
    assert 'value="Meine Eingabe bleibt"' in text
    assert not dortmund_plan.posts.filter(title="Meine Eingabe bleibt").exists()


def test_stale_post_form_keeps_input_and_says_so(client_for, editor, dortmund_plan):
    post = dortmund_plan.posts.first()
    stale_version = post.version
    post.title = "Von jemand anderem geändert"
    post.version += 1
    post.save()
    url = reverse("staffing:post_edit", kwargs={"pk": post.pk})
    response = client_for(editor).post(url, post_data(title="Meine Fassung", expected_version=stale_version))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Jemand anderes hat diesen Datensatz geändert, seit Sie das Formular geöffnet haben." in text
    assert 'value="Meine Fassung"' in text
    assert "Stelle „Von jemand anderem geändert“ bearbeiten" in text
    post.refresh_from_db()
    assert post.title == "Von jemand anderem geändert"


def test_editing_a_post_bumps_its_version_and_records_the_change(client_for, editor, dortmund_plan):
    post = dortmund_plan.posts.first()
    url = reverse("staffing:post_edit", kwargs={"pk": post.pk})
    data = post_data(title="Fachkraft Bildung", starts_on="2020-01-01", filled_months="11", expected_version=1)
    assert client_for(editor).post(url, data).status_code == 302
    post.refresh_from_db()
    assert (post.version, post.filled_months) == (2, 11)
    text = client_for(editor).get(plan_url(dortmund_plan)).content.decode()
    assert "Änderungen an den Stellen" in text
    assert "besetzte Monate: 12 → 11" in text
    edit_page = client_for(editor).get(url).content.decode()
    assert "Änderungsverlauf" in edit_page and "besetzte Monate: 12 → 11" in edit_page


def test_delete_a_post(client_for, editor, dortmund_plan):
    post = dortmund_plan.posts.first()
    url = reverse("staffing:post_delete", kwargs={"pk": post.pk})
    assert "Die Stelle „Fachkraft Bildung“ entfernen?" in client_for(editor).get(url).content.decode()
    assert client_for(editor).post(url, {"expected_version": post.version}).status_code == 302
    assert not Post.objects.filter(pk=post.pk).exists()


def test_create_a_plan_and_refuse_a_second_one_for_the_same_year(client_for, editor, dortmund_plan):
    client = client_for(editor)
    response = client.post(reverse("staffing:plan_list"), {"year": 2027})
    assert response.status_code == 302
    assert StaffPlan.objects.filter(municipality=dortmund_plan.municipality, year=2027).exists()
    response = client.post(reverse("staffing:plan_list"), {"year": 2026})
    assert "Für 2026 gibt es bereits einen Stellenplan." in response.content.decode()


def test_copy_action_creates_next_year(client_for, editor, dortmund_plan):
    response = client_for(editor).post(plan_url(dortmund_plan, "staffing:plan_copy"), {"year": 2027})
    new_plan = StaffPlan.objects.get(municipality=dortmund_plan.municipality, year=2027)
    assert response.status_code == 302 and response.url == new_plan.get_absolute_url()
    assert list(new_plan.posts.values_list("title", "filled_months")) == [
        ("Fachkraft Bildung", 12),
        ("Fachkraft Querschnitt", 12),
    ]


@pytest.mark.parametrize("length", [4001, 1_100_000])
def test_notes_longer_than_4000_characters_are_refused(client_for, editor, dortmund_plan, length):
    url = plan_url(dortmund_plan, "staffing:plan_edit")
    response = client_for(editor).post(url, {"notes": "x" * length, "expected_version": dortmund_plan.version})
    assert response.status_code == 200
    assert f"höchstens 4000 Zeichen besteht. (Er besteht aus {length} Zeichen.)" in response.content.decode()
    dortmund_plan.refresh_from_db()
    assert dortmund_plan.notes == ""
    response = client_for(editor).post(url, {"notes": "x" * 4000, "expected_version": dortmund_plan.version})
    assert response.status_code == 302
    dortmund_plan.refresh_from_db()
    assert len(dortmund_plan.notes) == 4000


def test_stale_notes_form(client_for, editor, dortmund_plan):
    StaffPlan.objects.filter(pk=dortmund_plan.pk).update(version=5)
    response = client_for(editor).post(
        plan_url(dortmund_plan, "staffing:plan_edit"), {"notes": "Meine Notiz", "expected_version": 1}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Meine Notiz" in text
    assert "Jemand anderes hat diesen Datensatz geändert" in text
    dortmund_plan.refresh_from_db()
    assert dortmund_plan.notes == ""


def test_cost_preview_fragment(client_for, editor, dortmund_plan):
    response = client_for(editor).post(plan_url(dortmund_plan, "staffing:post_preview"), post_data())
    text = response.content.decode()
    assert "60.000,00\u00a0€ × 0,75 VZÄ × 9/12 = 33.750,00\u00a0€" in text
    assert "<html" not in text


# --- query counts ----------------------------------------------------------------------------------------------


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_plan_page_query_count_is_constant(client_for, editor, dortmund):
    plan = StaffPlanFactory(municipality=dortmund, year=2026)
    grades = ["S 12", "EG 9c", "EG 6", "A 13"]
    for i in range(3):
        PostFactory(plan=plan, pay_grade=grades[i % 4])
    client = client_for(editor)
    few = _count_queries(client, plan_url(plan))
    for i in range(27):
        post = PostFactory(plan=plan, pay_grade=grades[i % 4], pay_scheme=PayScheme.TVOED)
        post.filled_months = 10
        post.save()
    assert plan.posts.count() == 30
    assert _count_queries(client, plan_url(plan)) == few


def test_plan_list_query_count_is_constant(client_for, coordination, dortmund, bochum):
    client = client_for(coordination)
    StaffPlanFactory(municipality=dortmund, year=2026)
    few = _count_queries(client, reverse("staffing:plan_list"))
    for year in range(2013, 2023):
        plan = StaffPlanFactory(municipality=bochum, year=year)
        PostFactory(plan=plan)
    assert _count_queries(client, reverse("staffing:plan_list")) == few


# --- pay rates -------------------------------------------------------------------------------------------------


def test_authority_edits_a_pay_rate(client_for, authority):
    payrate = PayRate.objects.get(year=2026, pay_scheme=PayScheme.TVOED, pay_grade="S 12")
    url = reverse("staffing:payrate_edit", kwargs={"pk": payrate.pk})
    data = {
        "year": 2026,
        "pay_scheme": PayScheme.TVOED,
        "pay_grade": "S 12",
        "annual_cost": "81234,56",
        "expected_version": payrate.version,
    }
    response = client_for(authority).post(url, data)
    assert response.status_code == 302
    payrate.refresh_from_db()
    assert payrate.annual_cost == Decimal("81234.56")
    text = client_for(authority).get(reverse("staffing:payrate_list") + "?jahr=2026").content.decode()
    assert "81.234,56\u00a0€" in text


@pytest.mark.parametrize("typed", ["81.234,56", "81234,56", "81234.56"])
def test_a_pay_rate_is_typed_as_the_application_shows_it_or_with_a_point(client_for, authority, typed):
    payrate = PayRate.objects.get(year=2026, pay_scheme=PayScheme.TVOED, pay_grade="S 12")
    url = reverse("staffing:payrate_edit", kwargs={"pk": payrate.pk})
    data = {"year": 2026, "pay_scheme": PayScheme.TVOED, "pay_grade": "S 12", "annual_cost": typed}
    response = client_for(authority).post(url, {**data, "expected_version": payrate.version})
    assert response.status_code == 302
    payrate.refresh_from_db()
    assert payrate.annual_cost == Decimal("81234.56")


@pytest.mark.parametrize(("typed", "fte"), [("0,75", "0.75"), ("0.75", "0.75"), ("1", "1.00")])
def test_a_post_takes_the_fte_with_comma_or_point(client_for, editor, dortmund_plan, typed, fte):
    response = client_for(editor).post(plan_url(dortmund_plan, "staffing:post_create"), post_data(fte=typed))
    assert response.status_code == 302
    assert dortmund_plan.posts.get(title="Pädagogische Fachkraft Bildung").fte == Decimal(fte)


def test_pay_rate_duplicate_is_refused_in_german(client_for, authority):
    data = {"year": 2026, "pay_scheme": PayScheme.TVOED, "pay_grade": "s 12", "annual_cost": "1000"}
    response = client_for(authority).post(reverse("staffing:payrate_create"), data)
    assert "Für diese Entgelt- bzw. Besoldungsgruppe und dieses Jahr gibt es bereits einen Satz." in (
        response.content.decode()
    )


def test_pay_rate_duplicate_and_negative_cost_are_each_named_once(client_for, authority):
    data = {"year": 2026, "pay_scheme": PayScheme.TVOED, "pay_grade": "s 12", "annual_cost": "-5"}
    response = client_for(authority).post(reverse("staffing:payrate_create"), data)
    form = response.context["form"]
    assert form.non_field_errors() == []
    assert form.errors["pay_grade"] == [
        "Für diese Entgelt- bzw. Besoldungsgruppe und dieses Jahr gibt es bereits einen Satz."
    ]
    assert form.errors["annual_cost"] == ["Die jährlichen Kosten müssen über 0,00 € liegen."]
    html = response.content.decode()
    assert "existiert bereits" not in html
    assert 'value="-5"' in html and 'value="s 12"' in html  # as typed
    assert PayRate.objects.filter(year=2026, pay_scheme=PayScheme.TVOED, pay_grade="S 12").count() == 1


@pytest.mark.parametrize("role", ["editor", "lead", "council", "coordination"])
def test_only_the_authority_edits_pay_rates(client_for, dortmund, role):
    user = user_with_role(role, None if role == "coordination" else dortmund)
    payrate = PayRate.objects.get(year=2026, pay_scheme=PayScheme.TVOED, pay_grade="S 12")
    client = client_for(user)
    assert client.get(reverse("staffing:payrate_list")).status_code == 200
    assert client.get(reverse("staffing:payrate_create")).status_code == 403
    data = {"year": 2026, "pay_scheme": "tvoed", "pay_grade": "S 12", "annual_cost": "1", "expected_version": 1}
    url = reverse("staffing:payrate_edit", kwargs={"pk": payrate.pk})
    assert client.post(url, data).status_code == 403
    payrate.refresh_from_db()
    assert payrate.annual_cost != Decimal("1")


def test_nav_entries_by_role(client_for, editor, authority):
    assert "Stellenplan" in client_for(editor).get(reverse("home")).content.decode()
    assert "Personalkostensätze" not in client_for(editor).get(reverse("home")).content.decode()
    assert "Personalkostensätze" in client_for(authority).get(reverse("staffing:plan_list")).content.decode()


def test_municipality_panel_shows_latest_plan(client_for, editor, dortmund_plan, dortmund):
    StaffPlanFactory(municipality=dortmund, year=2020)
    text = client_for(editor).get(dortmund.get_absolute_url()).content.decode()
    assert "Stellenplan 2026" in text
    assert "75.000,00\u00a0€" in text
