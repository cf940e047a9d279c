"""Sections the reporting app adds to the core's pages (see kiz.extensions)."""

from .controlling import panels as controlling


def home_city(*, user, municipality):
    return controlling.home_city(user=user, municipality=municipality)


def home_state(*, user):
    return controlling.home_state(user=user)
