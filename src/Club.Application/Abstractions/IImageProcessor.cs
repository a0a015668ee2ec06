namespace Club.Application.Abstractions;

/// <summary>
/// Turns an uploaded picture into what the site stores: decoded and re-encoded (so EXIF, GPS and
/// anything hidden in the file are dropped), no larger than <see cref="ImageSize.MaxSide"/>, with a thumbnail.
/// Files that are not JPEG, PNG or WebP, or that declare more pixels than we are willing to decode
/// (a "decompression bomb"), are refused before any pixel is decoded.
/// </summary>
public interface IImageProcessor
{
    ImageResult Process(byte[] upload, ImageSize size);
}

/// <param name="MaxSide">The longest side of the stored picture, in pixels.</param>
/// <param name="ThumbnailSide">The longest side of the thumbnail.</param>
public sealed record ImageSize(int MaxSide, int ThumbnailSide)
{
    public static ImageSize ProductPhoto { get; } = new(1600, 400);
    public static ImageSize Logo { get; } = new(512, 128);
}

public sealed record ProcessedImage(string ContentType, byte[] Content, int Width, int Height, byte[] Thumbnail);

/// <summary>The processed picture, or the message that says why the upload was refused.</summary>
public sealed record ImageResult(ProcessedImage? Image, UserMessage? Error)
{
    public static ImageResult Refused(UserMessage error) => new(null, error);
}
