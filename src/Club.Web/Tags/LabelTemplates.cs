using Club.Application.Features.Tags;

namespace Club.Web.Tags;

/// <summary>
/// The label templates staff can choose from: Club:Labels:TemplateFolder, else samples/labels of the
/// checkout the site runs from.
/// </summary>
public sealed class LabelTemplates(IConfiguration configuration, IWebHostEnvironment environment, ILabelRenderer renderer)
{
    public string? Folder { get; } = configuration["Club:Labels:TemplateFolder"] is { Length: > 0 } configured
        ? configured
        : FindSamples(environment.ContentRootPath);

    public IReadOnlyList<string> Names =>
        Folder is not null && Directory.Exists(Folder)
            ? Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileName(f)).Order().ToList()
            : [];

    /// <summary>The template's path, only for a name from the list (no paths from the form).</summary>
    public string? PathOf(string? name) =>
        name is not null && Names.Contains(name) ? Path.Combine(Folder!, name) : null;

    /// <summary>As <see cref="PathOf"/>, and only when the file is a template the renderer can use.</summary>
    public string? UsablePathOf(string? name) =>
        PathOf(name) is { } path && renderer.CheckTemplate(path) is null ? path : null;

    private static string? FindSamples(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "labels");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
