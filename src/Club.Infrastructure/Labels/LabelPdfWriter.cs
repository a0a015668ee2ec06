using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;
using QRCoder;

namespace Club.Infrastructure.Labels;

/// <summary>
/// Print-ready PDF sheets: each label's QR code drawn as vector rectangles (one per run of dark
/// modules, so it stays sharp at any printer resolution), the serial, the product name and the
/// scratch panel, at the template's positions, and the brand's logo where the template has room for it.
/// Large batches go into several part files so memory stays flat however many labels there are.
/// </summary>
public sealed class LabelPdfWriter
{
    private const double PointsPerMm = 72 / 25.4;
    private readonly QRCodeGenerator generator = new();
    private readonly byte[]? logo;

    /// <param name="logo">The brand's logo (PNG or JPEG, as the logo upload stores it), or null for none.</param>
    public LabelPdfWriter(byte[]? logo = null)
    {
        LabelFonts.EnsureRegistered();
        this.logo = logo;
    }

    /// <summary>All labels into one PDF stream.</summary>
    public int Write(LabelTemplate template, IEnumerable<Label> labels, Stream output)
    {
        using var document = NewDocument(template);
        var count = AddPages(document, template, labels, null, 0);
        document.Save(output, closeStream: false);
        return count;
    }

    /// <summary>
    /// Writes <c>{prefix}-labels-001.pdf</c>, <c>-002</c>, ... with up to <paramref name="labelsPerFile"/>
    /// labels each, owner-only (they show scratch codes). Reports the labels done so far.
    /// </summary>
    public IReadOnlyList<string> WriteFiles(
        LabelTemplate template, IEnumerable<Label> labels, string folder, string prefix, int labelsPerFile = 5_000, IProgress<int>? progress = null)
    {
        ClubPaths.CreatePrivateFolder(folder);
        // Whole pages per file, so no sheet is left half empty in the middle of a batch.
        var perFile = Math.Max(template.LabelsPerPage, labelsPerFile / template.LabelsPerPage * template.LabelsPerPage);
        var files = new List<string>();
        using var source = labels.GetEnumerator();
        var done = 0;
        while (true)
        {
            using var document = NewDocument(template);
            var count = AddPages(document, template, Take(source, perFile), progress, done);
            if (count == 0)
            {
                break;
            }

            done += count;
            var file = Path.Combine(folder, $"{prefix}-labels-{files.Count + 1:000}.pdf");
            using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                ClubPaths.MakePrivate(file);
                document.Save(stream, closeStream: false);
            }

            files.Add(file);
            if (count < perFile)
            {
                break;
            }
        }

