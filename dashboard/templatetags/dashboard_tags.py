"""Formatting of the dashboard's table cells in the admin's language."""

import datetime as dt
from typing import Any

from django import template
from django.utils.formats import date_format, number_format

register = template.Library()


@register.filter
def cell(value: Any) -> str:
    """A date in the long local form, a whole number with the local grouping (1.234.567 in
    Dutch), a fraction with one decimal, nothing as a dash; a text as it is."""
    if value is None:
        return "\N{EN DASH}"
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        return number_format(value, decimal_pos=1, force_grouping=True)
    return number_format(int(value), force_grouping=True)
