namespace Club.Application.Features.Tags;

/// <summary>
/// The server-side print files of batches created from the web (CSV and PDFs with the plain scratch
/// codes), in an owner-only folder. They are deleted when the batch is marked printed or voided.
/// </summary>
public interface ITagPrintFiles
{
    string FolderFor(int batchId);

    IReadOnlyList<string> List(int batchId);

    void Delete(int batchId);
}
