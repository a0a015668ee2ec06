using System.Globalization;
using Club.Application.Features.Reports;
using Club.Web.Components;
using Club.Web.Components.Shared;
using Mediator;

namespace Club.Web.Reports;

/// <summary>
/// The report's query from the URL (page, print view and files read the same parameters, so they show
/// the same numbers), and the file downloads. Which partner is shown is decided by the query handler.
/// </summary>
public static class ReportAccess
{
    public const string Viewers = Club.Domain.Members.Roles.PartnerManager + "," + Club.Domain.Members.Roles.ProgramManager + "," + Club.Domain.Members.Roles.Admin;

    /// <summary>Dates as yyyy-MM-dd (the club's days); missing or unreadable ones default to this quarter so far.</summary>
    public static GetPartnerReportQuery Query(Guid viewer, DateOnly today, string? from, string? to, int? partner, string? sort, bool ascending)
    {
        var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        return new GetPartnerReportQuery(viewer, partner, Parse(from) ?? quarter, Parse(to) ?? today, sort, !ascending);
    }

    public static bool IsValid(GetPartnerReportQuery query) =>
        query.To >= query.From && query.To.DayNumber - query.From.DayNumber <= GetPartnerReportHandler.MaxDays;

    private static DateOnly? Parse(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/export.{format:regex(^(csv|xlsx)$)}", async (
                string format, string? from, string? to, int? partner, string? sort, bool? asc, string? rows, HttpContext http, IMediator mediator, ClubTime clock, CancellationToken cancellationToken) =>
            {
                var query = Query(http.User.MemberId(), clock.Today(), from, to, partner, sort, asc == true);
                if (!IsValid(query))
                {
                    return Results.BadRequest("Choose a period of up to 400 days, the end not before the start.");
                }

                var report = await mediator.Send(query, cancellationToken);
                var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "ru";
                http.Response.Headers.CacheControl = "no-store";
                var csvRows = ReportFiles.ParseRows(rows);
                return format == "csv"
                    ? Results.File(ReportFiles.ToCsv(report, culture, csvRows), "text/csv; charset=utf-8", ReportFiles.FileName(report, "csv", csvRows))
                    : Results.File(
                        ReportFiles.ToXlsx(report, culture), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ReportFiles.FileName(report, "xlsx"));
            })
            .RequireAuthorization(policy => policy.RequireRole(Club.Domain.Members.Roles.PartnerManager, Club.Domain.Members.Roles.ProgramManager, Club.Domain.Members.Roles.Admin));
    }
}
