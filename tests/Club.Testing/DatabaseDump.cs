using System.Text;
using Npgsql;

namespace Club.Testing;

/// <summary>
/// Every row of every table of a database as text, to prove what is (not) stored. Plain tables and
/// partitions only: a partitioned table has no rows of its own and cannot be copied.
/// </summary>
public static class DatabaseDump
{
    public static async Task<string> AllTablesAsTextAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT quote_ident(c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            using var export = await connection.BeginTextExportAsync($"COPY {table} TO STDOUT");
            dump.AppendLine(await export.ReadToEndAsync());
        }

        return dump.ToString();
    }
}
