"""On PostgreSQL, the database itself refuses to change or delete audit rows."""

from django.db import migrations

TABLES = ["sanctuary_auditevent", "sanctuary_accesslog"]

FUNCTION = """
CREATE OR REPLACE FUNCTION sanctuary_reject_audit_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        # A plain cursor: the function body's % signs are not query parameters.
        cursor.execute(FUNCTION)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION sanctuary_reject_audit_change();"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS sanctuary_reject_audit_change();")


class Migration(migrations.Migration):
    dependencies = [("sanctuary", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
