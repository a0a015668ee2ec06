using System.Globalization;
using System.Text;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Members;
using Club.Web.Components.Pages.Audit;
using Mediator;

namespace Club.Web.Endpoints;

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        // The audit page's current filter as CSV (UTF-8 with BOM so Excel reads Cyrillic); times in UTC, ISO 8601.
        app.MapGet("/manage/audit.csv", async (string? actor, string? type, string? id, string? from, string? to, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var query = AuditFilter.Query(actor, type, id, from, to, 1) with { PageSize = ListAuditLogQuery.MaxExportRows };
            var page = await mediator.Send(query, cancellationToken);
            var csv = new StringBuilder("id,at_utc,actor,client_address,action,entity_type,entity_id,before,after,member_id,personal_value\r\n");
            foreach (var row in page.Rows)
            {
                csv.AppendJoin(',', [
                    row.Id.ToString(CultureInfo.InvariantCulture), row.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    CsvText.Quote(row.Actor), CsvText.Quote(row.ClientAddress), CsvText.Quote(row.Action), CsvText.Quote(row.EntityType),
                    CsvText.Quote(row.EntityId), CsvText.Quote(row.Before), CsvText.Quote(row.After),
                    row.MemberId?.ToString() ?? "", CsvText.Quote(row.PersonalValue)]).Append("\r\n");
            }

            var name = $"audit-{DateTime.UtcNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv";
            return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", name);
        }).RequireAuthorization(policy => policy.RequireRole(Roles.ProgramManager, Roles.Admin));
    }
}
