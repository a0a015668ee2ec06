using Club.Application.Abstractions;
using Club.Infrastructure.Media;
using SkiaSharp;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Club.Infrastructure.Labels.Reading;

/// <summary>
/// ZXing.Net's QR reader with the helpers phone scanners add: both binarisers (the hybrid one for uneven
/// light, the global histogram for soft or small codes) with TRY_HARDER, the pure-barcode mode for a
/// cleanly cropped code, an inverted try (light code on a dark ground), several picture sizes and a turn
/// of 45°. The one decoder of the product and of its tests.
/// </summary>
public static class QrDecoding
{
    /// <summary>A photo is decoded no larger than this (a 12 MP photo is resized first; JPEG decodes at a reduced scale).</summary>
    public const int PhotoMaxSide = 2400;

    /// <summary>
    /// The sizes a photo's longest side is brought to in turn: ZXing's binariser judges light and dark in
    /// fixed blocks of pixels, so a code too large or too small for them is read at another size.
    /// </summary>
    private static readonly int[] PhotoSides = [1600, 1000, PhotoMaxSide];

    /// <summary>Around a label's QR area, for a sheet not scanned exactly square: small enough never to reach the next label's code.</summary>
    private const double CellMarginMm = 1.5;

    private static readonly Dictionary<DecodeHintType, object> TryHarder = new() { [DecodeHintType.TRY_HARDER] = true };
    private static readonly Dictionary<DecodeHintType, object> Pure = new() { [DecodeHintType.PURE_BARCODE] = true };

    /// <summary>The text of the QR code in <paramref name="source"/>, or null; the cheaper ways are tried first.</summary>
    public static string? Decode(LuminanceSource source) => Attempt(source) ?? Attempt(source.invert());

    /// <summary>As <see cref="Decode(LuminanceSource)"/>, inside an area of a larger picture (clamped to it).</summary>
    public static string? DecodeArea(LuminanceSource picture, int x, int y, int width, int height)
    {
        (x, y) = (Math.Clamp(x, 0, picture.Width - 1), Math.Clamp(y, 0, picture.Height - 1));
        (width, height) = (Math.Min(width, picture.Width - x), Math.Min(height, picture.Height - y));
        return width < 21 || height < 21 ? null : Decode(picture.crop(x, y, width, height));
    }

    /// <summary>The text of a QR code in a photo (upright, at most <see cref="PhotoMaxSide"/>), or null.</summary>
    public static string? DecodePhoto(SKBitmap photo)
    {
        var longest = Math.Max(photo.Width, photo.Height);
        var tried = new HashSet<int>();
        foreach (var side in PhotoSides)
        {
            var size = Math.Min(side, longest);
            if (!tried.Add(size))
            {
                continue;
            }

            using var sized = SkiaImageProcessor.Fit(photo, size);
            if (Decode(SkiaLuminanceSource.From(sized)) is { } text)
            {
                return text;
            }
        }

        // The finder-pattern search runs along rows and columns and now and then misses a code lying at an angle.
        using var small = SkiaImageProcessor.Fit(photo, PhotoSides[0]);
        using var turned = Turn(small, 45);
        return Decode(SkiaLuminanceSource.From(turned));
    }

    /// <summary>
    /// What each label's QR area on a scanned sheet holds, in the template's order: the code's text, none
    /// where it could not be read, or blank where nothing is printed. The sheet is the paper found in the picture (a scan is all paper; a photo shows it against a
    /// darker ground); the template's label cells are scaled to it and each QR area is decoded on its own,
    /// so a code that cannot be read is known by its position.
    /// </summary>
    public static IReadOnlyList<ProofCell> DecodeSheet(SKBitmap sheet, LabelTemplate template)
    {
        var picture = SkiaLuminanceSource.From(sheet);
        var paper = FindPaper(picture);
        var (perMmX, perMmY) = (paper.Width / template.PageWidthMm, paper.Height / template.PageHeightMm);
        var cells = new ProofCell[template.LabelsPerPage];
        for (var slot = 0; slot < cells.Length; slot++)
        {
            var (left, top) = template.LabelOrigin(slot);
            (int X, int Y, int Width, int Height) Area(double margin) =>
                (paper.X + (int)Math.Round((left + template.Qr.XMm - margin) * perMmX), paper.Y + (int)Math.Round((top + template.Qr.YMm - margin) * perMmY),
                 (int)Math.Round((template.Qr.SizeMm + 2 * margin) * perMmX), (int)Math.Round((template.Qr.SizeMm + 2 * margin) * perMmY));

            // The code's own square first (it includes the quiet zone, and the pure-barcode mode needs nothing
            // else in the picture); then a little more around it, for a sheet scanned slightly askew.
            var exact = Area(0);
            var wide = Area(CellMarginMm);
            var text = DecodeArea(picture, exact.X, exact.Y, exact.Width, exact.Height)
                ?? DecodeArea(picture, wide.X, wide.Y, wide.Width, wide.Height);
            cells[slot] = new ProofCell(text, text is null && IsBlank(picture, exact.X, exact.Y, exact.Width, exact.Height));
        }

        return cells;
    }

