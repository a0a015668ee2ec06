using QRCoder;

namespace Club.Infrastructure.Labels;

/// <summary>
/// The dark modules of a QR code as horizontal runs (row, first column, length), quiet zone included:
/// a vector label draws one rectangle per run instead of one per module.
/// </summary>
public sealed class QrModules
{
    private QrModules(int size, List<(int Row, int Column, int Length)> runs)
    {
        Size = size;
        Runs = runs;
    }

    /// <summary>Modules per side, including the 4-module quiet zone on each side.</summary>
    public int Size { get; }

    public IReadOnlyList<(int Row, int Column, int Length)> Runs { get; }

    public static QrModules Encode(QRCodeGenerator generator, string text, QRCodeGenerator.ECCLevel ecc)
    {
        using var data = generator.CreateQrCode(text, ecc);
        var matrix = data.ModuleMatrix;
        var runs = new List<(int, int, int)>(matrix.Count * 8);
        for (var row = 0; row < matrix.Count; row++)
        {
            var line = matrix[row];
            for (var column = 0; column < line.Length;)
            {
                if (!line[column])
                {
                    column++;
                    continue;
                }

                var start = column;
                while (column < line.Length && line[column])
                {
                    column++;
                }

                runs.Add((row, start, column - start));
            }
        }

        return new QrModules(matrix.Count, runs);
    }
}
