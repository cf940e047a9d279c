"""Sections the reporting app adds to the core's pages (see kiz.extensions)."""

from .controlling import panels as controlling


def home_city(*, user, municipality):
    return controlling.home_city(user=user, municipality=municipality)


def home_state(*, user):
    return controlling.home_state(user=user)


def proof_of_use(*, user, proof):
    """The downloads of a proof of use's financial statement on its page (the same statement as page and PDF)."""
    return [{"template": "reporting/_panel_exports.html", "name": "proof_statement_export", "pk": proof.pk}]
