"""The campaign dashboard in the admin: totals and charts for the campaign team (the
dashboard.view_dashboard permission, which the Campaigner group has), and each chart's
figures as CSV."""

import io
from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dashboard import charts
from dashboard.selectors import CHARTS, Table, dashboard_tables
from petitions.selectors import petition_get, signature_totals
from privacy.spreadsheet import SpreadsheetWriter

PERMISSION = "dashboard.view_dashboard"


def _allowed(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _time_chart(table: Table, **kwargs: Any) -> charts.TimeChart:
    labels = [date_format(row[0], "j M") for row in table.rows]
    return charts.time_chart(labels, **kwargs)


def _figures(tables: dict[str, Table]) -> list[dict[str, Any]]:
    """Each chart: its table and the geometry the template draws."""
    confirmed, rate = tables["confirmed"], tables["rate"]
    drawn: dict[str, Any] = {
        "confirmed": _time_chart(
            confirmed,
            columns=[row[1] for row in confirmed.rows],
            line=[row[2] for row in confirmed.rows],
        ),
        "rate": _time_chart(rate, columns=[row[3] or 0 for row in rate.rows], columns_at_least=100),
    }
    figures = []
    for key in CHARTS:
        table = tables[key]
        chart = drawn.get(key) or charts.bar_chart(
            [(str(row[0]), value) for row, value in zip(table.rows, table.values, strict=True)]
        )
        figures.append(
            {"table": table, "chart": chart, "time": key in drawn, "percent": key == "rate"}
        )
    return figures


def dashboard(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    totals = signature_totals()
    goal = petition_get(language=request.LANGUAGE_CODE).goal
    context = {
        **admin.site.each_context(request),
        "title": _("Campaign dashboard"),
        "totals": totals,
        "goal": goal,
        "progress": min(100, totals.confirmed * 100 // goal) if goal else None,
        "figures": _figures(dashboard_tables()),
        "now": timezone.now(),
    }
    return TemplateResponse(request, "admin/dashboard/dashboard.html", context)


def _cell(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else value


def chart_csv(request: HttpRequest) -> HttpResponse:
    """One chart's table as CSV (?chart=<key>), every cell safe to open in a spreadsheet."""
    _allowed(request)
    key = request.GET.get("chart", "")
    if key not in CHARTS:
        raise Http404(_("There is no such chart."))
    table = dashboard_tables()[key]
    out = io.StringIO()
    writer = SpreadsheetWriter(out, fieldnames=table.headers)
    writer.writeheader()
    for row in table.rows:
        writer.writerow(dict(zip(table.headers, map(_cell, row), strict=True)))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{key}-{stamp}.csv"'
    return response
