from django import forms
from django.utils.translation import gettext_lazy as _

from kiz.models import Municipality

from . import registry
from .models import ReportKind


class ReportRequestForm(forms.Form):
    """Which report, and for which municipality (the state overview needs none)."""

    kind = forms.ChoiceField(label=_("Report"))
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        to_field_name="ags",
        empty_label=_("– please select –"),
        help_text=_("Not needed for the state overview."),
    )
    # Set by the "as PDF" buttons of the application, grant, controlling report and proof-of-use pages.
    subject = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.for_user(user).order_by("name")
        kinds = [t for t in registry.available() if t.per_municipality or t.may_view(user, None)]
        self.fields["kind"].choices = [(t.kind, ReportKind(t.kind).label) for t in kinds]
        if all(t.per_municipality for t in kinds):
            self.fields["municipality"].help_text = ""

    def clean(self):
        cleaned = super().clean()
        report_type = registry.get(cleaned.get("kind") or "")
        municipality = cleaned.get("municipality")
        if report_type is not None and report_type.per_municipality and not municipality:
            self.add_error("municipality", _("Please choose the municipality the report is about."))
        elif (
            report_type is not None
            and municipality
            and not report_type.has_subject(municipality, cleaned.get("subject"))
        ):
            # Offered are the reports that can be generated: none that could only fail.
            self.add_error(
                "municipality",
                _("No report for %(municipality)s: %(reason)s")
                % {"municipality": municipality.name, "reason": report_type.missing},
            )
        return cleaned


class BatchRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report for all municipalities"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        total = Municipality.objects.count()
        choices = []
        for report_type in registry.available(per_municipality=True):
            label = ReportKind(report_type.kind).label
            if report_type.subject_holders is not None:
                count = len(report_type.subject_holders())
                if not count:
                    continue  # no municipality has anything to report on: not offered
                if count < total:
                    label = _("%(kind)s (%(count)s of %(total)s KIZ)") % {"kind": label, "count": count, "total": total}
            choices.append((report_type.kind, label))
        self.fields["kind"].choices = choices
