using Club.Domain.Media;

namespace Club.Domain.Tests.Media;

public class FileSignatureTests
{
    public static TheoryData<byte[], string?> Files => new()
    {
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], FileSignature.Jpeg },
        { [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], FileSignature.Png },
        { [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8], FileSignature.WebP },
        { [.. "%PDF-1.7\n"u8], FileSignature.Pdf },
        { [.. "<svg onload=alert(1)>"u8], null },
        { [.. "<html><script>alert(1)</script>"u8], null },
        { [.. "  %PDF-1.7"u8], null },
        { [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8], null },
        { [0x89, (byte)'P', (byte)'N'], null },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Knows_a_picture_or_a_pdf_by_its_first_bytes_only(byte[] bytes, string? expected) =>
        FileSignature.PictureOrPdf(bytes).Should().Be(expected);

    [Fact]
    public void A_pdf_is_not_a_picture() =>
        FileSignature.Picture("%PDF-1.4"u8).Should().BeNull();
}
