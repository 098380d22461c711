"""Immutability enforced by the database itself (PostgreSQL triggers).

The services and models already refuse to change locked or archived data; these triggers make a direct
SQL `UPDATE`/`DELETE` (psql, a script, a bug in a future code path) fail the same way:

- every history row (django-simple-history tables): never updated, never deleted;
- an archived document (`documents_archiveddocument`, with its file's SHA-256): never updated, never deleted;
- the rows of a locked measurement form (`measurement_realisasi`, `measurement_budgetrealisasi`, their
  `measurement_evidence`) while the form is `dikunci`; an evidence file's hash, path and size never change;
- a locked form (`measurement_unitsubmission` in state `dikunci`) changes only by the revision path: back to
  a draft with the next version number;
- a locked version's snapshot (`measurement_submissionversion`) is never deleted and its data never rewritten.

Maintenance (tests' clean-up of committed rows, an administrator's documented repair) runs inside
`with bypass():`, which switches the guards off for one transaction only (SET LOCAL) and is itself visible in
the code that uses it. One exception everywhere: a foreign key declared `on_delete=SET_NULL` (who did it,
when that user account is deleted) may become NULL, so deleting a user keeps working and the row keeps everything else.

The triggers are (re)installed after every `migrate` (post_migrate, idempotent), which also covers the test
databases built with --nomigrations. Legitimate paths are untouched: a revision writes a new version, the demo
loader only inserts or edits unlocked rows, and the test harness empties tables with TRUNCATE (row triggers do
not fire). SQLite keeps the ORM guards only. See docs/security.md.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.apps import apps
from django.db import connections, models, transaction
from simple_history.models import HistoricalChanges

# Raised with SQLSTATE 23000 so Django reports an IntegrityError (handled like any refused write).
FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION sakip_only_set_null(old_row jsonb, new_row jsonb, nullable text[]) RETURNS boolean AS $$
DECLARE col text;
BEGIN
  -- True when the only changes are SET_NULL foreign keys becoming NULL.
  FOREACH col IN ARRAY coalesce(nullable, '{}'::text[]) LOOP
    IF new_row -> col = 'null'::jsonb THEN
      old_row := old_row - col;
      new_row := new_row - col;
    END IF;
  END LOOP;
  RETURN old_row = new_row;
END $$ LANGUAGE plpgsql IMMUTABLE;

CREATE OR REPLACE FUNCTION sakip_guards_off() RETURNS boolean AS $$
  SELECT coalesce(current_setting('sakip.guards_off', true), '') = 'on'
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION sakip_refuse_change() RETURNS trigger AS $$
BEGIN
  IF sakip_guards_off() THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'UPDATE' AND sakip_only_set_null(to_jsonb(OLD), to_jsonb(NEW), TG_ARGV::text[]) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'sakip: % pada % ditolak: data ini tidak dapat diubah atau dihapus', TG_OP, TG_TABLE_NAME
    USING ERRCODE = '23000';
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION sakip_refuse_when_locked() RETURNS trigger AS $$
DECLARE locked boolean;
BEGIN
  IF sakip_guards_off() THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  -- TG_ARGV[0]: SQL that tells from OLD whether the row belongs to a locked form; the rest: SET_NULL columns.
  EXECUTE TG_ARGV[0] INTO locked USING OLD;
  IF NOT coalesce(locked, false) THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'UPDATE' AND sakip_only_set_null(to_jsonb(OLD), to_jsonb(NEW), TG_ARGV[1:]::text[]) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'sakip: % pada % ditolak: data yang dikunci hanya berubah melalui revisi yang disetujui',
    TG_OP, TG_TABLE_NAME USING ERRCODE = '23000';
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION sakip_guard_locked_submission() RETURNS trigger AS $$
BEGIN
  IF OLD.state <> 'dikunci' OR sakip_guards_off() THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_OP = 'UPDATE' AND (
       (NEW.state = 'draft' AND NEW.version = OLD.version + 1)  -- an approved revision opens the next version
       OR sakip_only_set_null(to_jsonb(OLD), to_jsonb(NEW), TG_ARGV::text[])) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'sakip: % pada % ditolak: formulir yang dikunci hanya dibuka melalui revisi yang disetujui',
    TG_OP, TG_TABLE_NAME USING ERRCODE = '23000';
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION sakip_guard_evidence_file() RETURNS trigger AS $$
BEGIN
  IF sakip_guards_off() THEN
    RETURN NEW;
  END IF;
  IF NEW.sha256 IS DISTINCT FROM OLD.sha256 OR NEW.file IS DISTINCT FROM OLD.file
     OR NEW.size IS DISTINCT FROM OLD.size THEN
    RAISE EXCEPTION 'sakip: berkas bukti dukung dan hash-nya tidak dapat diubah' USING ERRCODE = '23000';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
"""

