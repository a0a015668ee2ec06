using System.Runtime.InteropServices;
using SkiaSharp;
using ZXing;

namespace Club.Infrastructure.Labels.Reading;

/// <summary>
/// ZXing's view of a SkiaSharp picture: one brightness byte per pixel. ZXing.Net ships bindings for other
/// image libraries but none for SkiaSharp, so Skia converts the pixels to 8-bit grey itself and ZXing's
/// base class does the rest (crop, rotation, inversion).
/// </summary>
public sealed class SkiaLuminanceSource : BaseLuminanceSource
{
    private SkiaLuminanceSource(byte[] luminances, int width, int height)
        : base(luminances, width, height)
    {
    }

    public static SkiaLuminanceSource From(SKBitmap bitmap)
    {
        // A transparent pixel has no brightness of its own: it is seen on white paper, as printed.
        using var opaque = bitmap.AlphaType == SKAlphaType.Opaque ? null : OnWhite(bitmap);
        var source = opaque ?? bitmap;
        var grey = new byte[source.Width * source.Height];
        var info = new SKImageInfo(source.Width, source.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        var pinned = GCHandle.Alloc(grey, GCHandleType.Pinned);
        try
        {
            using var pixmap = source.PeekPixels();
            if (!pixmap.ReadPixels(info, pinned.AddrOfPinnedObject(), source.Width, 0, 0))
            {
                throw new InvalidOperationException("SkiaSharp could not convert the picture to grey.");
            }
        }
        finally
        {
            pinned.Free();
        }

        return new SkiaLuminanceSource(grey, source.Width, source.Height);
    }

    protected override LuminanceSource CreateLuminanceSource(byte[] newLuminances, int width, int height) =>
        new SkiaLuminanceSource(newLuminances, width, height);

    private static SKBitmap OnWhite(SKBitmap bitmap)
    {
        var white = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(white);
        canvas.Clear(SKColors.White);
        canvas.DrawBitmap(bitmap, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        return white;
    }
}
