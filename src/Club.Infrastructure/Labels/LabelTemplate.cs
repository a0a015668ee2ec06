using System.Text.Json;
using System.Text.Json.Serialization;
using QRCoder;

namespace Club.Infrastructure.Labels;

/// <summary>
/// A label layout in millimetres, read from a JSON file (see samples/labels/): the page, the grid of
/// labels on it, and where the QR code, serial, product name and scratch panel sit inside one label.
/// </summary>
public sealed class LabelTemplate
{
    /// <summary>
    /// The smallest text a template may ask for: thermal and transfer label printers (203–300 dpi) do not render
    /// strokes of smaller text legibly; 5 pt is about 1.8 mm, readable with normal sight at arm's length.
    /// </summary>
    public const double MinFontSizePt = 5;

    /// <summary>A logo box lower than this prints the logo too small to recognise.</summary>
    public const double MinLogoHeightMm = 4;

    public string Name { get; init; } = "";
    public double PageWidthMm { get; init; }
    public double PageHeightMm { get; init; }
    public double LabelWidthMm { get; init; }
    public double LabelHeightMm { get; init; }
    public int Columns { get; init; } = 1;
    public int Rows { get; init; } = 1;
    public double MarginLeftMm { get; init; }
    public double MarginTopMm { get; init; }
    public double GapXMm { get; init; }
    public double GapYMm { get; init; }

    /// <summary>QR error correction: L, M (default), Q or H.</summary>
    public string Ecc { get; init; } = "M";

    /// <summary>The QR square including its 4-module quiet zone.</summary>
    public required LabelBox Qr { get; init; }

    public required LabelText Serial { get; init; }
    public LabelText? Product { get; init; }

    /// <summary>The box the scratch-off foil covers; the grouped code is centred inside it.</summary>
    public required LabelText Scratch { get; init; }

    /// <summary>
    /// Where the brand's logo goes, fitted and centred; only templates with room for a legible one have it
    /// (a 30 x 20 mm tag does not). Without a logo box, or before a logo is uploaded, nothing is drawn there.
    /// </summary>
    public LabelArea? Logo { get; init; }

    /// <summary>Thin marks around the sheet at every label edge, for cutting.</summary>
    public bool CutMarks { get; init; }

    /// <summary>A light outline of each label, for proofs on plain paper.</summary>
    public bool Outline { get; init; }

    [JsonIgnore]
    public int LabelsPerPage => Columns * Rows;

    [JsonIgnore]
    public QRCodeGenerator.ECCLevel EccLevel => Ecc.ToUpperInvariant() switch
    {
        "L" => QRCodeGenerator.ECCLevel.L,
        "Q" => QRCodeGenerator.ECCLevel.Q,
        "H" => QRCodeGenerator.ECCLevel.H,
        _ => QRCodeGenerator.ECCLevel.M,
    };

    /// <summary>Top-left corner of the label at <paramref name="index"/> on its page, in mm.</summary>
    public (double X, double Y) LabelOrigin(int index)
    {
        var slot = index % LabelsPerPage;
        return (MarginLeftMm + slot % Columns * (LabelWidthMm + GapXMm), MarginTopMm + slot / Columns * (LabelHeightMm + GapYMm));
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads and checks a template; a bad one is an InvalidOperationException saying what is wrong.</summary>
    public static LabelTemplate Load(string path)
    {
        LabelTemplate? template;
        try
        {
            using var stream = File.OpenRead(path);
            template = JsonSerializer.Deserialize<LabelTemplate>(stream, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"'{Path.GetFileName(path)}' is not a valid template: {ex.Message}", ex);
        }

        if (template is null)
        {
            throw new InvalidOperationException($"'{Path.GetFileName(path)}' is empty.");
        }

        template.Validate(Path.GetFileName(path));
        return template;
    }

    private void Validate(string file)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add("name is missing");
        }

        if (Columns < 1 || Rows < 1 || LabelWidthMm <= 0 || LabelHeightMm <= 0 || PageWidthMm <= 0 || PageHeightMm <= 0)
        {
            problems.Add("page, label size, columns and rows must be positive");
        }
        else if (MarginLeftMm + Columns * LabelWidthMm + (Columns - 1) * GapXMm > PageWidthMm + 0.01
            || MarginTopMm + Rows * LabelHeightMm + (Rows - 1) * GapYMm > PageHeightMm + 0.01)
        {
            problems.Add("the labels do not fit on the page");
        }

        if (Ecc.ToUpperInvariant() is not ("L" or "M" or "Q" or "H"))
        {
            problems.Add("ecc must be L, M, Q or H");
        }

        // Version 3 with its quiet zone is 37 modules; below ~0.25 mm a module phones struggle to read.
        if (Qr.SizeMm < 37 * 0.25)
        {
            problems.Add("the QR code must be at least 9.25 mm wide to scan reliably");
        }

        CheckInside("qr", Qr.XMm, Qr.YMm, Qr.SizeMm, Qr.SizeMm, problems);
        CheckInside("serial", Serial.XMm, Serial.YMm, Serial.WidthMm, Serial.HeightMm, problems);
        CheckInside("scratch", Scratch.XMm, Scratch.YMm, Scratch.WidthMm, Scratch.HeightMm, problems);
        if (Product is not null)
        {
            CheckInside("product", Product.XMm, Product.YMm, Product.WidthMm, Product.HeightMm, problems);
        }

        if (Logo is not null)
        {
            CheckInside("logo", Logo.XMm, Logo.YMm, Logo.WidthMm, Logo.HeightMm, problems);
            if (Logo.HeightMm < MinLogoHeightMm)
            {
                problems.Add($"the logo box must be at least {MinLogoHeightMm} mm high (leave it out on small labels)");
            }
        }

        foreach (var text in new[] { Serial, Scratch, Product })
        {
            if (text is not null && text.FontSizePt is < MinFontSizePt or > 72)
            {
                problems.Add($"font sizes must be between {MinFontSizePt} and 72 pt (smaller text does not print legibly)");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"'{file}': {string.Join("; ", problems.Distinct())}.");
        }
    }

    private void CheckInside(string part, double x, double y, double width, double height, List<string> problems)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > LabelWidthMm + 0.01 || y + height > LabelHeightMm + 0.01)
        {
            problems.Add($"{part} must lie inside the label");
        }
    }
}

public sealed class LabelBox
{
    public double XMm { get; init; }
    public double YMm { get; init; }
    public double SizeMm { get; init; }
}

/// <summary>A box in mm inside the label.</summary>
public sealed class LabelArea
{
    public double XMm { get; init; }
    public double YMm { get; init; }
    public double WidthMm { get; init; }
    public double HeightMm { get; init; }
}

/// <summary>A text block: its box in mm inside the label and its font size.</summary>
public sealed class LabelText
{
    public double XMm { get; init; }
    public double YMm { get; init; }
    public double WidthMm { get; init; }
    public double HeightMm { get; init; }
    public double FontSizePt { get; init; } = 6;
}
