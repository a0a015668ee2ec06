using Mediator;

namespace Club.Application.Features.Tags;

/// <summary>
/// Renders the labels of a batch print file into <paramref name="OutputFolder"/>: the step after a batch
/// is created, the same for the back office's batch job and the factory tool's <c>labels render</c>.
/// Files are named after <paramref name="FilePrefix"/> (default: the print file's name).
/// <paramref name="Logo"/>: the brand's logo for templates with room for it (the factory tool has no
/// database, so the caller supplies it).
/// </summary>
public sealed record RenderLabelsCommand(
    string PrintFile, string TemplatePath, string OutputFolder, LabelFormat Format = LabelFormat.Pdf,
    int LabelsPerFile = RenderLabelsCommand.DefaultLabelsPerFile, string? FilePrefix = null, byte[]? Logo = null) : ICommand<RenderLabelsResult>
{
    /// <summary>Keeps a PDF file's memory flat for large batches.</summary>
    public const int DefaultLabelsPerFile = 5_000;
    public const int MaxLabelsPerFile = 100_000;

    /// <summary>Labels done so far.</summary>
    public IProgress<int>? Progress { get; init; }
}

public sealed record RenderLabelsResult(string? Error, IReadOnlyList<string> Files)
{
    public bool Succeeded => Error is null;
}

public sealed class RenderLabelsHandler(ILabelRenderer renderer) : ICommandHandler<RenderLabelsCommand, RenderLabelsResult>
{
    public async ValueTask<RenderLabelsResult> Handle(RenderLabelsCommand command, CancellationToken cancellationToken)
    {
        var error = !File.Exists(command.PrintFile) ? $"The print file '{command.PrintFile}' does not exist."
            : command.LabelsPerFile is < 1 or > RenderLabelsCommand.MaxLabelsPerFile ? $"Labels per file must be from 1 to {RenderLabelsCommand.MaxLabelsPerFile:N0}."
            : !Enum.IsDefined(command.Format) ? "Choose PDF, SVG or PNG."
            : renderer.CheckTemplate(command.TemplatePath) is { } templateError ? $"The label template cannot be used: {templateError}"
            : null;
        if (error is not null)
        {
            return new(error, []);
        }

        var prefix = command.FilePrefix ?? Path.GetFileNameWithoutExtension(command.PrintFile);
        // Drawing tens of thousands of labels is CPU work: off the request's or the job's thread.
        var files = await Task.Run(
            () => renderer.Render(command.PrintFile, command.TemplatePath, command.OutputFolder, prefix, command.Format,
                command.LabelsPerFile, command.Logo, command.Progress, cancellationToken),
            cancellationToken);
        return new(null, files);
    }
}
