using Club.Application.Features.Tags;
using Club.Infrastructure.Tags;

namespace Club.Infrastructure.Labels;

/// <summary>Public so the factory tool can render labels without starting the database.</summary>
public sealed class LabelRenderer : ILabelRenderer
{
    public string? CheckTemplate(string templatePath)
    {
        try
        {
            LabelTemplate.Load(templatePath);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    public IReadOnlyList<string> Render(
        string printFile, string templatePath, string outputFolder, string filePrefix, LabelFormat format, int labelsPerFile,
        byte[]? logo, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var template = LabelTemplate.Load(templatePath);
        ClubPaths.CreatePrivateFolder(outputFolder);
        using var reader = new StreamReader(printFile);
        var labels = LabelCsv.Read(reader).Select(label =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return label;
        });
        if (format == LabelFormat.Pdf)
        {
            return new LabelPdfWriter(logo).WriteFiles(template, labels, outputFolder, filePrefix, labelsPerFile, progress);
        }

        var files = new List<string>();
        foreach (var label in labels)
        {
            // The name comes from the print file: only a well-formed serial may name a file, never a path.
            var name = label.Serial.Length == SerialCodec.Length && label.Serial.All(char.IsAsciiLetterOrDigit) ? label.Serial : $"label-{files.Count + 1:000000}";
            var file = Path.Combine(outputFolder, $"{name}.{format.ToString().ToLowerInvariant()}");
            if (format == LabelFormat.Svg)
            {
                File.WriteAllText(file, LabelSvg.Render(template, label, logo));
            }
            else
            {
                File.WriteAllBytes(file, QrPng.Render(label.Url, template.EccLevel));
            }

            ClubPaths.MakePrivate(file);
            files.Add(file);
            progress?.Report(files.Count);
        }

        return files;
    }
}
