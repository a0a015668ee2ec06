using Club.Infrastructure.Labels;
using Club.Infrastructure.Labels.Reading;
using SkiaSharp;

namespace Club.Testing;

/// <summary>
/// A phone photo of a printed label, made from a 300 dpi scan of the real label: enlarged as a phone held
/// close sees it, turned 7°, out of focus, on a table under uneven light, JPEG-compressed, 12 megapixels.
/// Also compiled into tools/Club.Bench, which times the server's photo fallback on it.
/// </summary>
public static class LabelPhotos
{
    /// <summary>A label printed alone on a page of <paramref name="template"/> and scanned at 300 dpi (PNG).</summary>
    public static async Task<byte[]> ScanAsync(LabelTemplate template, Label label)
    {
        var folder = Directory.CreateTempSubdirectory("club-label-photo-").FullName;
        try
        {
            var pdf = Path.Combine(folder, "label.pdf");
            using (var output = File.Create(pdf))
            {
                new LabelPdfWriter().Write(template, [label], output);
            }

            return (await new PdfRasteriser().RasteriseAsync(pdf, 1, 1, CancellationToken.None))?.SingleOrDefault()
                ?? throw new InvalidOperationException("pdftoppm (poppler-utils) is needed to scan a label.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static byte[] Photograph(byte[] labelScanPng, int width = 4000, int height = 3000, float degrees = 7, float scale = 3, float blurSigma = 1.5f, int jpegQuality = 60)
    {
        using var label = SKBitmap.Decode(labelScanPng);
        using var photo = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(photo))
        {
            using var table = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                    [new SKColor(125, 112, 98), new SKColor(68, 62, 58)], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, table);
            canvas.Translate(width / 2f, height / 2f);
            canvas.RotateDegrees(degrees);
            canvas.Scale(scale);
            using var outOfFocus = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(blurSigma, blurSigma) };
            canvas.DrawBitmap(label, -label.Width / 2f, -label.Height / 2f, new SKSamplingOptions(SKFilterMode.Linear), outOfFocus);
        }

        using var image = SKImage.FromBitmap(photo);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, jpegQuality);
        return jpeg.ToArray();
    }
}