LOCKED_SQL = {
    "measurement.Realisasi": "SELECT EXISTS (SELECT 1 FROM measurement_unitsubmission s "
    "WHERE s.id = ($1).submission_id AND s.state = 'dikunci')",
    "measurement.BudgetRealisasi": "SELECT EXISTS (SELECT 1 FROM measurement_unitsubmission s "
    "WHERE s.id = ($1).submission_id AND s.state = 'dikunci')",
    "measurement.Evidence": "SELECT EXISTS (SELECT 1 FROM measurement_realisasi r "
    "JOIN measurement_unitsubmission s ON s.id = r.submission_id "
    "WHERE r.id = ($1).realisasi_id AND s.state = 'dikunci')",
}
ALWAYS_IMMUTABLE = ["documents.ArchivedDocument", "measurement.SubmissionVersion"]


def _set_null_columns(model) -> list[str]:
    return [
        f.column
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.remote_field.on_delete is models.SET_NULL
    ]


def _args(values) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def history_models():
    return [m for m in apps.get_models() if issubclass(m, HistoricalChanges) and not m._meta.proxy]


def statements() -> list[str]:
    out = [FUNCTIONS]

    def trigger(model, name, function, args, events="UPDATE OR DELETE"):
        table = model._meta.db_table
        out.append(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
        out.append(
            f'CREATE TRIGGER {name} BEFORE {events} ON "{table}" FOR EACH ROW EXECUTE FUNCTION {function}({args})'
        )

    for model in history_models():
        trigger(model, "sakip_history_immutable", "sakip_refuse_change", _args(_set_null_columns(model)))
    for label in ALWAYS_IMMUTABLE:
        model = apps.get_model(label)
        trigger(model, "sakip_immutable", "sakip_refuse_change", _args(_set_null_columns(model)))
    for label, sql in LOCKED_SQL.items():
        model = apps.get_model(label)
        trigger(model, "sakip_locked", "sakip_refuse_when_locked", _args([sql, *_set_null_columns(model)]))
    evidence = apps.get_model("measurement.Evidence")
    trigger(evidence, "sakip_evidence_file", "sakip_guard_evidence_file", "", events="UPDATE")
    submission = apps.get_model("measurement.UnitSubmission")
    trigger(
        submission, "sakip_locked_submission", "sakip_guard_locked_submission", _args(_set_null_columns(submission))
    )
    return out


def install(using="default") -> bool:
    """Install or refresh the triggers on a PostgreSQL database; a no-op elsewhere (SQLite: ORM guards)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        for sql in statements():
            cursor.execute(sql)
    return True


def on_post_migrate(sender, using="default", **kwargs):
    install(using)


@contextmanager
def bypass(using="default"):
    """Switch the triggers off for the current transaction only (maintenance and test clean-up)."""
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor != "postgresql":
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL sakip.guards_off = 'on'")
        try:
            yield
        finally:  # inside an outer transaction (a savepoint) the setting would outlive the block
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL sakip.guards_off = 'off'")
