from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimonialsConfig(AppConfig):
    name = "testimonials"
    verbose_name = _("Testimonials")
    # Public pages show its rows: saving one refreshes them (core.caching).
    public_content = True
