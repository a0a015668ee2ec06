using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Privacy;

/// <summary>
/// "Download my data": a ZIP with one JSON file per table of <see cref="PersonalDataCatalogue"/> (the
/// member's rows, secrets left out) plus the scans of the member's items. Every catalogue table has its
/// file, empty ones too, so the member sees what the club could hold.
/// </summary>
public sealed record ExportMyDataQuery(Guid MemberId) : IQuery<byte[]>;

public sealed class ExportMyDataHandler(IClubDbFactory dbFactory) : IQueryHandler<ExportMyDataQuery, byte[]>
{
    public const string ScansOfMyItemsFile = "scans-of-my-items.json";

    public async ValueTask<byte[]> Handle(ExportMyDataQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // One snapshot: the files agree with each other even while the member keeps using the site.
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var table in PersonalDataCatalogue.Tables)
            {
                await AddAsync(archive, table.Table + ".json", await RowsAsync(db, table, query.MemberId, cancellationToken));
            }

            var scans = await JsonAsync(db, PersonalDataCatalogue.ScansOfMyItemsSql, query.MemberId, cancellationToken);
            await AddAsync(archive, ScansOfMyItemsFile, scans);
        }

        return zip.ToArray();
    }

    /// <summary>The member's rows as a JSON array, without the secret columns. Names come from the catalogue, never from input.</summary>
    private static Task<string> RowsAsync(IClubDb db, PersonalDataTable table, Guid memberId, CancellationToken cancellationToken) =>
        JsonAsync(db, $"SELECT * FROM {table.Table} AS t WHERE {table.MemberRowsSql}", memberId, cancellationToken, table.Secrets);

    private static async Task<string> JsonAsync(IClubDb db, string rowsSql, Guid memberId, CancellationToken cancellationToken, IReadOnlyList<string>? secrets = null)
    {
        var withoutSecrets = secrets is { Count: > 0 } ? " - ARRAY[" + string.Join(", ", secrets.Select(s => $"'{s}'")) + "]::text[]" : "";
        var sql = FormattableStringFactory.Create(
            $"SELECT coalesce(jsonb_pretty(jsonb_agg(to_jsonb(x){withoutSecrets})), '[]') AS \"Value\" FROM ({rowsSql}) AS x", memberId);
        return await db.Database.SqlQuery<string>(sql).SingleAsync(cancellationToken);
    }

    private static async Task AddAsync(ZipArchive archive, string name, string json)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = entry.Open();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(json));
    }
}
