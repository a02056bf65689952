"""Load the rules known when Lantern was built: the NRM recovery period and tests, with dates."""

from django.db import migrations

from lantern.legal.rules import DEFAULT_RULES


def forwards(apps, schema_editor):
    LegalRule = apps.get_model("legal", "LegalRule")
    for rule in DEFAULT_RULES:
        LegalRule.objects.update_or_create(
            key=rule.key.value, in_force_from=rule.in_force_from,
            defaults={"value": rule.value, "source": rule.source},
        )


def backwards(apps, schema_editor):
    LegalRule = apps.get_model("legal", "LegalRule")
    for rule in DEFAULT_RULES:
        LegalRule.objects.filter(key=rule.key.value, in_force_from=rule.in_force_from,
                                 added_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
