using Club.Domain.Media;
using SkiaSharp;

namespace Club.Infrastructure.Persistence.DemoData;

/// <summary>
/// Product-shot-like pictures of the demo gifts, drawn at seed time (no bundled or downloaded photos):
/// a soft studio background, a shadow, the piece in gold or silver with an aquamarine stone. A few
/// milliseconds each; the shape follows the gift's name (ring, earrings, pendant, bracelet, brooch, necklace).
/// </summary>
internal static class DemoGiftPictures
{
    private const int Size = 480;

    public static string ContentType => FileSignature.Jpeg;

    public static byte[] Draw(string title)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        var center = new SKPoint(Size / 2f, Size / 2f);

        using (var background = new SKPaint { IsAntialias = true })
        {
            background.Shader = SKShader.CreateRadialGradient(new SKPoint(Size * 0.4f, Size * 0.35f), Size * 0.9f,
                [new SKColor(0xFB, 0xF8, 0xF4), new SKColor(0xE4, 0xE9, 0xEE)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, Size, Size, background);
        }

        using (var shadow = new SKPaint { IsAntialias = true, Color = new SKColor(0x40, 0x48, 0x55, 0x30) })
        {
            shadow.MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 14);
            canvas.DrawOval(new SKRect(center.X - 150, center.Y + 140, center.X + 150, center.Y + 175), shadow);
        }

        var gold = title.Contains("Кольцо", StringComparison.Ordinal) || title.Contains("Кулон", StringComparison.Ordinal);
        using var metal = MetalPaint(gold);
        using var stone = StonePaint();
        switch (Shape(title))
        {
            case "ring":
                canvas.DrawOval(new SKRect(center.X - 95, center.Y - 40, center.X + 95, center.Y + 120), metal);
                Gem(canvas, stone, new SKPoint(center.X, center.Y - 50), 42);
                break;
            case "earrings":
                foreach (var x in new[] { center.X - 80, center.X + 80 })
                {
                    canvas.DrawCircle(x, center.Y - 80, 16, metal);
                    Drop(canvas, stone, new SKPoint(x, center.Y + 10), 48);
                }

                break;
            case "bracelet":
                canvas.DrawOval(new SKRect(center.X - 170, center.Y - 90, center.X + 170, center.Y + 110), metal);
                for (var i = 0; i < 7; i++)
                {
                    var angle = Math.PI * (0.15 + i * 0.7 / 6);
                    Gem(canvas, stone, new SKPoint(center.X + 170 * (float)Math.Cos(angle), center.Y + 10 + 100 * (float)Math.Sin(angle)), 14);
                }

                break;
            case "brooch":
                using (var wing = StonePaint(alpha: 0x90))
                {
                    foreach (var (dx, dy, w) in new[] { (-1f, -1f, 130f), (1f, -1f, 130f), (-1f, 1f, 105f), (1f, 1f, 105f) })
                    {
                        canvas.Save();
                        canvas.Translate(center.X + dx * w / 2, center.Y + dy * 28);
                        canvas.RotateDegrees(dx * dy * -14);
                        canvas.DrawOval(new SKRect(-w / 2, -26, w / 2, 26), wing);
                        canvas.Restore();
                    }
                }

                canvas.DrawRoundRect(new SKRect(center.X - 12, center.Y - 110, center.X + 12, center.Y + 150), 12, 12, metal);
                break;
            case "necklace":
                canvas.DrawArc(new SKRect(center.X - 180, center.Y - 230, center.X + 180, center.Y + 120), 20, 140, false, metal);
                for (var i = 0; i <= 10; i++)
                {
                    var angle = Math.PI / 180 * (25 + i * 13);
                    var pearl = new SKPoint(center.X + 180 * (float)Math.Cos(angle), center.Y - 55 + 175 * (float)Math.Sin(angle));
                    using var shine = new SKPaint { IsAntialias = true };
                    shine.Shader = SKShader.CreateRadialGradient(new SKPoint(pearl.X - 5, pearl.Y - 5), 20,
                        [SKColors.White, new SKColor(0xE8, 0xE0, 0xD6)], SKShaderTileMode.Clamp);
                    canvas.DrawCircle(pearl, 16, shine);
                }

                break;
            default:
                // A pendant on its chain: a star for «Морская звезда», a drop otherwise.
                canvas.DrawArc(new SKRect(center.X - 150, center.Y - 260, center.X + 150, center.Y + 40), 15, 150, false, metal);
                if (title.Contains("звезда", StringComparison.Ordinal))
                {
                    Star(canvas, metal, new SKPoint(center.X, center.Y + 80), 80);
                    Gem(canvas, stone, new SKPoint(center.X, center.Y + 80), 22);
                }
                else
                {
                    Drop(canvas, stone, new SKPoint(center.X, center.Y + 80), 60);
                }

                break;
        }

