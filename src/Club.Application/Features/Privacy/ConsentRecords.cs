using Club.Domain.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Club.Application.Features.Privacy;

/// <summary>
/// The only statements that write <c>member_consents</c> and its history <c>consent_changes</c>, and the
/// one test of a consent other features read (the mail writer's marketing check, the partner API's
/// member lookup). A change that changes nothing (ticking what is ticked) writes no history.
/// </summary>
public static class ConsentRecords
{
    /// <summary>
    /// SQL that is true when the member in <paramref name="memberIdSql"/> has granted
    /// <paramref name="kind"/> (a constant of <see cref="ConsentKinds"/>, never user input).
    /// </summary>
    public static string GrantedSql(string memberIdSql, string kind) =>
        $"EXISTS (SELECT 1 FROM member_consents AS granted WHERE granted.member_id = {memberIdSql} AND granted.kind = '{kind}' AND granted.granted)";

    public static async Task<bool> IsGrantedAsync(DatabaseFacade database, Guid memberId, string kind, CancellationToken cancellationToken) =>
        await database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM member_consents WHERE member_id = {memberId} AND kind = {kind} AND granted) AS "Value"
            """).SingleAsync(cancellationToken);

    /// <summary>
    /// Sets one consent and records the change, in the caller's transaction if there is one; returns
    /// whether anything changed. <paramref name="version"/> is the accepted document's version (rules, privacy).
    /// </summary>
    public static async Task<bool> SetAsync(
        DatabaseFacade database, Guid memberId, string kind, bool granted, int? version, string source, Guid? changedBy,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One statement: the upsert only counts when the answer or version differs, and the history row follows it.
        var changed = await database.ExecuteSqlAsync($"""
            WITH changed AS (
                INSERT INTO member_consents (member_id, kind, granted, version, changed_at, source)
                VALUES ({memberId}, {kind}, {granted}, {version}, {now}, {source})
                ON CONFLICT (member_id, kind) DO UPDATE
                    SET granted = excluded.granted, version = excluded.version, changed_at = excluded.changed_at, source = excluded.source
                    WHERE member_consents.granted IS DISTINCT FROM excluded.granted OR member_consents.version IS DISTINCT FROM excluded.version
                RETURNING member_id)
            INSERT INTO consent_changes (member_id, kind, granted, version, changed_at, source, changed_by)
            SELECT member_id, {kind}, {granted}, {version}, {now}, {source}, {changedBy} FROM changed
            """, cancellationToken);
        return changed > 0;
    }

    /// <summary>The latest published version of each document (kind → version); a kind without one is missing.</summary>
    public static async Task<Dictionary<string, int>> LatestVersionsAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        (await database.SqlQuery<KindVersion>($"""
            SELECT kind AS "Kind", max(version) AS "Version" FROM legal_documents GROUP BY kind
            """).ToListAsync(cancellationToken)).ToDictionary(k => k.Kind, k => k.Version);

    /// <summary>
    /// The sign-up's consents: the current rules and privacy policy, the marketing consent as ticked, and no
    /// partner lookup (a member opts in to that in the cabinet).
    /// </summary>
    public static async Task RecordSignUpAsync(DatabaseFacade database, Guid memberId, bool marketing, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (kind, version) in await LatestVersionsAsync(database, cancellationToken))
        {
            await SetAsync(database, memberId, kind, true, version, ConsentSources.SignUp, null, now, cancellationToken);
        }

        await SetAsync(database, memberId, ConsentKinds.Marketing, marketing, null, ConsentSources.SignUp, null, now, cancellationToken);
        await SetAsync(database, memberId, ConsentKinds.PartnerLookup, false, null, ConsentSources.SignUp, null, now, cancellationToken);
    }

    private sealed record KindVersion(string Kind, int Version);
}
