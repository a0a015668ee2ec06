namespace Club.Infrastructure.Postgres;

public sealed class EmbeddedPostgresOptions
{
    public const string Section = "Club:EmbeddedPostgres";

    /// <summary>
    /// Folder the launcher owns: the cluster (<c>pgdata</c>), its password file and the server log.
    /// Created on first start and reused after, so data survives restarts.
    /// </summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Folder with initdb, pg_ctl and postgres; found automatically when empty.</summary>
    public string? BinDirectory { get; set; }

    public string Database { get; set; } = "club";

    /// <summary>
    /// False trades crash safety for speed (fsync off): right for throwaway test servers only.
    /// </summary>
    public bool Durable { get; set; } = true;

    /// <summary>
    /// When the folder is already served by a running server (the site is up), use that server instead
    /// of refusing. For tools that work beside the site (the factory CLI); the site itself refuses, since
    /// two sites must not share one embedded server's lifetime.
    /// </summary>
    public bool AttachIfRunning { get; set; }

    /// <summary>Room for the connection pools of several app nodes and of parallel tests.</summary>
    public int MaxConnections { get; set; } = 200;

    /// <summary>
    /// The server's buffer pool, e.g. "4GB"; empty keeps PostgreSQL's 128MB. A brand with tens of millions of
    /// tags wants its tags' indexes in it (docs/operations.md, "Sizing for many tags").
    /// </summary>
    public string? SharedBuffers { get; set; }
}