        return files;
    }

    /// <summary>The next labels of a running enumeration, at most <paramref name="max"/>.</summary>
    private static IEnumerable<Label> Take(IEnumerator<Label> source, int max)
    {
        for (var i = 0; i < max && source.MoveNext(); i++)
        {
            yield return source.Current;
        }
    }

    private static PdfDocument NewDocument(LabelTemplate template)
    {
        var document = new PdfDocument();
        document.Info.Title = $"Club labels — {template.Name}";
        document.Info.Creator = "Club";
        document.Options.CompressContentStreams = true;
        document.Options.NoCompression = false;
        return document;
    }

    private int AddPages(PdfDocument document, LabelTemplate template, IEnumerable<Label> labels, IProgress<int>? progress, int doneBefore)
    {
        // One image per document: PDFsharp stores it once and every label refers to it.
        using var logoImage = template.Logo is not null && logo is { Length: > 0 } ? XImage.FromStream(new MemoryStream(logo, writable: false)) : null;
        var fonts = new Fonts(template);
        var productNames = new Dictionary<string, XForm>();
        var qrCodes = new StringBuilder();
        PdfPage? page = null;
        XGraphics? graphics = null;
        var count = 0;
        try
        {
            foreach (var label in labels)
            {
                var slot = count % template.LabelsPerPage;
                if (slot == 0)
                {
                    FinishPage(page, graphics, qrCodes);
                    (page, graphics) = NewPage(document, template);
                }

                var origin = template.LabelOrigin(slot);
                AppendQrCode(qrCodes, template, label.Url, origin);
                DrawText(document, graphics!, template, fonts, productNames, label, origin);
                if (logoImage is not null)
                {
                    DrawLogo(graphics!, template.Logo!, logoImage, origin);
                }

                count++;
                if (count % 500 == 0)
                {
                    progress?.Report(doneBefore + count);
                }
            }

            FinishPage(page, graphics, qrCodes);
            graphics = null;
        }
        finally
        {
            graphics?.Dispose();
        }

        progress?.Report(doneBefore + count);
        return count;
    }

    private static (PdfPage Page, XGraphics Graphics) NewPage(PdfDocument document, LabelTemplate template)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(template.PageWidthMm);
        page.Height = XUnit.FromMillimeter(template.PageHeightMm);
        var graphics = XGraphics.FromPdfPage(page);
        if (template.CutMarks)
        {
            DrawCutMarks(graphics, template);
        }

        return (page, graphics);
    }

    /// <summary>
    /// The page's QR codes go in a content stream of their own, written directly in PDF operators:
    /// per code one transform to module units, then one integer rectangle per run of dark modules
    /// ("12 3 4 1 re"). That is a fraction of the bytes and the time of drawing each run through
    /// XGraphics. Prepended, so it starts from the page's untransformed coordinate system.
    /// </summary>
    private static void FinishPage(PdfPage? page, XGraphics? graphics, StringBuilder qrCodes)
    {
        graphics?.Dispose();
        if (page is null || qrCodes.Length == 0)
        {
            return;
        }

        var content = page.Contents.PrependContent();
        content.CreateStream(Encoding.ASCII.GetBytes(qrCodes.ToString()));
        content.Compressed = true;
        qrCodes.Clear();
    }

    private void AppendQrCode(StringBuilder operators, LabelTemplate template, string url, (double X, double Y) origin)
    {
        var qr = QrModules.Encode(generator, url, template.EccLevel);
        var module = Mm(template.Qr.SizeMm / qr.Size);
        var left = Mm(origin.X + template.Qr.XMm);
        var top = Mm(template.PageHeightMm - origin.Y - template.Qr.YMm);
        // PDF's y axis points up: a negative vertical scale makes module row r run downwards from the top.
        operators.Append(CultureInfo.InvariantCulture, $"q 0 g {module:0.#####} 0 0 {-module:0.#####} {left:0.###} {top:0.###} cm\n");
        foreach (var (row, column, length) in qr.Runs)
        {
            operators.Append(CultureInfo.InvariantCulture, $"{column} {row} {length} 1 re\n");
        }

        operators.Append("f Q\n");
    }

    private static void DrawText(
        PdfDocument document, XGraphics graphics, LabelTemplate template, Fonts fonts, Dictionary<string, XForm> productNames, Label label, (double X, double Y) origin)
    {
        var (x, y) = origin;
        if (template.Outline)
        {
            graphics.DrawRectangle(fonts.Hairline, Rect(x, y, template.LabelWidthMm, template.LabelHeightMm));
        }

        var serial = template.Serial;
        graphics.DrawString(label.Serial, fonts.Serial, XBrushes.Black,
            Rect(x + serial.XMm, y + serial.YMm, serial.WidthMm, serial.HeightMm), XStringFormats.Center);

        if (template.Product is { } product)
        {
            // A batch is one product: its name is laid out once per file and placed as a form on every label.
            if (!productNames.TryGetValue(label.ProductName, out var name))
            {
                name = new XForm(document, XUnit.FromMillimeter(product.WidthMm), XUnit.FromMillimeter(product.HeightMm));
                using (var form = XGraphics.FromForm(name))
                {
                    new XTextFormatter(form).DrawString(label.ProductName, fonts.Product!, XBrushes.Black,
                        Rect(0, 0, product.WidthMm, product.HeightMm), XStringFormats.TopLeft);
                }

                productNames[label.ProductName] = name;
            }

            graphics.DrawImage(name, Mm(x + product.XMm), Mm(y + product.YMm));
        }

        DrawScratchPanel(graphics, template.Scratch, fonts, label.ScratchCode, x, y);
    }

    /// <summary>The logo as large as fits its box without distortion, centred.</summary>
    private static void DrawLogo(XGraphics graphics, LabelArea box, XImage image, (double X, double Y) origin)
    {
        var scale = Math.Min(box.WidthMm / image.PixelWidth, box.HeightMm / image.PixelHeight);
        var (width, height) = (image.PixelWidth * scale, image.PixelHeight * scale);
        graphics.DrawImage(image, Rect(origin.X + box.XMm + (box.WidthMm - width) / 2, origin.Y + box.YMm + (box.HeightMm - height) / 2, width, height));
    }

    /// <summary>The code centred in the foil box; on one line if it fits, else one group per line.</summary>
    private static void DrawScratchPanel(XGraphics graphics, LabelText box, Fonts fonts, string code, double x, double y)
    {
        var area = Rect(x + box.XMm, y + box.YMm, box.WidthMm, box.HeightMm);
        graphics.DrawRectangle(fonts.Hairline, area);
        var lines = fonts.ScratchFitsOneLine(graphics, code, area.Width) ? [code] : code.Split('-');
        var lineHeight = fonts.Scratch.GetHeight();
        var top = area.Y + (area.Height - lineHeight * lines.Length) / 2;
        for (var i = 0; i < lines.Length; i++)
        {
            graphics.DrawString(lines[i], fonts.Scratch, XBrushes.Black,
                new XRect(area.X, top + i * lineHeight, area.Width, lineHeight), XStringFormats.Center);
        }
    }

    /// <summary>Marks outside the grid at every column and row edge, so a guillotine can follow them.</summary>
    private static void DrawCutMarks(XGraphics graphics, LabelTemplate template)
    {
        var pen = new XPen(XColors.Black, 0.25);
        const double Gap = 1, Length = 3;
        var left = template.MarginLeftMm;
        var top = template.MarginTopMm;
        var right = left + template.Columns * template.LabelWidthMm + (template.Columns - 1) * template.GapXMm;
        var bottom = top + template.Rows * template.LabelHeightMm + (template.Rows - 1) * template.GapYMm;
        for (var c = 0; c < template.Columns; c++)
        {
            foreach (var edge in new[] { left + c * (template.LabelWidthMm + template.GapXMm), left + c * (template.LabelWidthMm + template.GapXMm) + template.LabelWidthMm })
            {
                graphics.DrawLine(pen, Mm(edge), Mm(top - Gap - Length), Mm(edge), Mm(top - Gap));
                graphics.DrawLine(pen, Mm(edge), Mm(bottom + Gap), Mm(edge), Mm(bottom + Gap + Length));
            }
        }

        for (var r = 0; r < template.Rows; r++)
        {
            foreach (var edge in new[] { top + r * (template.LabelHeightMm + template.GapYMm), top + r * (template.LabelHeightMm + template.GapYMm) + template.LabelHeightMm })
            {
                graphics.DrawLine(pen, Mm(left - Gap - Length), Mm(edge), Mm(left - Gap), Mm(edge));
                graphics.DrawLine(pen, Mm(right + Gap), Mm(edge), Mm(right + Gap + Length), Mm(edge));
            }
        }
    }

    private static double Mm(double mm) => mm * PointsPerMm;

    private static XRect Rect(double xMm, double yMm, double widthMm, double heightMm) =>
        new(Mm(xMm), Mm(yMm), Mm(widthMm), Mm(heightMm));

    private sealed class Fonts(LabelTemplate template)
    {
        public XFont Serial { get; } = new(LabelFonts.Mono, template.Serial.FontSizePt, XFontStyleEx.Regular);
        public XFont Scratch { get; } = new(LabelFonts.Mono, template.Scratch.FontSizePt, XFontStyleEx.Bold);
        public XFont? Product { get; } = template.Product is null ? null : new(LabelFonts.Sans, template.Product.FontSizePt, XFontStyleEx.Regular);
        public XPen Hairline { get; } = new(XColors.Gray, 0.3);

        private bool? scratchFitsOneLine;

        /// <summary>Every code has the same length in a monospaced font: measured once.</summary>
        public bool ScratchFitsOneLine(XGraphics graphics, string code, double width) =>
            scratchFitsOneLine ??= graphics.MeasureString(code, Scratch).Width <= width * 0.92;
    }
}
