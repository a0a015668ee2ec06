using Club.Application.Abstractions;
using Club.Domain.Media;
using Club.Infrastructure.Media;

namespace Club.Infrastructure.Labels.Reading;

/// <summary>
/// <see cref="IQrReader"/> with ZXing.Net (<see cref="QrDecoding"/>) over pictures decoded by SkiaSharp with
/// the checks of every upload (<see cref="SkiaImageProcessor.DecodeUpright"/>) and in its shared decode
/// slots, so photos, proofs and product pictures together never hold more than a few pictures in memory.
/// </summary>
public sealed class ServerQrReader(PdfRasteriser pdfs) : IQrReader
{
    /// <summary>A sheet is read at up to this size: an A4 page scanned at 300 dpi is 3508 pixels tall.</summary>
    public const int ProofMaxSide = 4000;

    /// <summary>Sheets per proof file, so one PDF cannot keep the server busy for long.</summary>
    public const int MaxProofSheets = 50;

    public QrPhotoRead ReadPhoto(byte[] upload) =>
        SkiaImageProcessor.WithDecodeSlot(
            () =>
            {
                using var photo = SkiaImageProcessor.DecodeUpright(upload, QrDecoding.PhotoMaxSide, out var error);
                return photo is null ? new QrPhotoRead(null, error) : new QrPhotoRead(QrDecoding.DecodePhoto(photo), null);
            },
            busy => new QrPhotoRead(null, busy));

    public async Task<ProofScan> ReadProofAsync(byte[] upload, string templatePath, CancellationToken cancellationToken)
    {
        LabelTemplate template;
        try
        {
            template = LabelTemplate.Load(templatePath);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return ProofScan.Refused(new UserMessage("The batch's label template cannot be used: {0}", [ex.Message]));
        }

        IReadOnlyList<byte[]> pages = [upload];
        if (FileSignature.PictureOrPdf(upload) == FileSignature.Pdf)
        {
            var rasterised = await pdfs.RasteriseAsync(upload, MaxProofSheets, cancellationToken);
            if (rasterised is null)
            {
                return ProofScan.Refused("PDF proofs need poppler's pdftoppm on the server, which is not installed here: upload PNG or JPEG scans instead.");
            }

            if (rasterised.Count == 0)
            {
                return ProofScan.Refused("The PDF could not be read. Export the scan again, or upload PNG or JPEG pictures.");
            }

            pages = rasterised;
        }

        var sheets = new List<IReadOnlyList<ProofCell>>();
        foreach (var page in pages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sheet = SkiaImageProcessor.WithDecodeSlot(
                () =>
                {
                    using var picture = SkiaImageProcessor.DecodeUpright(page, ProofMaxSide, out var error);
                    if (picture is null)
                    {
                        return ProofScan.Refused(error!);
                    }

                    using var bounded = SkiaImageProcessor.Fit(picture, ProofMaxSide);
                    return new ProofScan([QrDecoding.DecodeSheet(bounded, template)], template.Columns, null);
                },
                ProofScan.Refused);
            if (sheet.Error is not null)
            {
                return sheet;
            }

            sheets.AddRange(sheet.Sheets);
        }

        return new ProofScan(sheets, template.Columns, null);
    }
}