        using var image = surface.Snapshot();
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return encoded.ToArray();
    }

    private static string Shape(string title) => title switch
    {
        _ when title.StartsWith("Кольцо", StringComparison.Ordinal) => "ring",
        _ when title.StartsWith("Серьги", StringComparison.Ordinal) => "earrings",
        _ when title.StartsWith("Браслет", StringComparison.Ordinal) => "bracelet",
        _ when title.StartsWith("Брошь", StringComparison.Ordinal) => "brooch",
        _ when title.StartsWith("Колье", StringComparison.Ordinal) => "necklace",
        _ => "pendant",
    };

    private static SKPaint MetalPaint(bool gold)
    {
        var (light, dark) = gold
            ? (new SKColor(0xF6, 0xDC, 0x8C), new SKColor(0xB8, 0x8A, 0x2E))
            : (new SKColor(0xF4, 0xF6, 0xF8), new SKColor(0x8E, 0x98, 0xA3));
        return new SKPaint
        {
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeWidth = 16,
            StrokeCap = SKStrokeCap.Round,
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(Size, Size), [light, dark, light], SKShaderTileMode.Mirror),
        };
    }

    private static SKPaint StonePaint(byte alpha = 0xFF) => new()
    {
        IsAntialias = true,
        Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(Size / 4f, Size / 4f),
            [new SKColor(0xB8, 0xEC, 0xF2, alpha), new SKColor(0x3F, 0xA7, 0xC0, alpha)], SKShaderTileMode.Mirror),
    };

    private static void Gem(SKCanvas canvas, SKPaint stone, SKPoint at, float radius)
    {
        canvas.DrawCircle(at, radius, stone);
        using var glint = new SKPaint { IsAntialias = true, Color = new SKColor(0xFF, 0xFF, 0xFF, 0xB0) };
        canvas.DrawCircle(at.X - radius * 0.35f, at.Y - radius * 0.35f, radius * 0.2f, glint);
    }

    private static void Drop(SKCanvas canvas, SKPaint stone, SKPoint at, float radius)
    {
        using var builder = new SKPathBuilder();
        builder.MoveTo(at.X, at.Y - radius * 1.6f);
        builder.CubicTo(at.X + radius * 1.1f, at.Y - radius * 0.2f, at.X + radius, at.Y + radius, at.X, at.Y + radius);
        builder.CubicTo(at.X - radius, at.Y + radius, at.X - radius * 1.1f, at.Y - radius * 0.2f, at.X, at.Y - radius * 1.6f);
        using var path = builder.Detach();
        canvas.DrawPath(path, stone);
        using var glint = new SKPaint { IsAntialias = true, Color = new SKColor(0xFF, 0xFF, 0xFF, 0xA0) };
        canvas.DrawOval(new SKRect(at.X - radius * 0.5f, at.Y - radius * 0.3f, at.X - radius * 0.2f, at.Y + radius * 0.3f), glint);
    }

    private static void Star(SKCanvas canvas, SKPaint metal, SKPoint at, float radius)
    {
        using var builder = new SKPathBuilder();
        for (var i = 0; i < 10; i++)
        {
            var r = i % 2 == 0 ? radius : radius * 0.45f;
            var angle = Math.PI / 5 * i - Math.PI / 2;
            var point = new SKPoint(at.X + r * (float)Math.Cos(angle), at.Y + r * (float)Math.Sin(angle));
            if (i == 0)
            {
                builder.MoveTo(point);
            }
            else
            {
                builder.LineTo(point);
            }
        }

        builder.Close();
        using var path = builder.Detach();
        canvas.DrawPath(path, metal);
    }
}
