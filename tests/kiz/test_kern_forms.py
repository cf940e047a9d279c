"""The KERN form pack: the error summary's links must lead to an element of the form."""

import re

from django import forms
from django.template import Context, Template


class GroupForm(forms.Form):
    theme = forms.ChoiceField(choices=[("bildung", "Bildung"), ("quer", "Querschnitt")], widget=forms.RadioSelect)
    stages = forms.MultipleChoiceField(
        choices=[("kita", "Kita"), ("schule", "Schule")], widget=forms.CheckboxSelectMultiple
    )
    title = forms.CharField()


def _render(form):
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def test_error_summary_links_point_to_existing_elements():
    form = GroupForm(data={})
    assert not form.is_valid()
    html = _render(form)
    targets = re.findall(r'<a class="kern-link" href="#([^"]+)">', html)
    assert targets == ["id_theme_0", "id_stages_0", "id_title"]
    for target in targets:
        assert f'id="{target}"' in html, f"the summary links to #{target}, which is not on the page"
