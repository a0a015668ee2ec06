using Club.Application.Abstractions;
using Club.Application.Features.Tags;
using Club.Infrastructure.Tags;

namespace Club.Infrastructure.Labels;

/// <summary>One tag's new scratch code and its label, with the same template reader and PDF writer as a batch.</summary>
internal sealed class ReplacementLabels(TagCodes codes, IPublicAddress address, ITagPrintFiles printFiles) : IReplacementLabels
{
    public NewScratchCode NewScratchCode()
    {
        var canonical = ScratchCode.Generate();
        return new(ScratchCode.Group(canonical), codes.Scratch.Hash(canonical));
    }

    public string RenderPdf(long tagId, string code, string productName, string batchNumber, string templatePath, byte[]? logo)
    {
        var serial = codes.SerialOf(tagId);
        var label = new Label(serial, TagCodes.ScanUrl(address.BaseUrl, serial), code, productName, batchNumber);
        var folder = printFiles.NewWorkFolder();
        var files = new LabelPdfWriter(logo).WriteFiles(LabelTemplate.Load(templatePath), [label], folder, $"replacement-{serial}-{Guid.NewGuid().ToString("N")[..8]}", 1, null);
        return files[0];
    }
}
