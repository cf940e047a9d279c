"""Template helpers for KERN markup: widget classes and the ARIA links between a field and its texts."""

from django import forms, template

register = template.Library()


def _widget_class(widget, has_errors: bool) -> str:
    if isinstance(widget, forms.CheckboxInput):
        base = "kern-form-check__checkbox"
    elif isinstance(widget, forms.RadioSelect):
        base = "kern-form-check__radio"
    elif isinstance(widget, forms.Select):
        base = "kern-form-input__select"
    else:
        base = "kern-form-input__input"
    return f"{base} {base}--error" if has_errors else base


@register.simple_tag
def kern_widget(field):
    """Render a bound field's widget with KERN classes, aria-describedby (hint, error) and aria-invalid."""
    widget = field.field.widget
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    classes = " ".join(filter(None, [widget.attrs.get("class", ""), _widget_class(widget, bool(field.errors))]))
    attrs = {"class": classes}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def kern_kind(field) -> str:
    """'check' for a single checkbox, 'choices' for radio buttons and checkbox lists, else 'input'."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "check"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    return "input"


@register.filter
def kern_anchor(field) -> str:
    """The id the error summary links to: the first option of a radio or checkbox group, else the field itself.

    A group has no element with the field's own id, so a link to it would lead nowhere.
    """
    if kern_kind(field) == "choices" and field.subwidgets:
        return field.subwidgets[0].id_for_label or field.auto_id
    return field.auto_id


@register.filter
def euro(amount) -> str:
    """1234.5 → '1.234,50 €'."""
    from kiz.money import format_euro

    return format_euro(amount)


@register.filter
def decimal_de(value, places=2) -> str:
    """3.5 → '3,50'."""
    from kiz.money import format_decimal

    return format_decimal(value, int(places))
