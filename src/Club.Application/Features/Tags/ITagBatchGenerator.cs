namespace Club.Application.Features.Tags;

/// <summary>What to generate: the batch row's facts and where the secret print file goes.</summary>
public sealed record NewTagBatch(
    int ProductId,
    string ProductName,
    int Quantity,
    int? PartnerId,
    string TemplateName,
    string CreatedBy,
    string OutputFolder,
    string PublicBaseUrl);

public sealed record GeneratedTagBatch(int BatchId, string Number, long FirstTagId, int Quantity, string PrintFile);

/// <summary>
/// Writes a batch all-or-nothing: the batch row and its tag rows (binary COPY, one transaction) and a
/// print file with the plain scratch codes, which becomes visible only after the commit. Implemented in
/// Infrastructure because it needs Npgsql's COPY.
/// </summary>
public interface ITagBatchGenerator
{
    Task<GeneratedTagBatch> GenerateAsync(NewTagBatch batch, IProgress<long>? progress, CancellationToken cancellationToken);
}
