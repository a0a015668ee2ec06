namespace Club.Application.Features.Tags;

/// <summary>
/// The server-side print files of batches created from the web (CSV and PDFs with the plain scratch
/// codes), in an owner-only folder. They are deleted when the batch is marked printed or voided.
/// </summary>
public interface ITagPrintFiles
{
    string FolderFor(int batchId);

    /// <summary>A new, empty, owner-only folder for a batch being generated (its files move to the batch's folder when done).</summary>
    string NewWorkFolder();

    /// <summary>Moves a finished print file into the batch's owner-only folder; returns its new path.</summary>
    string Keep(int batchId, string file);

    IReadOnlyList<string> List(int batchId);

    void Delete(int batchId);
}
