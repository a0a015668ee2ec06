using System.Globalization;
using System.Net;
using System.Text;
using QRCoder;

namespace Club.Infrastructure.Labels;

/// <summary>One label as SVG in millimetres: the same layout as the PDF, for designers and print shops.</summary>
public static class LabelSvg
{
    /// <summary>The label as SVG; <paramref name="logo"/> (the brand's, PNG or JPEG) is drawn only if the template has a logo box.</summary>
    public static string Render(LabelTemplate template, Label label, byte[]? logo = null)
    {
        using var generator = new QRCodeGenerator();
        var qr = QrModules.Encode(generator, label.Url, template.EccLevel);
        var module = template.Qr.SizeMm / qr.Size;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(template.LabelWidthMm)}mm\" height=\"{N(template.LabelHeightMm)}mm\" viewBox=\"0 0 {N(template.LabelWidthMm)} {N(template.LabelHeightMm)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{N(template.LabelWidthMm)}\" height=\"{N(template.LabelHeightMm)}\" fill=\"#fff\"/>");
        svg.Append("<path fill=\"#000\" shape-rendering=\"crispEdges\" d=\"");
        foreach (var (row, column, length) in qr.Runs)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"M{N(template.Qr.XMm + column * module)} {N(template.Qr.YMm + row * module)}h{N(length * module)}v{N(module)}h{N(-length * module)}z");
        }

        svg.Append("\"/>");
        Text(svg, template.Serial, label.Serial, "DejaVu Sans Mono, monospace", "middle");
        if (template.Product is { } product)
        {
            Text(svg, product, label.ProductName, "DejaVu Sans, sans-serif", "start");
        }

        var scratch = template.Scratch;
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{N(scratch.XMm)}\" y=\"{N(scratch.YMm)}\" width=\"{N(scratch.WidthMm)}\" height=\"{N(scratch.HeightMm)}\" fill=\"none\" stroke=\"#888\" stroke-width=\"0.1\"/>");
        Text(svg, scratch, label.ScratchCode, "DejaVu Sans Mono, monospace", "middle", bold: true);
        if (template.Logo is { } box && logo is { Length: > 0 })
        {
            // The logo upload stores PNG (with transparency) or JPEG; PNG files start with 0x89.
            var type = logo[0] == 0x89 ? "image/png" : "image/jpeg";
            svg.Append(CultureInfo.InvariantCulture,
                $"<image x=\"{N(box.XMm)}\" y=\"{N(box.YMm)}\" width=\"{N(box.WidthMm)}\" height=\"{N(box.HeightMm)}\" preserveAspectRatio=\"xMidYMid meet\" href=\"data:{type};base64,{Convert.ToBase64String(logo)}\"/>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Text(StringBuilder svg, LabelText box, string text, string family, string anchor, bool bold = false)
    {
        var sizeMm = box.FontSizePt * 25.4 / 72;
        var x = anchor == "middle" ? box.XMm + box.WidthMm / 2 : box.XMm;
        var y = anchor == "middle" ? box.YMm + box.HeightMm / 2 + sizeMm * 0.35 : box.YMm + sizeMm;
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-family=\"{family}\" font-size=\"{N(sizeMm)}\" text-anchor=\"{anchor}\"{(bold ? " font-weight=\"bold\"" : "")}>{WebUtility.HtmlEncode(text)}</text>");
    }

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
