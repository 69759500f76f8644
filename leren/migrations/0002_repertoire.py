"""Seed the default handelingsrepertoire (``leren/repertoire.py``)."""

from django.db import migrations


def zaaien(apps, schema_editor):
    from leren.repertoire import REPERTOIRE

    Competentie = apps.get_model("leren", "Competentie")
    for volgorde, competentie in enumerate(REPERTOIRE, start=1):
        Competentie.objects.update_or_create(
            slug=competentie["slug"], defaults={**competentie, "volgorde": volgorde}
        )


class Migration(migrations.Migration):
    dependencies = [("leren", "0001_leren")]

    operations = [migrations.RunPython(zaaien, migrations.RunPython.noop)]
