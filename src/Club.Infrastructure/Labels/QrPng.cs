using QRCoder;

namespace Club.Infrastructure.Labels;

/// <summary>A QR code alone as PNG (QRCoder's own encoder, no System.Drawing), for systems that want images.</summary>
public static class QrPng
{
    public static byte[] Render(string url, QRCodeGenerator.ECCLevel ecc, int pixelsPerModule = 10)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, ecc);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
