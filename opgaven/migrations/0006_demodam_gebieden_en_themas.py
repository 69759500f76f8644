"""Seed the areas of Demodam with their CBS codes, and the themes (opgaven/gebieden.py)."""

from django.db import migrations

from opgaven.gebieden import zaaien


def seed(apps, schema_editor):
    zaaien(apps.get_model("opgaven", "Gebied"), apps.get_model("opgaven", "Thema"))


class Migration(migrations.Migration):
    dependencies = [("opgaven", "0005_rollen_zoeken_en_audittrail")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
