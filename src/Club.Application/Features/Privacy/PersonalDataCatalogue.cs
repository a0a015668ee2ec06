namespace Club.Application.Features.Privacy;

/// <summary>What erasing a member does to a table's rows about them.</summary>
public enum Erasure
{
    /// <summary>The rows go: they serve only the member (sessions, codes, queued mail, subscriptions).</summary>
    Delete,

    /// <summary>
    /// The rows stay, kept as anonymous: they point at the member's anonymised profile, with
    /// <see cref="PersonalDataTable.PersonalColumns"/> erased, so amounts, registrations, sales and report
    /// totals stay consistent.
    /// </summary>
    Keep,
}

/// <summary>
/// One table that holds a member's data: the columns naming the member (any of them matches), an optional
/// condition for rows about the member that do not name them (<see cref="OwnedRowsSql"/>), and per column
/// what erasure does: <see cref="PersonalColumns"/> are erased (set to <see cref="ErasedValues"/>' value when
/// it has one, else to NULL or, for a NOT NULL column, the empty value of its type); <see cref="ErasedValues"/>
/// may also set columns that are not personal (an erased account's sign-in flags); every other column is
/// kept. <see cref="SecretColumns"/> are never exported.
/// </summary>
public sealed record PersonalDataTable(
    string Table,
    IReadOnlyList<string> MemberColumns,
    Erasure Erasure,
    IReadOnlyList<string>? PersonalColumns = null,
    IReadOnlyList<string>? SecretColumns = null,
    string? OwnedRowsSql = null,
    IReadOnlyDictionary<string, string>? ErasedValues = null)
{
    public IReadOnlyList<string> Personal => PersonalColumns ?? [];

    public IReadOnlyList<string> Secrets => SecretColumns ?? [];

    public IReadOnlyDictionary<string, string> Erased => ErasedValues ?? new Dictionary<string, string>();

    /// <summary>
    /// The condition for the member's rows, on the table aliased <c>t</c>, with <c>{0}</c> for the member id:
    /// the export and the erasure read the same rows.
    /// </summary>
    public string MemberRowsSql => string.Join(" OR ", MemberColumns.Select(c => $"t.{c} = {{0}}").Append(OwnedRowsSql).OfType<string>());
}

/// <summary>
/// Every table and column that names a member or holds their personal data: the one list "Download my
/// data" exports and account erasure (<see cref="AccountErasure"/>) works through. A test compares it with
/// the database's columns that reference users or members (and every *member_id*, *user_id*, buyer_id,
/// seller_id column), so a new table with a member id fails the build until it is listed here; the erasure
/// test dumps the whole database after an erasure and fails when a personal value is left anywhere.
/// docs/security.md, "Personal data".
/// </summary>
public static class PersonalDataCatalogue
{
    /// <summary>What an erased member's profile is called on staff pages and in reports.</summary>
    public const string AnonymousName = "—";

