from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from newsletter import selectors, services
from newsletter.models import Delivery, Subscription, Update, UpdateTranslation
from newsletter.selectors import subscription_counts_by_language
from outbox.services import render_message


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Counts only: the address is sealed and the admin shows no personal data (not even
    the keyed hash)."""

    change_list_template = "admin/newsletter/subscription/change_list.html"
    list_display = ["__str__", "language", "is_confirmed", "created_at", "confirmed_at"]
    list_filter = ["language", ("confirmed_at", admin.EmptyFieldListFilter)]
    fields = ["language", "consent_version", "created_at", "confirmed_at"]
    readonly_fields = fields
    ordering = ["-created_at"]
    show_full_result_count = False

    @admin.display(boolean=True, description=_("confirmed"))
    def is_confirmed(self, obj: Subscription) -> bool:
        return obj.confirmed_at is not None

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def changelist_view(self, request, extra_context=None):  # type: ignore[no-untyped-def]
        counts = subscription_counts_by_language()
        extra_context = {
            **(extra_context or {}),
            "language_counts": counts,
            "total_confirmed": sum(row["confirmed"] for row in counts),
            "total_unconfirmed": sum(row["unconfirmed"] for row in counts),
        }
        return super().changelist_view(request, extra_context=extra_context)


class UpdateTranslationForm(forms.ModelForm):
    """The language is picked from the languages the site serves (no choices on the model:
    a new language needs no migration)."""

    language = forms.ChoiceField(label=_("language"), choices=())

    class Meta:
        model = UpdateTranslation
        fields = ["language", "subject", "body", "call_to_action_label"]

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


class UpdateTranslationInline(admin.StackedInline):
    model = UpdateTranslation
    form = UpdateTranslationForm
    extra = 1


class SendForm(forms.Form):
    language = forms.ChoiceField(label=_("Send to the subscribers of"), required=False)

    def __init__(self, *args, languages: list[str], **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["language"].choices = [
            ("", _("every language it is written in (each in their own)")),
            *[(code, names.get(code, code)) for code in languages],
        ]

    fallback = forms.BooleanField(
        label=_(
            "Also send it to the subscribers of the other languages, each in the first "
            "language along their language's fallback (in the end English, then the source "
            "language)"
        ),
        required=False,
    )


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    """Write an update in each language, preview it, mail it to yourself, then send it. Only
    staff with the "send updates" permission may preview, test and send."""

    change_form_template = "admin/newsletter/update/change_form.html"
    inlines = [UpdateTranslationInline]
    list_display = ["name", "languages", "progress", "created_at"]
    fields = ["name", "call_to_action_url"]

    @admin.display(description=_("languages"))
    def languages(self, obj: Update) -> str:
        return ", ".join(sorted(obj.translations.values_list("language", flat=True)))

    @admin.display(description=_("queued / sending / sent / failed"))
    def progress(self, obj: Update) -> str:
        counts = obj.deliveries.counts()
        return " / ".join(str(counts[status]) for status in Delivery.Status.values)

    def get_urls(self):  # type: ignore[no-untyped-def]
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview/<str:language>/",
                view(self.preview_view),
                name="newsletter_update_preview",
            ),
            path("<int:pk>/test/", view(self.test_view), name="newsletter_update_test"),
            path("<int:pk>/send/", view(self.send_view), name="newsletter_update_send"),
            *super().get_urls(),
        ]

    def _may_send(self, request: HttpRequest) -> bool:
        return request.user.has_perm("newsletter.send_update")

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        update = self.get_object(request, object_id)
        extra = {"may_send": self._may_send(request)}
        if update is not None:
            extra["counts"] = update.deliveries.counts()
            extra["texts"] = list(update.translations.order_by("language"))
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def preview_view(self, request: HttpRequest, pk: int, language: str) -> HttpResponse:
        """The update's HTML mail as the subscribers of `language` will see it."""
        if not self._may_send(request):
            raise PermissionDenied
        text = get_object_or_404(UpdateTranslation, update_id=pk, language=language)
        context = services.update_mail_context(translation=text, unsubscribe_url="#unsubscribe")
        # Written as the worker writes it (with the campaign's own footer, if it has one).
        message = render_message(
            template=services.MAIL_UPDATE,
            language=language,
            payload={"to": "preview@localhost", "context": context, "headers": {}},
        )
        return HttpResponse(message.alternatives[0][0])

    @method_decorator(require_POST)
    def test_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Mail the update in one language to the campaigner's own address."""
        if not self._may_send(request):
            raise PermissionDenied
        text = get_object_or_404(
            UpdateTranslation, update_id=pk, language=request.POST.get("language", "")
        )
        address = getattr(request.user, "email", "")
        if not address:
            self.message_user(
                request, _("Your account has no email address to send the test to."), messages.ERROR
            )
        else:
            services.update_send_test(translation=text, recipient=address)
            self.message_user(
                request,
                _("A test mail in %(language)s is on its way to %(address)s.")
                % {"language": text.language, "address": address},
                messages.SUCCESS,
            )
        return redirect("admin:newsletter_update_send", pk)

    def send_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Shows who would receive it per language; the POST queues it for them."""
        if not self._may_send(request):
            raise PermissionDenied
        update = get_object_or_404(Update, pk=pk)
        languages = sorted(update.translations.values_list("language", flat=True))
        form = SendForm(request.POST or None, languages=languages)
        if request.method == "POST" and form.is_valid():
            number = services.update_queue(
                update=update,
                language=form.cleaned_data["language"] or None,
                fallback=form.cleaned_data["fallback"],
            )
            self.message_user(
                request,
                ngettext(
                    "%d subscriber queued; the worker sends at the configured rate.",
                    "%d subscribers queued; the worker sends at the configured rate.",
                    number,
                )
                % number,
                messages.SUCCESS,
            )
            return redirect("admin:newsletter_update_change", pk)
        audience = selectors.subscription_counts_mailable(languages=languages)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": update,
            "title": _("Send “%(name)s”") % {"name": update.name},
            "form": form,
            "audience": audience,
            "unwritten": selectors.subscription_counts_unwritten(languages=languages),
            "rate": settings.UPDATE_MAILS_PER_MINUTE,
        }
        return TemplateResponse(request, "admin/newsletter/update/send.html", context)
