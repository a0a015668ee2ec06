using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Club.Web.Components.Pages.Training;

/// <summary>Reads the course editor's question fields (values by name: <see cref="FormValues"/>).</summary>
internal static class TrainingForms
{
    /// <summary>Option inputs a question form offers (the most a question may have).</summary>
    public const int OptionSlots = Club.Domain.Training.Question.MaxOptions;

    /// <summary>A file's size as people read it ("1.4 MB", "35 KB").</summary>
    public static string FileSize(this IStringLocalizer localizer, int bytes) =>
        bytes >= 1024 * 1024
            ? localizer["{0} MB", (bytes / 1048576.0).ToString("0.0", CultureInfo.CurrentCulture)]
            : localizer["{0} KB", Math.Max(1, bytes / 1024)];

    /// <summary>The fields of <see cref="QuestionFields"/>: text, options (in slot order) and the slots ticked right.</summary>
    public static (string? Text, List<string?> Options, HashSet<int> Right) Question(this HttpContext http) =>
        (http.Value("questionText"),
         Enumerable.Range(0, OptionSlots).Select(i => http.Value($"option{i}")).ToList(),
         http.Request.HasFormContentType
             ? http.Request.Form["right"].Select(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : -1).ToHashSet()
             : []);
}
