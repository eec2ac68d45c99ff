"""Improvement actions made before actions recorded their agency: the agency of the return whose
answer made the action."""

from django.db import migrations


def backfill(apps, schema_editor):
    Action = apps.get_model("actions", "Action")
    Answer = apps.get_model("audits", "Answer")
    pairs = Answer.objects.filter(action__isnull=False, action__agency__isnull=True).values_list(
        "action_id", "submission__agency_id"
    )
    for action_id, agency_id in pairs.iterator():
        Action.objects.filter(pk=action_id).update(agency_id=agency_id)


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0004_action_agency"),
        ("audits", "0006_results_token_and_submission_indexes"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
