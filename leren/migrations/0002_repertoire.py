"""Seed the default handelingsrepertoire (``leren/repertoire.py``)."""

from django.db import migrations


def zaaien(apps, schema_editor):
    from leren.repertoire import zaaien as repertoire_zaaien

    repertoire_zaaien(apps.get_model("leren", "Competentie"))


class Migration(migrations.Migration):
    dependencies = [("leren", "0001_leren")]

    operations = [migrations.RunPython(zaaien, migrations.RunPython.noop)]
