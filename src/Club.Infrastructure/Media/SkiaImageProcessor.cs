using System.Buffers.Binary;
using Club.Application.Abstractions;
using Club.Domain.Media;
using SkiaSharp;

namespace Club.Infrastructure.Media;

/// <summary>
/// <see cref="IImageProcessor"/> on SkiaSharp. Only the decoded pixels are encoded again, so nothing of
/// the uploaded file but the picture survives (no EXIF, no GPS, no trailing data); the EXIF orientation
/// is applied first so a phone photo is not stored lying on its side.
/// </summary>
public sealed class SkiaImageProcessor : IImageProcessor
{
    /// <summary>
    /// A 24 MP camera photo (6000x4000) decodes to about 96 MB of pixels; a file declaring more is refused
    /// from its header, before decoding, as a small file that claims 65535x65535 would take gigabytes.
    /// </summary>
    public const long MaxPixels = 24_000_000;

    /// <summary>
    /// Decodes at once per process: each may hold about 100 MB, so a burst of uploads queues here instead
    /// of exhausting memory. Two, because the site runs on small machines; pictures are rare back-office work.
    /// </summary>
    public const int MaxConcurrentDecodes = 2;

    private static readonly TimeSpan DecodeWait = TimeSpan.FromSeconds(30);
    private static readonly SemaphoreSlim Decodes = new(MaxConcurrentDecodes, MaxConcurrentDecodes);

    private const int JpegQuality = 85;

    public ImageResult Process(byte[] upload, ImageSize size) =>
        WithDecodeSlot(
            () =>
            {
                using var upright = DecodeUpright(upload, size.MaxSide, out var error);
                if (upright is null)
                {
                    return ImageResult.Refused(error!);
                }

                var opaque = upright.AlphaType == SKAlphaType.Opaque;
                using var bounded = Fit(upright, size.MaxSide);
                using var thumbnail = Fit(bounded, size.ThumbnailSide);
                return new ImageResult(
                    new ProcessedImage(opaque ? FileSignature.Jpeg : FileSignature.Png, Encode(bounded, opaque), bounded.Width, bounded.Height, Encode(thumbnail, opaque)),
                    null);
            },
            busy => ImageResult.Refused(busy));

    /// <summary>
    /// Runs <paramref name="work"/> in one of the <see cref="MaxConcurrentDecodes"/> decode slots shared by
    /// every upload of the process (photos, logos, print proofs); <paramref name="busy"/> when none frees up in time.
    /// </summary>
    public static T WithDecodeSlot<T>(Func<T> work, Func<UserMessage, T> busy)
    {
        if (!Decodes.Wait(DecodeWait))
        {
            return busy("Too many pictures are being processed right now. Try again in a minute.");
        }

        try
        {
            return work();
        }
        finally
        {
            Decodes.Release();
        }
    }

    /// <summary>
    /// The upload's pixels, upright (EXIF orientation applied) and, where the format allows (JPEG), decoded
    /// at a reduced scale near <paramref name="maxSide"/>; callers <see cref="Fit"/> it exactly. Null with the
    /// reason for anything but a JPEG, PNG or WebP whose header declares at most <see cref="MaxPixels"/>.
    /// Call it inside <see cref="WithDecodeSlot"/>.
    /// </summary>
    public static SKBitmap? DecodeUpright(byte[] upload, int maxSide, out UserMessage? error)
    {
        error = null;
        var type = FileSignature.Picture(upload);
        if (type is null)
        {
            error = "This is not a JPEG, PNG or WebP picture.";
            return null;
        }

        // PNG's header is read here rather than trusting the decoder to refuse huge sizes: libpng rejects
        // some with a generic error, and the user should hear that the picture is too large.
        if (type == FileSignature.Png && PngDimensions(upload) is { } png && TooLarge(png.Width, png.Height))
        {
            error = TooLargeMessage;
            return null;
        }

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        // The header must say what the first bytes said: a file that starts like a PNG but is read as
        // something else (or not at all) is refused, not handed to another decoder.
        if (codec is null || ContentType(codec.EncodedFormat) != type)
        {
            error = Unreadable;
            return null;
        }

        if (TooLarge(codec.Info.Width, codec.Info.Height))
        {
            error = TooLargeMessage;
            return null;
        }

        using var decoded = DecodePixels(codec, maxSide);
        if (decoded is null)
        {
            error = Unreadable;
            return null;
        }

        return Orient(decoded, codec.EncodedOrigin);
    }

    private const string Unreadable = "The picture could not be read. Save it again as JPEG or PNG and retry.";

    private static string? ContentType(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => FileSignature.Jpeg,
        SKEncodedImageFormat.Png => FileSignature.Png,
        SKEncodedImageFormat.Webp => FileSignature.WebP,
        _ => null,
    };

    private static bool TooLarge(int width, int height) => width <= 0 || height <= 0 || (long)width * height > MaxPixels;

    private static UserMessage TooLargeMessage => new("The picture is too large: at most {0} megapixels.", [MaxPixels / 1_000_000]);

    /// <summary>The width and height a PNG's IHDR chunk declares (bytes 16 to 23), or null if the header is cut short.</summary>
    private static (int Width, int Height)? PngDimensions(byte[] png) =>
        png.Length < 24 ? null
        : ((int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16, 4)), int.MaxValue),
           (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20, 4)), int.MaxValue));

    /// <summary>Decodes at a reduced scale when the format allows it (JPEG does), so a big photo never needs its full size in memory.</summary>
    private static SKBitmap? DecodePixels(SKCodec codec, int maxSide)
    {
        var scale = Math.Min(1f, (float)maxSide / Math.Max(codec.Info.Width, codec.Info.Height));
        var scaled = codec.GetScaledDimensions(scale);
        if (Math.Max(scaled.Width, scaled.Height) < Math.Min(maxSide, Math.Max(codec.Info.Width, codec.Info.Height)))
        {
            // The codec's nearest scale can be below the target (JPEG scales in eighths): decode in full and resize.
            scaled = codec.Info.Size;
        }

        var info = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888,
            codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is SKCodecResult.Success or SKCodecResult.IncompleteInput)
        {
            return bitmap;
        }

        bitmap.Dispose();
        return null;
    }

    /// <summary>Draws the picture the way its EXIF orientation says it is meant to be seen.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        float w = source.Width, h = source.Height;
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(new SKImageInfo(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.Transparent);
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        return result;
    }

    /// <summary>The picture no larger than <paramref name="maxSide"/> on its longest side (a new bitmap either way).</summary>
    public static SKBitmap Fit(SKBitmap source, int maxSide)
    {
        var scale = Math.Min(1d, (double)maxSide / Math.Max(source.Width, source.Height));
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        return source.Resize(new SKImageInfo(width, height, source.ColorType, source.AlphaType), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw new InvalidOperationException("SkiaSharp could not resize the picture.");
    }

    private static byte[] Encode(SKBitmap bitmap, bool opaque)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(opaque ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, JpegQuality);
        return encoded.ToArray();
    }
}
