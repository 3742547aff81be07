"""Organisations approved before source codes existed get one, as an approval gives it now
(their name as a short ASCII slug, numbered when taken). The rule is copied here so that
later changes to the service do not change what this migration did."""

import re

from django.db import migrations
from django.utils.text import slugify

MAX = 40


def _code(name, taken, fallback):
    base = re.sub(r"[-_]+", "-", slugify(name))[:MAX].strip("-") or fallback
    code, number = base, 1
    while code in taken:
        number += 1
        suffix = f"-{number}"
        code = base[: MAX - len(suffix)].rstrip("-") + suffix
    return code


def assign(apps, schema_editor):
    Organisation = apps.get_model("coalition", "Organisation")
    taken = set(
        Organisation.objects.exclude(source_code=None).values_list("source_code", flat=True)
    )
    for organisation in Organisation.objects.filter(
        status="approved", source_code=None
    ).order_by("pk"):
        code = _code(organisation.name, taken, f"partner-{organisation.pk}")
        taken.add(code)
        Organisation.objects.filter(pk=organisation.pk).update(source_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("coalition", "0005_partner_link"),
    ]

    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
