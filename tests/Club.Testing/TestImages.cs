using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Club.Testing;

/// <summary>Pictures made on the fly for upload tests: real photos, one with GPS in its EXIF, and a decompression bomb.</summary>
public static class TestImages
{
    /// <summary>The text hidden in <see cref="JpegWithGps"/>'s EXIF block; a stored copy must not contain it.</summary>
    public const string GpsSecret = "GPS 55.7558N 37.6173E";

    public static byte[] Jpeg(int width = 64, int height = 48) => Encode(width, height, SKEncodedImageFormat.Jpeg);

    public static byte[] Png(int width = 64, int height = 48) => Encode(width, height, SKEncodedImageFormat.Png);

    /// <summary>
    /// A JPEG with an APP1 "Exif" segment right after its start marker, as cameras write it; the segment
    /// carries <see cref="GpsSecret"/> in plain text so a test can look for it in what was stored.
    /// </summary>
    public static byte[] JpegWithGps(int width = 64, int height = 48)
    {
        var jpeg = Jpeg(width, height);
        var payload = Encoding.ASCII.GetBytes("Exif\0\0MM\0*\0\0\0\b" + GpsSecret);
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A tiny PNG whose header declares 65535x65535 pixels (16 GB once decoded).</summary>
    public static byte[] PngBomb()
    {
        var png = Png(1, 1);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 65535);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), 65535);
        return png;
    }

    /// <summary>A small JPEG whose frame header (SOF0) declares <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] JpegDeclaring(ushort width, ushort height)
    {
        var jpeg = Jpeg(8, 8);
        var sof = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC0]);
        // Marker, segment length (2), precision (1), then height and width, big-endian.
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), width);
        return jpeg;
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Gold };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
