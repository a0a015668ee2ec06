using Club.Infrastructure.Labels;
using Club.Infrastructure.Tags;
using Club.Testing;

namespace Club.Infrastructure.Tests.Labels;

public sealed class LabelRenderingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("club-label-tests-").FullName;

    /// <summary>A wide brand logo, as the logo upload stores it (PNG).</summary>
    private static readonly byte[] Logo = TestImages.Png(400, 100);

    public static TheoryData<string> Templates() =>
        new(Directory.GetFiles(RepositoryRoot.Combine("samples", "labels"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Every_label_on_a_printed_page_decodes_back_to_its_url(string templateFile)
    {
        var template = LabelTemplate.Load(RepositoryRoot.Combine("samples", "labels", templateFile));
        var labels = MakeLabels(template.LabelsPerPage * 2);
        var pdf = Path.Combine(folder, "labels.pdf");
        using (var output = File.Create(pdf))
        {
            // With the logo: where a template has room for it, it must leave the QR code readable.
            new LabelPdfWriter(Logo).Write(template, labels, output).Should().Be(labels.Count);
        }

        // The second page: page breaks and positions after the first sheet must be right too.
        var onPage = labels.Skip(template.LabelsPerPage).ToList();
        var decoded = await QrDecoder.DecodeAsync(pdf, page: 2, onPage.Select((_, slot) => QrArea(template, slot)));

        decoded.Should().Equal(onPage.Select(l => l.Url));
    }

    [Fact]
    public async Task The_browsers_decoder_reads_a_printed_label()
    {
        // The seller's page decodes with ZXing's JavaScript port; the other tests decode with ZXing.Net.
        var labels = MakeLabels(1);
        var (template, pdf) = PrintOnSheet(labels, "browser.pdf");

        var decoded = await QrDecoder.DecodeWithBrowserDecoderAsync(pdf, page: 1, [QrArea(template, 0)]);

        decoded.Should().Equal(labels[0].Url);
    }

    [Fact]
    public async Task The_page_shows_the_serial_product_and_grouped_scratch_code_as_text()
    {
        var labels = MakeLabels(3);
        var (_, pdf) = PrintOnSheet(labels, "text.pdf");

        var text = await QrDecoder.RunAsync("pdftotext", [pdf, "-"]);

        foreach (var label in labels)
        {
            text.Should().Contain(label.Serial).And.Contain(label.ScratchCode);
        }

        text.Should().Contain("Кольцо «Волна»");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Large_runs_are_split_into_owner_only_part_files_of_whole_pages()
    {
        var template = LabelTemplate.Load(RepositoryRoot.Combine("samples", "labels", "a4-sheet-3x8.json"));
        var reported = new List<int>();

        var files = new LabelPdfWriter().WriteFiles(template, MakeLabels(100), Path.Combine(folder, "parts"), "B000007",
            labelsPerFile: 50, new SynchronousProgress(reported.Add));

        // 50 per file rounds down to whole sheets of 24: 48 + 48 + 4.
        files.Select(Path.GetFileName).Should().Equal("B000007-labels-001.pdf", "B000007-labels-002.pdf", "B000007-labels-003.pdf");
        files.Should().OnlyContain(f => File.GetUnixFileMode(f) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        reported.Last().Should().Be(100);
    }

    [Theory]
    [InlineData("a4-sheet-3x8.json", 1)]
    [InlineData("jewelry-tag-30x20.json", 0)]
    [InlineData("a4-jewelry-tags-6x13.json", 0)]
    public async Task The_brand_logo_is_drawn_on_templates_with_room_for_it_and_stored_once_per_file(string templateFile, int images)
    {
        var template = LabelTemplate.Load(RepositoryRoot.Combine("samples", "labels", templateFile));
        var pdf = Path.Combine(folder, "logo.pdf");
        using (var output = File.Create(pdf))
        {
            new LabelPdfWriter(Logo).Write(template, MakeLabels(template.LabelsPerPage + 1), output);
        }

        // pdfimages lists every image drawn (after two header lines): page, num, type, width, height, ...,
        // object number. A PNG's transparency is a mask row of its own; the image rows count.
        var drawn = (await QrDecoder.RunAsync("pdfimages", ["-list", pdf])).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .Select(row => row.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(columns => columns[2] == "image").ToList();

        drawn.Select(columns => columns[10]).Distinct().Should().HaveCount(images, "the logo is stored once however many labels show it");
        drawn.Where(columns => columns[3] != "400" || columns[4] != "100").Should().BeEmpty("the logo is the only image on a label");
        if (images > 0)
        {
            drawn.Select(columns => columns[0]).Distinct().Should().Equal("1", "2");
        }
    }

    [Fact]
    public void The_svg_label_carries_the_logo_only_where_the_template_has_room()
    {
        var label = MakeLabels(1)[0];

        LabelSvg.Render(LabelTemplate.Load(RepositoryRoot.Combine("samples", "labels", "a4-sheet-3x8.json")), label, Logo)
            .Should().Contain("<image").And.Contain("data:image/png;base64,");
        LabelSvg.Render(LabelTemplate.Load(RepositoryRoot.Combine("samples", "labels", "jewelry-tag-30x20.json")), label, Logo)
            .Should().NotContain("<image");
    }

    [Fact]
    public void The_print_file_round_trips_names_with_commas_and_quotes()
    {
        var labels = MakeLabels(2).Select(l => l with { ProductName = "Серьги \"Капля\", золото 585" }).ToList();
        using var writer = new StringWriter();
        LabelCsv.WriteHeader(writer);
        LabelCsv.WriteRows(labels, writer);

        LabelCsv.Read(new StringReader(writer.ToString())).Should().Equal(labels);
    }

    [Fact]
    public void A_file_that_is_not_a_print_file_is_refused_with_a_reason()
    {
        var read = () => LabelCsv.Read(new StringReader("name,price\nring,5\n")).ToList();

        read.Should().Throw<InvalidOperationException>().WithMessage("*not a Club print file*");
    }

    [Fact]
    public void The_svg_label_draws_the_qr_as_a_path_and_escapes_text()
    {
        var template = LabelTemplate.Load(RepositoryRoot.Combine("samples", "labels", "jewelry-tag-30x20.json"));
        var label = MakeLabels(1)[0] with { ProductName = "<b>Ring</b> & more" };

        var svg = LabelSvg.Render(template, label);

        svg.Should().StartWith("<svg").And.Contain("<path fill=\"#000\"").And.Contain(label.ScratchCode)
            .And.Contain("&lt;b&gt;Ring&lt;/b&gt; &amp; more").And.NotContain("<b>");
    }

    [Fact]
    public void The_png_is_a_png()
    {
        var png = QrPng.Render("HTTPS://CLUB.EXAMPLE/T/ABC", QRCoder.QRCodeGenerator.ECCLevel.M);

        png.Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
    }

    [Theory]
    [InlineData("""{ "name": "x" }""", "*")]
    [InlineData("""not json""", "*not a valid template*")]
    [InlineData("""{ "name": "big", "pageWidthMm": 100, "pageHeightMm": 100, "labelWidthMm": 60, "labelHeightMm": 60, "columns": 2, "rows": 1, "qr": { "xMm": 0, "yMm": 0, "sizeMm": 20 }, "serial": { "xMm": 0, "yMm": 20, "widthMm": 20, "heightMm": 5 }, "scratch": { "xMm": 25, "yMm": 0, "widthMm": 30, "heightMm": 10 } }""", "*do not fit on the page*")]
    [InlineData("""{ "name": "tiny qr", "pageWidthMm": 100, "pageHeightMm": 100, "labelWidthMm": 60, "labelHeightMm": 60, "qr": { "xMm": 0, "yMm": 0, "sizeMm": 5 }, "serial": { "xMm": 0, "yMm": 20, "widthMm": 20, "heightMm": 5 }, "scratch": { "xMm": 25, "yMm": 0, "widthMm": 30, "heightMm": 10 } }""", "*at least 9.25 mm*")]
    [InlineData("""{ "name": "outside", "pageWidthMm": 100, "pageHeightMm": 100, "labelWidthMm": 60, "labelHeightMm": 60, "qr": { "xMm": 0, "yMm": 0, "sizeMm": 20 }, "serial": { "xMm": 0, "yMm": 20, "widthMm": 20, "heightMm": 5 }, "scratch": { "xMm": 50, "yMm": 0, "widthMm": 30, "heightMm": 10 } }""", "*scratch must lie inside the label*")]
    [InlineData("""{ "name": "tiny text", "pageWidthMm": 100, "pageHeightMm": 100, "labelWidthMm": 60, "labelHeightMm": 60, "qr": { "xMm": 0, "yMm": 0, "sizeMm": 20 }, "serial": { "xMm": 0, "yMm": 20, "widthMm": 20, "heightMm": 5 }, "product": { "xMm": 25, "yMm": 12, "widthMm": 30, "heightMm": 6, "fontSizePt": 3.5 }, "scratch": { "xMm": 25, "yMm": 0, "widthMm": 30, "heightMm": 10 } }""", "*between 5 and 72 pt*")]
    [InlineData("""{ "name": "small logo", "pageWidthMm": 100, "pageHeightMm": 100, "labelWidthMm": 60, "labelHeightMm": 60, "qr": { "xMm": 0, "yMm": 0, "sizeMm": 20 }, "serial": { "xMm": 0, "yMm": 20, "widthMm": 20, "heightMm": 5 }, "scratch": { "xMm": 25, "yMm": 0, "widthMm": 30, "heightMm": 10 }, "logo": { "xMm": 25, "yMm": 12, "widthMm": 30, "heightMm": 3 } }""", "*logo box must be at least 4 mm high*")]
    public void A_bad_template_is_refused_with_what_is_wrong(string json, string message)
    {
        var file = Path.Combine(folder, "bad.json");
        File.WriteAllText(file, json);

        var load = () => LabelTemplate.Load(file);

        load.Should().Throw<InvalidOperationException>().WithMessage(message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The labels printed with the A4 sheet template into a PDF of this name.</summary>
    private (LabelTemplate Template, string Pdf) PrintOnSheet(IReadOnlyList<Label> labels, string name)
    {
        var template = LabelTemplate.Load(RepositoryRoot.Combine("samples", "labels", "a4-sheet-3x8.json"));
        var pdf = Path.Combine(folder, name);
        using var output = File.Create(pdf);
        new LabelPdfWriter().Write(template, labels, output);
        return (template, pdf);
    }

    /// <summary>Where the QR code of the label in this slot is on its page, in mm.</summary>
    private static (double X, double Y, double Width, double Height) QrArea(LabelTemplate template, int slot)
    {
        var (x, y) = template.LabelOrigin(slot);
        return (x + template.Qr.XMm, y + template.Qr.YMm, template.Qr.SizeMm, template.Qr.SizeMm);
    }

    private static List<Label> MakeLabels(int count)
    {
        var codec = new SerialCodec(TestKeys.SerialBytes);
        return codec.EncodeRange(1000, count)
            .Select(serial => new Label(serial, TagCodes.ScanUrl("https://club.aquamarine.example", serial),
                ScratchCode.Group(ScratchCode.Generate()), "Кольцо «Волна», серебро 925", "B000001"))
            .ToList();
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
