"""The hand-over in the admin: one page with the delivery pack and the signer export, for
staff with the `handover.hand_over` permission (the Campaigner group has it)."""

import datetime as dt

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from handover import documents, selectors, services
from handover.forms import DeliveryPackForm, SignerExportForm
from handover.models import SignerExport

PERMISSION = "handover.hand_over"
JSONL = "application/jsonl; charset=utf-8"


def _attachment(response: HttpResponse | StreamingHttpResponse, name: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"


@admin.register(SignerExport)
class SignerExportAdmin(admin.ModelAdmin):
    """No list or form of its own: the hand-over page takes the place of the list (the
    model's entry in the admin leads to it) and shows the exports."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(PERMISSION)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return request.user.has_perm(PERMISSION)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_urls(self):  # type: ignore[no-untyped-def]
        view = self.admin_site.admin_view
        # The hand-over page answers at the list's address, before the default views.
        return [
            path("", view(self.handover_view), name="handover"),
            path("pack/", view(self.pack_view), name="handover_pack"),
            path("signers/", view(self.signers_view), name="handover_signers"),
            path(
                "signers/<int:pk>/download/",
                view(self.download_view),
                name="handover_signers_download",
            ),
            *super().get_urls(),
        ]

    def _check(self, request: HttpRequest) -> None:
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied

    def _page(
        self,
        request: HttpRequest,
        *,
        pack_form: DeliveryPackForm | None = None,
        export_form: SignerExportForm | None = None,
        status: int = 200,
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Hand the petition over"),
            "pack_form": pack_form or DeliveryPackForm(),
            "export_form": export_form or SignerExportForm(),
            "exports": selectors.signer_export_list(),
            "busy": selectors.signer_export_busy(),
            "stream_max": settings.HANDOVER_STREAM_MAX,
            "keep_days": settings.HANDOVER_EXPORT_DAYS,
        }
        return TemplateResponse(request, "admin/handover/handover.html", context, status=status)

    def handover_view(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        return self._page(request)

    def pack_view(self, request: HttpRequest) -> HttpResponse:
        """The delivery pack as PDF or CSV (the button pressed), or the page with the
        form's errors."""
        self._check(request)
        if request.method != "POST":
            return redirect("admin:handover")
        form = DeliveryPackForm(request.POST)
        if not form.is_valid():
            return self._page(request, pack_form=form, status=400)
        data = form.cleaned_data
        pack = selectors.delivery_pack(
            language=data["language"],
            since=data["since"],
            until=data["until"],
            by_language=data["by_language"],
            organisations=data["organisations"],
        )
        stem = f"delivery-pack-{pack.language}-{pack.made_on.isoformat()}"
        if request.POST.get("format") == "csv":
            response = HttpResponse(
                documents.pack_csv(pack), content_type="text/csv; charset=utf-8"
            )
            _attachment(response, f"{stem}.csv")
            return response
        try:
            pdf = documents.pack_pdf(pack)
        except documents.FontsMissing as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return self._page(request, pack_form=form, status=503)
        response = HttpResponse(pdf, content_type="application/pdf")
        _attachment(response, f"{stem}.pdf")
        return response

    def signers_view(self, request: HttpRequest) -> HttpResponse:
        """The sealed signer export: streamed at once up to HANDOVER_STREAM_MAX records,
        written by the worker beyond that (the page then shows its progress)."""
        self._check(request)
        if request.method != "POST":
            return redirect("admin:handover")
        form = SignerExportForm(request.POST)
        if not form.is_valid():
            return self._page(request, export_form=form, status=400)
        filters = {
            "confirmed_only": form.cleaned_data["confirmed_only"],
            "country": form.cleaned_data["country"] or None,
            "consent": form.cleaned_data["consent"] or None,
        }
        total = selectors.signer_export_count(**filters)
        if total <= settings.HANDOVER_STREAM_MAX:
            response = StreamingHttpResponse(
                selectors.signer_export_lines(**filters), content_type=JSONL
            )
            _attachment(response, _file_name(filters["country"], timezone.now()))
            return response
        export = services.signer_export_request(user=request.user, total=total, **filters)
        self.message_user(
            request,
            ngettext(
                "The export of %(count)d signature is being written; its link appears below "
                "when it is ready.",
                "The export of %(count)d signatures is being written; its link appears below "
                "when it is ready.",
                total,
            )
            % {"count": total},
            messages.SUCCESS,
        )
        return redirect(reverse("admin:handover") + f"#export-{export.pk}")

    def download_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        self._check(request)
        export = SignerExport.objects.filter(pk=pk).first()
        if export is None:
            raise Http404
        try:
            chunks = services.signer_export_download(export=export)
        except services.ExportNotReady as exc:
            raise Http404 from exc
        response = StreamingHttpResponse(chunks, content_type=JSONL)
        _attachment(response, _file_name(export.country or None, export.created_at))
        return response


def _file_name(country: str | None, when: dt.datetime) -> str:
    parts = ["signatures", country or "all", timezone.localtime(when).strftime("%Y-%m-%d")]
    return "-".join(parts) + ".jsonl"
