namespace Club.Application.Abstractions;

/// <summary>QR codes as images for pages (a seller's card), drawn by Infrastructure's QR encoder.</summary>
public interface IQrImages
{
    /// <summary>The QR code of <paramref name="text"/> as a PNG data URI, ready for an img element.</summary>
    string PngDataUri(string text);
}
