using Club.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Privacy;

/// <summary>
/// Erases a member's personal data, table by table as <see cref="PersonalDataCatalogue"/> says, in the
/// caller's transaction: rows that serve only the member are deleted, the others are kept as anonymous
/// with their personal columns erased. The member and user rows stay as an anonymous "deleted member", so
/// points entries, item registrations, sales and report totals keep a valid owner and still add up.
/// Running it again for the same member changes nothing more.
/// </summary>
public static class AccountErasure
{
    public static async Task EraseAsync(IClubDb db, Guid memberId, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(db, cancellationToken);
        foreach (var table in PersonalDataCatalogue.Tables)
        {
            // Table and column names come from the catalogue, never from input; the member id is a parameter.
            var set = table.Personal.Concat(table.Erased.Keys).Distinct()
                .Select(column => $"{column} = {ErasedValue(table, column, columns)}")
                .ToList();
            var sql = table.Erasure == Erasure.Delete ? $"DELETE FROM {table.Table} AS t WHERE {table.MemberRowsSql}"
                : set.Count > 0 ? $"UPDATE {table.Table} AS t SET {string.Join(", ", set)} WHERE {table.MemberRowsSql}"
                : null;
            if (sql is not null)
            {
                await db.Database.ExecuteSqlRawAsync(sql, [memberId], cancellationToken);
            }
        }
    }

    /// <summary>The catalogue's value for the column, else NULL, else (NOT NULL columns) the empty value of its type.</summary>
    private static string ErasedValue(PersonalDataTable table, string column, IReadOnlyDictionary<(string, string), TableColumn> columns)
    {
        if (table.Erased.TryGetValue(column, out var value))
        {
            return value;
        }

        var info = columns.GetValueOrDefault((table.Table, column))
            ?? throw new InvalidOperationException($"PersonalDataCatalogue names {table.Table}.{column}, which the database does not have.");
        return info.Nullable ? "NULL" : info.DataType switch
        {
            "text" or "character varying" => "''",
            "bytea" => "''::bytea",
            "jsonb" => "jsonb_build_object()",
            _ => throw new InvalidOperationException($"{table.Table}.{column} ({info.DataType}, NOT NULL) needs an erased value in PersonalDataCatalogue."),
        };
    }

    private static async Task<Dictionary<(string, string), TableColumn>> ColumnsAsync(IClubDb db, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<TableColumn>($"""
            SELECT table_name::text AS table_name, column_name::text AS column_name, (is_nullable = 'YES') AS nullable, data_type::text AS data_type
            FROM information_schema.columns WHERE table_schema = current_schema()
            """).ToListAsync(cancellationToken)).ToDictionary(c => (c.TableName, c.ColumnName));

    private sealed record TableColumn(string TableName, string ColumnName, bool Nullable, string DataType);
}
