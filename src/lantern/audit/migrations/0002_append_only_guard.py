"""Make the database itself refuse UPDATE and DELETE on audit events, and start the chain."""

from django.db import migrations

from lantern.audit.append_only import guard_install, guard_remove


def forwards(apps, schema_editor):
    guard_install(schema_editor.connection)
    apps.get_model("audit", "AuditChainHead").objects.get_or_create(pk=1)


def backwards(apps, schema_editor):
    guard_remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
