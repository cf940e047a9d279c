"""Form layout in the browser: a checkbox's hint reads as a sentence under its label, not one word per line."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import expect_accessible, login
from tests.factories import PASSWORD, MunicipalityFactory, user_with_role
from tests.funding.conftest import load_editions
from tests.funding.factories import application_for, concepts_every_three_years, dortmund_2012_plan

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_raa_checkbox_hint_runs_under_its_label_in_full_lines(page):
    load_editions()
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    concepts_every_three_years(dortmund)
    dortmund_2012_plan(dortmund, 2014)
    application = application_for(dortmund, 2014)
    user_with_role("editor", dortmund, username="redaktion.dortmund")
    login(page, "redaktion.dortmund", PASSWORD)
    page.goto(f"/foerderung/antraege/{application.pk}/bearbeiten/")
    checkbox = page.locator("#id_raa_transition")
    hint = page.locator("#id_raa_transition-hint")
    label = page.locator("label[for=id_raa_transition]")
    expect(hint).to_be_visible()
    hint_box, label_box, box = hint.bounding_box(), label.bounding_box(), checkbox.bounding_box()
    assert hint_box["width"] > 300, hint_box  # one word per line was about 32 px wide
    assert hint_box["y"] >= label_box["y"] + label_box["height"] - 1  # below the label
    assert hint_box["x"] >= box["x"] + box["width"]  # in line with the label, right of the box
    line_height = float(hint.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 24"))
    words = len(hint.inner_text().split())
    assert hint_box["height"] < line_height * max(2, words / 4), (hint_box, words)
    expect_accessible(page, "funding-raa-hint")
