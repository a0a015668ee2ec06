using Club.Domain.Media;

namespace Club.Domain.Tests.Media;

public class SafeFileNameTests
{
    [Theory]
    [InlineData("Памятка продавца.pdf", FileSignature.Pdf, "Памятка продавца.pdf")]
    [InlineData("PHOTO.JPEG", FileSignature.Jpeg, "PHOTO.jpeg")]
    [InlineData("../../etc/passwd", FileSignature.Pdf, "passwd.pdf")]
    [InlineData("C:\\Users\\me\\Desktop\\report.pdf", FileSignature.Pdf, "report.pdf")]
    [InlineData("evil.html", FileSignature.Pdf, "evil.html.pdf")]
    [InlineData("picture.pdf", FileSignature.Png, "picture.pdf.png")]
    [InlineData("\"; filename=evil.html", FileSignature.Pdf, "filename=evil.html.pdf")]
    [InlineData("a\r\nSet-Cookie: x=1.pdf", FileSignature.Pdf, "a__Set-Cookie_ x=1.pdf")]
    [InlineData("invoice\u202Efdp.exe", FileSignature.Pdf, "invoice_fdp.exe.pdf")]
    [InlineData("<img src=x onerror=alert(1)>.png", FileSignature.Png, "img src=x onerror=alert(1).png")]
    [InlineData("...", FileSignature.Png, "file.png")]
    [InlineData(null, FileSignature.WebP, "file.webp")]
    [InlineData("", FileSignature.Pdf, "file.pdf")]
    public void Keeps_what_is_readable_and_drops_what_could_do_harm(string? uploaded, string contentType, string expected) =>
        SafeFileName.For(uploaded, contentType).Should().Be(expected);

    [Fact]
    public void A_long_name_is_cut_but_keeps_its_extension()
    {
        var name = SafeFileName.For(new string('я', 500) + ".pdf", FileSignature.Pdf);

        name.Should().HaveLength(SafeFileName.MaxLength).And.EndWith("я.pdf");
    }
}
