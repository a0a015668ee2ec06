using System.Globalization;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// One page of a list read by cursor (keyset): the rows after the cursor in a fixed order, and the cursor
/// of the next page (null on the last). A cursor is opaque to partners; rows added meanwhile are not skipped.
/// </summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class ApiPaging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>The rows past the limit tell whether there is a next page: the query reads limit + 1.</summary>
    public static ApiPage<T> Page<T>(List<T> rows, int limit, Func<T, string> cursorOf) =>
        rows.Count > limit ? new ApiPage<T>(rows[..limit], cursorOf(rows[limit - 1])) : new ApiPage<T>(rows, null);

    /// <summary>A cursor made of a row id; false for anything else (the endpoint answers with a problem).</summary>
    public static bool TryParseIdCursor(string? cursor, out long after)
    {
        after = 0;
        return string.IsNullOrEmpty(cursor) || (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after) && after >= 0);
    }

    public static string IdCursor(long id) => id.ToString(CultureInfo.InvariantCulture);
}
