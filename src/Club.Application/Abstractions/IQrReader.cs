namespace Club.Application.Abstractions;

/// <summary>
/// Reads QR codes from uploaded pictures on the server (ZXing.Net over SkiaSharp, in Infrastructure).
/// Uploads are checked and bounded as every picture upload is (<see cref="IImageProcessor"/>), and kept
/// only in memory while they are read.
/// </summary>
public interface IQrReader
{
    /// <summary>The text of the QR code in a photo (JPEG, PNG or WebP), resized first; no text when none was read.</summary>
    QrPhotoRead ReadPhoto(byte[] upload);

    /// <summary>
    /// Reads a print proof: each sheet of the upload (a PNG or JPEG scan, or every page of a PDF) and on it the
    /// QR code of every label cell of the template.
    /// </summary>
    Task<ProofScan> ReadProofAsync(byte[] upload, string templatePath, CancellationToken cancellationToken);
}

/// <summary>The code's text (null when none was read), or why the photo could not be used.</summary>
public sealed record QrPhotoRead(string? Text, UserMessage? Error);

/// <summary>
/// Per sheet, per label position in the template's order, what was read there; <see cref="Columns"/> is the
/// template's number of columns (positions run row by row). Or why the file could not be used.
/// </summary>
public sealed record ProofScan(IReadOnlyList<IReadOnlyList<ProofCell>> Sheets, int Columns, UserMessage? Error)
{
    public static ProofScan Refused(UserMessage error) => new([], 1, error);
}

/// <summary>The code's text at one label position; no text and <see cref="Blank"/> where nothing is printed (a sheet's unused cells).</summary>
public sealed record ProofCell(string? Text, bool Blank = false);
