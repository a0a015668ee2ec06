namespace Club.Application.Features.Privacy;

/// <summary>What erasing a member does to a table's rows about them.</summary>
public enum Erasure
{
    /// <summary>The rows go: they serve only the member (sessions, codes, queued mail, subscriptions).</summary>
    Delete,

    /// <summary>
    /// The rows stay, pointing at the member's anonymised profile, with <see cref="PersonalDataTable.PersonalColumns"/>
    /// cleared: amounts, registrations, sales and report totals stay consistent.
    /// </summary>
    Keep,
}

/// <summary>
/// One table that holds a member's data: the columns naming the member (any of them matches), the columns
/// holding personal values (cleared on erasure), the columns never exported (secrets), and an optional
/// filter for rows that are about the member without naming them (scans of their items).
/// </summary>
public sealed record PersonalDataTable(
    string Table,
    IReadOnlyList<string> MemberColumns,
    Erasure Erasure,
    IReadOnlyList<string>? PersonalColumns = null,
    IReadOnlyList<string>? SecretColumns = null)
{
    public IReadOnlyList<string> Personal => PersonalColumns ?? [];

    public IReadOnlyList<string> Secrets => SecretColumns ?? [];
}

/// <summary>
/// Every table and column that names a member or holds their personal data: the one list "Download my
/// data" exports and account erasure works through. A test compares it with the database's columns that
/// reference users or members (and every *member_id*, *user_id*, buyer_id, seller_id column), so a new
/// table with a member id fails the build until it is listed here. docs/security.md, "Personal data".
/// </summary>
public static class PersonalDataCatalogue
{
    public static IReadOnlyList<PersonalDataTable> Tables { get; } =
    [
        // The profile and the account. Erasure anonymises these two rows instead (AccountErasure), so every
        // other row keeps a valid member id.
        new("members", ["id"], Erasure.Keep, ["full_name", "birthday", "city", "position"]),
        new("users", ["id"], Erasure.Keep, ["email", "normalized_email", "user_name", "normalized_user_name", "phone_number"],
            ["password_hash", "security_stamp", "concurrency_stamp"]),
        new("user_roles", ["user_id"], Erasure.Keep),
        new("user_claims", ["user_id"], Erasure.Delete),
        new("user_logins", ["user_id"], Erasure.Delete),
        new("user_tokens", ["user_id"], Erasure.Delete, SecretColumns: ["value"]),
        new("phone_codes", ["member_id"], Erasure.Delete, ["phone"], ["code_hash"]),
        new("member_consents", ["member_id"], Erasure.Delete),
        new("consent_changes", ["member_id", "changed_by"], Erasure.Delete),

        // Items and what happened to them.
        new("tags", ["owner_member_id"], Erasure.Keep, SecretColumns: ["scratch_hash"]),
        new("item_owner_changes", ["from_member_id", "to_member_id", "changed_by"], Erasure.Keep, ["reason"]),
        new("item_losses", ["member_id"], Erasure.Delete, ["police_report"]),
        new("item_transfer_codes", ["from_member_id", "used_by"], Erasure.Delete, SecretColumns: ["code_hash"]),
        new("tag_scans", ["member_id"], Erasure.Keep, SecretColumns: ["client_hash"]),
        new("tag_reports", ["member_id"], Erasure.Keep, ["contact", "message", "bought_where", "reply", "staff_notes"]),

        // Points, sales and orders: amounts stay, so the ledger and the reports still add up.
        new("points_entries", ["member_id"], Erasure.Keep),
        new("points_lots", ["member_id"], Erasure.Keep),
        new("points_balances", ["member_id", "member_ref"], Erasure.Keep),
        new("points_adjustments", ["member_id", "requested_by", "decided_by"], Erasure.Keep, ["comment"]),
        new("sales", ["buyer_id", "seller_id"], Erasure.Keep),
        new("seller_cards", ["seller_id"], Erasure.Delete, SecretColumns: ["code"]),
        new("seller_decisions", ["seller_id", "decided_by"], Erasure.Keep, ["note"]),
        new("shop_change_requests", ["seller_id", "decided_by"], Erasure.Keep),
        new("gift_orders", ["member_id"], Erasure.Keep, ["address", "tracking_number"]),
        // The hidden status and its coupons: the partners' redemptions must still add up after an erasure.
        new("collector_statuses", ["member_id"], Erasure.Keep),
        new("collector_coupons", ["member_id", "redeemed_by"], Erasure.Keep),

        // Activities and training.
        new("survey_responses", ["member_id"], Erasure.Keep),
        new("survey_answers", ["seller_id"], Erasure.Keep, ["text"]),
        new("contest_entries", ["member_id"], Erasure.Keep, ["text", "photo", "photo_content_type"]),
        new("social_claims", ["member_id"], Erasure.Keep, ["handle"]),
        new("lesson_reads", ["member_id"], Erasure.Keep),
        new("course_completions", ["member_id"], Erasure.Keep),
        new("test_attempts", ["member_id"], Erasure.Keep),

        // Mail, reports and the audit log (whose member columns AuditErasure clears).
        new("mail_outbox", ["member_id"], Erasure.Delete, ["values", "last_error"]),
        new("report_subscriptions", ["member_id"], Erasure.Delete),
        new("audit_log", ["member_id"], Erasure.Keep, ["personal_value"], ["actor_id", "actor_name", "client_address"]),

        // Staff columns: who published, created or decided something; the rows are the club's, not the member's.
        new("legal_documents", ["published_by"], Erasure.Keep),
        new("scan_alerts", ["acknowledged_by"], Erasure.Keep),
        new("sale_suspicions", ["reviewed_by"], Erasure.Keep),
    ];

    /// <summary>
    /// Rows about the member that do not name them, exported beside the tables: the scans of the items
    /// they own (when and what the page said, without the visitors' fingerprints).
    /// </summary>
    public const string ScansOfMyItemsSql =
        "SELECT s.scanned_at, s.verdict, s.tag_id FROM tag_scans AS s WHERE s.tag_id IN (SELECT t.id FROM tags AS t WHERE t.owner_member_id = {0}) ORDER BY s.scanned_at";
}
