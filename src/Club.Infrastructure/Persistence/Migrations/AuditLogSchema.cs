namespace Club.Infrastructure.Persistence.Migrations;

/// <summary>
/// The audit log is append-only like the ledger, with one exception: erasing a member may clear a row's
/// personal value and member id (docs/operations.md, "Audit log"). Any other UPDATE, any DELETE or TRUNCATE
/// is refused by the database itself, whoever sends it.
/// </summary>
internal static class AuditLogSchema
{
    public const string AppendOnly = """
        CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            -- Nested: NEW and OLD exist only for row-level UPDATE.
            IF TG_OP = 'UPDATE' THEN
                IF NEW.personal_value IS NULL
                   AND (NEW.member_id IS NULL OR NEW.member_id = OLD.member_id)
                   AND (NEW.id, NEW.at, NEW.actor_id, NEW.actor_name, NEW.client_address, NEW.action,
                        NEW.entity_type, NEW.entity_id, NEW.before, NEW.after)
                       IS NOT DISTINCT FROM
                       (OLD.id, OLD.at, OLD.actor_id, OLD.actor_name, OLD.client_address, OLD.action,
                        OLD.entity_type, OLD.entity_id, OLD.before, OLD.after)
                THEN
                    RETURN NEW;
                END IF;
            END IF;
            RAISE EXCEPTION 'audit_log is append-only; only a member''s personal value and id may be cleared';
        END $$;
        CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
        """;

    public const string DropAppendOnly = """
        DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
        DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
        DROP FUNCTION IF EXISTS audit_log_append_only();
        """;
}
