using System.Text;

namespace Club.Infrastructure.Labels;

/// <summary>
/// The print file handed to a print house: one row per tag (serial, url, scratch_code, batch, product),
/// RFC 4180 quoting. It holds the plain scratch codes, so it lives in owner-only folders.
/// </summary>
public static class LabelCsv
{
    public const string Header = "serial,url,scratch_code,batch,product";

    public static void WriteHeader(TextWriter writer) => writer.WriteLine(Header);

    public static void WriteRows(IEnumerable<Label> labels, TextWriter writer)
    {
        foreach (var label in labels)
        {
            writer.Write(label.Serial);
            writer.Write(',');
            writer.Write(label.Url);
            writer.Write(',');
            writer.Write(label.ScratchCode);
            writer.Write(',');
            writer.Write(label.BatchNumber);
            writer.Write(',');
            writer.WriteLine(Quote(label.ProductName));
        }
    }

    /// <summary>Reads lazily, one row at a time, so a million-row file never sits in memory.</summary>
    public static IEnumerable<Label> Read(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header != Header)
        {
            throw new InvalidOperationException($"This is not a Club print file: the first line must be '{Header}'.");
        }

        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = Split(line);
            if (fields.Count != 5)
            {
                throw new InvalidOperationException($"Line {lineNumber} of the print file has {fields.Count} fields instead of 5.");
            }

            yield return new Label(fields[0], fields[1], fields[2], fields[4], fields[3]);
        }
    }

    /// <summary>RFC 4180 quoting; line breaks become spaces, so every label is one line to read back.</summary>
    private static string Quote(string value)
    {
        value = value.ReplaceLineEndings(" ");
        return value.AsSpan().IndexOfAny(",\"") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>(5);
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
