"""Load the reference organisations: 43 territorial forces, BTP, ROCUs, national units, partners."""

from django.db import migrations

from lantern.accounts.reference_data import organisations_load, organisations_unload


def forwards(apps, schema_editor):
    organisations_load(apps.get_model("accounts", "Organisation"))


def backwards(apps, schema_editor):
    organisations_unload(apps.get_model("accounts", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
