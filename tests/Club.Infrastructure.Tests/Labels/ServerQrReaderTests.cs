using Club.Infrastructure.Labels;
using Club.Infrastructure.Labels.Reading;
using Club.Infrastructure.Tags;
using Club.Testing;

namespace Club.Infrastructure.Tests.Labels;

/// <summary>The server's photo fallback (ZXing.Net over SkiaSharp) on what a seller's phone sends.</summary>
public sealed class ServerQrReaderTests
{
    private readonly ServerQrReader reader = new(new PdfRasteriser());

    [Fact]
    public async Task A_12_megapixel_photo_of_a_tag_turned_blurred_and_compressed_is_read()
    {
        var (url, scan) = await ScanOfOneTagAsync();
        var photo = LabelPhotos.Photograph(scan);

        var read = reader.ReadPhoto(photo);

        (read.Text, read.Error).Should().Be((url, null));
    }

    [Fact]
    public async Task A_photo_without_a_code_reads_nothing_and_a_file_that_is_not_a_picture_is_refused()
    {
        var (_, scan) = await ScanOfOneTagAsync();

        reader.ReadPhoto(LabelPhotos.Photograph(scan, scale: 0.01f)).Should().Be(new Club.Application.Abstractions.QrPhotoRead(null, null));
        reader.ReadPhoto("%PDF-1.7 not a photo"u8.ToArray()).Error!.Text.Should().Be("This is not a JPEG, PNG or WebP picture.");
    }

    /// <summary>One jewelry tag printed as for the roll printer, scanned at 300 dpi.</summary>
    private static async Task<(string Url, byte[] Scan)> ScanOfOneTagAsync()
    {
        var template = LabelTemplate.Load(RepositoryRoot.Combine("samples", "labels", "jewelry-tag-30x20.json"));
        var serial = new SerialCodec(TestKeys.SerialBytes).Encode(4242);
        var label = new Label(serial, TagCodes.ScanUrl("https://club.aquamarine.example", serial), ScratchCode.Group(ScratchCode.Generate()), "Серьги «Капля»", "B000001");
        return (label.Url, await LabelPhotos.ScanAsync(template, label));
    }
}