    /// <summary>
    /// Nothing printed: almost no dark pixel in the area (the last sheet of a batch has unused cells). A label
    /// with its code smudged or covered has plenty, and counts as unreadable.
    /// </summary>
    private static bool IsBlank(LuminanceSource picture, int x, int y, int width, int height)
    {
        var pixels = picture.Matrix;
        long dark = 0, all = 0;
        for (var row = Math.Max(y, 0); row < Math.Min(y + height, picture.Height); row++)
        {
            for (var column = Math.Max(x, 0); column < Math.Min(x + width, picture.Width); column++)
            {
                all++;
                dark += pixels[row * picture.Width + column] < 100 ? 1 : 0;
            }
        }

        return all == 0 || dark < all / 200;
    }

    private static string? Attempt(LuminanceSource source) =>
        Read(new HybridBinarizer(source), TryHarder)
        ?? Read(new GlobalHistogramBinarizer(source), TryHarder)
        ?? Read(new HybridBinarizer(source), Pure);

    private static string? Read(Binarizer binarizer, Dictionary<DecodeHintType, object> hints)
    {
        try
        {
            return new QRCodeReader().decode(new BinaryBitmap(binarizer), hints)?.Text;
        }
        catch (ReaderException)
        {
            return null;
        }
    }

    /// <summary>
    /// The paper's box: from each edge inwards, the first row or column clearly brighter than the darkest
    /// ones. A picture without such contrast (a scan, a rasterised PDF) is all paper.
    /// </summary>
    private static (int X, int Y, int Width, int Height) FindPaper(LuminanceSource picture)
    {
        var (width, height) = (picture.Width, picture.Height);
        var pixels = picture.Matrix;
        var columns = new long[width];
        var rows = new long[height];
        for (var y = 0; y < height; y++)
        {
            var offset = y * width;
            long sum = 0;
            for (var x = 0; x < width; x++)
            {
                int value = pixels[offset + x];
                columns[x] += value;
                sum += value;
            }

            rows[y] = sum;
        }

        var (left, right) = BrightSpan(columns.Select(c => (double)c / height).ToArray());
        var (top, bottom) = BrightSpan(rows.Select(r => (double)r / width).ToArray());
        return (left, top, right - left + 1, bottom - top + 1);
    }

    private static (int First, int Last) BrightSpan(double[] means)
    {
        var (darkest, brightest) = (means.Min(), means.Max());
        if (brightest - darkest < 60)
        {
            return (0, means.Length - 1);
        }

        var threshold = (darkest + brightest) / 2;
        var first = Array.FindIndex(means, m => m > threshold);
        var last = Array.FindLastIndex(means, m => m > threshold);
        return (first, last);
    }

    private static SKBitmap Turn(SKBitmap source, float degrees)
    {
        var radians = degrees * Math.PI / 180;
        var (cos, sin) = (Math.Abs(Math.Cos(radians)), Math.Abs(Math.Sin(radians)));
        var width = (int)Math.Ceiling(source.Width * cos + source.Height * sin);
        var height = (int)Math.Ceiling(source.Width * sin + source.Height * cos);
        var turned = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(turned);
        canvas.Clear(SKColors.White);
        canvas.Translate(width / 2f, height / 2f);
        canvas.RotateDegrees(degrees);
        canvas.DrawBitmap(source, -source.Width / 2f, -source.Height / 2f, new SKSamplingOptions(SKFilterMode.Linear), null);
        return turned;
    }
}