    public static IReadOnlyList<PersonalDataTable> Tables { get; } =
    [
        // The profile and the account stay as an anonymous "deleted member", so every other row keeps a
        // valid member id. No email, phone or password: nobody can sign in or reset into it, and a new
        // security stamp ends every session.
        new("members", ["id"], Erasure.Keep, ["full_name", "birthday", "birthday_changed_at", "city", "position"],
            ErasedValues: new Dictionary<string, string> { ["full_name"] = $"'{AnonymousName}'" }),
        new("users", ["id"], Erasure.Keep,
            ["email", "normalized_email", "user_name", "normalized_user_name", "phone_number", "password_hash", "security_stamp", "concurrency_stamp"],
            ["password_hash", "security_stamp", "concurrency_stamp"],
            ErasedValues: new Dictionary<string, string>
            {
                ["security_stamp"] = "gen_random_uuid()::text",
                ["concurrency_stamp"] = "gen_random_uuid()::text",
                ["email_confirmed"] = "false",
                ["phone_number_confirmed"] = "false",
                ["two_factor_enabled"] = "false",
                ["deactivated_at"] = "coalesce(deactivated_at, now())",
            }),
        new("user_roles", ["user_id"], Erasure.Keep),
        new("user_claims", ["user_id"], Erasure.Delete),
        new("user_logins", ["user_id"], Erasure.Delete),
        new("user_tokens", ["user_id"], Erasure.Delete, SecretColumns: ["value"]),
        new("phone_codes", ["member_id"], Erasure.Delete, ["phone"], ["code_hash"]),
        new("member_consents", ["member_id"], Erasure.Delete),
        new("consent_changes", ["member_id", "changed_by"], Erasure.Delete),
        // Kept after the erasure: the record that (and when) the account was erased.
        new("account_deletions", ["member_id", "recorded_by"], Erasure.Keep),

        // Items and what happened to them.
        new("tags", ["owner_member_id"], Erasure.Keep, SecretColumns: ["scratch_hash"]),
        new("item_owner_changes", ["from_member_id", "to_member_id", "changed_by"], Erasure.Keep, ["reason"]),
        new("item_losses", ["member_id"], Erasure.Delete, ["police_report"]),
        new("item_transfer_codes", ["from_member_id", "used_by"], Erasure.Delete, SecretColumns: ["code_hash"]),
        new("tag_scans", ["member_id"], Erasure.Keep, ["client_hash"], ["client_hash"]),
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
        new("leaderboard_standings", ["seller_id"], Erasure.Keep),
        // A posted order must keep an address (a check constraint): it becomes empty.
        new("gift_orders", ["member_id"], Erasure.Keep, ["address", "tracking_number"],
            ErasedValues: new Dictionary<string, string> { ["address"] = "''" }),
        // An order's history names who changed it (the member's name when they cancelled) and the tracking number.
        new("gift_order_events", [], Erasure.Keep, ["by", "note"],
            OwnedRowsSql: "t.order_id IN (SELECT o.id FROM gift_orders AS o WHERE o.member_id = {0})"),
        // The hidden status and its coupons: the partners' redemptions must still add up after an erasure.
        new("collector_statuses", ["member_id"], Erasure.Keep),
        new("collector_coupons", ["member_id", "redeemed_by"], Erasure.Keep),
        // The public tier and its history: a level and a figure, nothing that names the member but the id.
        new("member_tiers", ["member_id"], Erasure.Keep),
        new("member_tier_changes", ["member_id"], Erasure.Keep),

        // Activities and training. A survey answer names the seller it rates; the member's own answers are
        // found through their responses.
        new("survey_responses", ["member_id"], Erasure.Keep),
        new("survey_answers", ["seller_id"], Erasure.Keep, ["text"],
            OwnedRowsSql: "t.response_id IN (SELECT r.id FROM survey_responses AS r WHERE r.member_id = {0})"),
        new("contest_entries", ["member_id"], Erasure.Keep, ["text", "photo", "photo_content_type"]),
        new("social_claims", ["member_id"], Erasure.Keep, ["handle"]),
        new("lesson_reads", ["member_id"], Erasure.Keep),
        new("course_completions", ["member_id"], Erasure.Keep),
        new("test_attempts", ["member_id"], Erasure.Keep),
        new("referrals", ["friend_id", "referrer_id"], Erasure.Keep, SecretColumns: ["visitor_hash"]),
        new("referral_codes", ["member_id"], Erasure.Delete, SecretColumns: ["visitor_hash"]),

        // Mail, reports and the audit log: the log's trigger lets exactly its personal value and member id be cleared.
        new("mail_outbox", ["member_id"], Erasure.Delete, ["values", "last_error"]),
        new("report_subscriptions", ["member_id"], Erasure.Delete),
        new("audit_log", ["member_id"], Erasure.Keep, ["personal_value", "member_id"], ["actor_id", "actor_name", "client_address"]),

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
