from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import languages
from core.admin import SuperuserOnlyMixin
from outbox import selectors, services, texts
from outbox.models import MailText, OutgoingMail

_SHOWN = ["template", "language", "status", "attempts", "next_attempt_at", "last_problem"]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(SuperuserOnlyMixin, admin.ModelAdmin):
    """The queue, and why mails fail: the problem and the SMTP code, never the mail server's
    own text (it names the address) and never whom a mail is for (encrypted)."""

    list_display = ["id", *_SHOWN, "failed_at"]
    list_filter = ["status", "problem", "template", "language"]
    fields = [*_SHOWN, "failed_at", "created_at"]
    readonly_fields = fields
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("last problem"), ordering="problem")
    def last_problem(self, mail: OutgoingMail) -> str:
        if not mail.problem:
            return ""
        label = mail.get_problem_display()
        return f"{mail.smtp_code} · {label}" if mail.smtp_code else str(label)

    @admin.action(description=_("Send the selected failed mails again"), permissions=["change"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutgoingMail]) -> None:
        count = services.mail_send_again(mails=list(queryset))
        self.message_user(
            request,
            ngettext("%(count)d mail queued again.", "%(count)d mails queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def changelist_view(self, request, extra_context=None):  # type: ignore[no-untyped-def]
        extra = {"outbox_trouble": selectors.outbox_trouble(), **(extra_context or {})}
        return super().changelist_view(request, extra)


class MailTextForm(forms.ModelForm):
    """A campaign's wording of one mail: its placeholders are checked before it is saved."""

    kind = forms.ChoiceField(label=_("mail"), choices=())
    language = forms.ChoiceField(label=_("language"), choices=())

    class Meta:
        model = MailText
        fields = ["kind", "language", "subject", "body"]

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = texts.kind_choices()
        self.fields["language"].choices = [
            (code, f"{languages.name(code)} ({code})") for code in languages.configured()
        ]

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        kind = texts.KINDS.get(cleaned.get("kind", ""))
        if kind is None:
            return cleaned
        subject, body = cleaned.get("subject", ""), cleaned.get("body", "")
        if kind.has_subject and not subject.strip():
            self.add_error("subject", _("This mail needs a subject."))
        for problem in texts.problems(kind=kind, subject=subject or "", body=body or ""):
            self.add_error("body", problem)
        return cleaned


@admin.register(MailText)
class MailTextAdmin(admin.ModelAdmin):
    """Each mail in the campaign's own words, per language, with a preview; a mail without
    its own text goes out in the shipped wording, translated."""

    form = MailTextForm
    change_form_template = "admin/outbox/mailtext/change_form.html"
    change_list_template = "admin/outbox/mailtext/change_list.html"
    list_display = ["mail", "language", "subject", "updated_at"]
    list_filter = ["kind", "language"]

    @admin.display(description=_("mail"), ordering="kind")
    def mail(self, obj: MailText) -> str:
        kind = texts.KINDS.get(obj.kind)
        return str(kind.label) if kind else obj.kind

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, str]:
        """Opened from the list with a mail and a language: the shipped text to start from."""
        initial = super().get_changeform_initial_data(request)
        kind = texts.KINDS.get(str(initial.get("kind", "")))
        language = str(initial.get("language", ""))
        if kind is not None and languages.is_configured(language):
            initial["subject"], initial["body"] = texts.default_text(kind, language)
        return initial

    def changelist_view(self, request, extra_context=None):  # type: ignore[no-untyped-def]
        own = {(row.kind, row.language): row.pk for row in MailText.objects.all()}
        rows = [
            (
                kind,
                [(code, own.get((kind.key, code))) for code in languages.published()],
            )
            for kind in texts.KINDS.values()
        ]
        return super().changelist_view(request, {"mail_rows": rows, **(extra_context or {})})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):  # type: ignore[no-untyped-def]
        form = context["adminform"].form
        kind = texts.KINDS.get(str(form["kind"].value() or ""))
        context["kind"] = kind
        if kind is not None:
            context["placeholders"] = [
                (name, texts.DESCRIPTIONS.get(name, ""), name in kind.required)
                for name in kind.placeholders
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        if request.method == "POST" and "_preview" in request.POST:
            return self._preview(request, object_id, form_url)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _preview(self, request: HttpRequest, object_id: str | None, form_url: str) -> HttpResponse:
        """The text as a mail with example values, without saving it; the form stays filled."""
        obj = self.get_object(request, object_id) if object_id else None
        if obj is None and object_id:
            raise Http404
        allowed = (
            self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        form = self.get_form(request, obj, change=obj is not None)(request.POST, instance=obj)
        preview = None
        if form.is_valid():
            kind = texts.KINDS[form.cleaned_data["kind"]]
            language = form.cleaned_data["language"]
            subject, text, html = texts.render(
                kind,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                context=texts.sample_context(kind),
            )
            preview = {"subject": subject, "text": text, "html": html, "language": language}
        fieldsets = list(self.get_fieldsets(request, obj))
        admin_form = helpers.AdminForm(
            form, fieldsets, {}, self.get_readonly_fields(request, obj), model_admin=self
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview"),
            "subtitle": None,
            "adminform": admin_form,
            "object_id": object_id,
            "original": obj,
            "is_popup": False,
            "to_field": None,
            "media": self.media + admin_form.media,
            "inline_admin_formsets": [],
            "errors": helpers.AdminErrorList(form, []),
            "preserved_filters": self.get_preserved_filters(request),
            "preview": preview,
        }
        return self.render_change_form(
            request, context, add=obj is None, change=obj is not None, obj=obj, form_url=form_url
        )
