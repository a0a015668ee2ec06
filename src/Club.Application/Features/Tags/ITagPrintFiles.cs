namespace Club.Application.Features.Tags;

/// <summary>
/// The server-side print files of batches created from the web (CSV and PDFs with the plain scratch
/// codes). They are kept in the database, encrypted under a key derived from the tag keys, so every node
/// behind the balancer serves them and a database dump alone does not reveal the codes. They are deleted
/// when the batch is marked printed or voided.
/// </summary>
public interface ITagPrintFiles
{
    /// <summary>A new, empty, owner-only local folder for files being made (kept ones move into the database).</summary>
    string NewWorkFolder();

    /// <summary>Stores a finished print file with the batch (the caller deletes its work folder); returns its name.</summary>
    Task<string> KeepAsync(int batchId, string file, CancellationToken cancellationToken = default);

    /// <summary>The names of the batch's print files, in order.</summary>
    Task<IReadOnlyList<string>> ListAsync(int batchId, CancellationToken cancellationToken = default);

    /// <summary>A print file's content, or null when the batch has no file of that name.</summary>
    Task<byte[]?> ReadAsync(int batchId, string name, CancellationToken cancellationToken = default);

    Task DeleteAsync(int batchId, CancellationToken cancellationToken = default);
}
