using System.Globalization;
using Club.Application.Features.Audit;

namespace Club.Web.Components.Pages.Audit;

/// <summary>The audit page's query string (shared with its CSV export): dates are yyyy-MM-dd in the club's time zone.</summary>
public static class AuditFilter
{
    public static ListAuditLogQuery Query(string? actor, string? type, string? id, string? from, string? to, int page) =>
        new(Trim(actor), Trim(type), Trim(id), Day(from), Day(to), Math.Max(1, page));

    /// <summary>True when a date was typed but is not a date: the page says so instead of ignoring it silently.</summary>
    public static bool IsBadDay(string? text) => !string.IsNullOrWhiteSpace(text) && Day(text) is null;

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, 200)];
}
