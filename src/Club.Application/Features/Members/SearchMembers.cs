using System.Globalization;
using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Members;

/// <summary>
/// The member desk's search: one box for a name (typos forgiven, ё = е), an email or its beginning
/// (anything with an @), a phone, an item's serial or a gift order number. <paramref name="Page"/> counts from 0.
/// </summary>
public sealed record SearchMembersQuery(string? Text, int Page = 0) : IQuery<MemberSearchResult>;

public enum MemberMatch
{
    Name,
    Email,
    Phone,
    Serial,
    OrderNumber,
}

public sealed record MemberSearchResult(MemberMatch? MatchedBy, IReadOnlyList<MemberHit> Members, bool HasMore);

public sealed record MemberHit(Guid Id, string FullName, string? Email, string? Phone, string? City, DateTimeOffset JoinedAt);

public sealed class SearchMembersHandler(IClubDbFactory dbFactory, ITagCodes codes) : IQueryHandler<SearchMembersQuery, MemberSearchResult>
{
    public const int PageSize = 20;
    public const int MaxTextLength = 100;

    /// <summary>Shorter names give too few trigrams to tell people apart.</summary>
    public const int MinNameLength = 3;

    /// <summary>How alike a typed name and a member's name must be (pg_trgm word similarity, 0 to 1).</summary>
    public const double NameThreshold = 0.45;

    public async ValueTask<MemberSearchResult> Handle(SearchMembersQuery query, CancellationToken cancellationToken)
    {
        var text = query.Text?.Trim() ?? "";
        if (text.Length == 0 || text.Length > MaxTextLength)
        {
            return new(null, [], false);
        }

        var page = Math.Clamp(query.Page, 0, 1_000);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var (match, ids) = await FindAsync(db, text, page, cancellationToken);
        var rows = await db.Database.SqlQuery<MemberHit>($"""
            SELECT m.id, m.full_name, u.email, u.phone_number AS phone, m.city, m.joined_at
            FROM unnest({ids.ToArray()}::uuid[]) WITH ORDINALITY AS f(id, n)
            JOIN members m ON m.id = f.id JOIN users u ON u.id = m.id
            ORDER BY f.n
            """).ToListAsync(cancellationToken);
        return new(match, rows.Take(PageSize).ToList(), rows.Count > PageSize);
    }

    /// <summary>What the text is, and the ids of the page's members (one more than a page: is there a next one?).</summary>
    private async Task<(MemberMatch? Match, List<Guid> Ids)> FindAsync(IClubDb db, string text, int page, CancellationToken cancellationToken)
    {
        if (text.Contains('@'))
        {
            // An address or its beginning ("ivanova@", "ivanova@gm"): a range of the e-mail index, which in
            // the database's code-point order (C.UTF-8, docs/operations.md) holds every address with that
            // prefix together; the left() check keeps the answer exact under any other collation.
            var prefix = text.ToUpperInvariant();
            var after = prefix + char.ConvertFromUtf32(0x10FFFF);
            return (MemberMatch.Email, await db.Database.SqlQuery<Guid>($"""
                SELECT id AS "Value" FROM users
                WHERE normalized_email >= {prefix} AND normalized_email < {after} AND left(normalized_email, {prefix.Length}) = {prefix}
                ORDER BY normalized_email, id
                LIMIT {PageSize + 1} OFFSET {page * PageSize}
                """).ToListAsync(cancellationToken));
        }

        if (codes.TryDecodeSerial(text, out var tagId) is SerialCheck.Valid)
        {
            return (MemberMatch.Serial, await db.Tags.Where(t => t.Id == tagId && t.OwnerMemberId != null)
                .Select(t => t.OwnerMemberId!.Value).ToListAsync(cancellationToken));
        }

        var digits = text.TrimStart('#', '№').Trim();
        if (digits.Length is > 0 and <= 9 && digits.All(char.IsAsciiDigit))
        {
            var order = long.Parse(digits, CultureInfo.InvariantCulture);
            return (MemberMatch.OrderNumber, await db.GiftOrders.Where(o => o.Id == order).Select(o => o.MemberId).ToListAsync(cancellationToken));
        }

        if (PhoneNumber.TryNormalize(text, out var phone))
        {
            return (MemberMatch.Phone, await db.Database.SqlQuery<Guid>(
                $"SELECT id AS \"Value\" FROM users WHERE phone_number = {phone}").ToListAsync(cancellationToken));
        }

        if (text.Length < MinNameLength)
        {
            return (MemberMatch.Name, []);
        }

        // Word similarity (<%): the typed words against the closest words of the name, answered by the
        // trigram index; the best matches first, then by name so pages are stable. The threshold is
        // lowered for this transaction only: one wrong letter in a seven-letter surname scores about 0.5.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"SELECT set_config('pg_trgm.word_similarity_threshold', {NameThreshold.ToString(CultureInfo.InvariantCulture)}, true)", cancellationToken);
        return (MemberMatch.Name, await db.Database.SqlQuery<Guid>($"""
            SELECT m.id AS "Value"
            FROM members m
            WHERE member_search_key({text}) <% member_search_key(m.full_name)
            ORDER BY word_similarity(member_search_key({text}), member_search_key(m.full_name)) DESC, m.full_name, m.id
            LIMIT {PageSize + 1} OFFSET {page * PageSize}
            """).ToListAsync(cancellationToken));
    }
}
