using Club.Application.Abstractions;
using QRCoder;

namespace Club.Infrastructure.Labels;

internal sealed class QrImages : IQrImages
{
    public string PngDataUri(string text) =>
        "data:image/png;base64," + Convert.ToBase64String(QrPng.Render(text, QRCodeGenerator.ECCLevel.M, pixelsPerModule: 8));
}
