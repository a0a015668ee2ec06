using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Club.Web.Components.Pages.Training;

/// <summary>Helpers of the course editor's pages.</summary>
internal static class TrainingForms
{
    /// <summary>Option inputs a question form offers (the most a question may have).</summary>
    public const int OptionSlots = Club.Domain.Training.Question.MaxOptions;

    /// <summary>A file's size as people read it ("1.4 MB", "35 KB").</summary>
    public static string FileSize(this IStringLocalizer localizer, int bytes) =>
        bytes >= 1024 * 1024
            ? localizer["{0} MB", (bytes / 1048576.0).ToString("0.0", CultureInfo.CurrentCulture)]
            : localizer["{0} KB", Math.Max(1, bytes / 1024)];
}

/// <summary>
/// A page with the question form (<see cref="QuestionFields"/>, form name "question"): its fields bound by
/// the names the form posts, questionText, option0 to option7 (one per slot) and right (once per ticked slot).
/// </summary>
public abstract class QuestionFormPage : ComponentBase
{
    private const string Form = "question";

    [SupplyParameterFromForm(FormName = Form, Name = "questionText")] protected string? QuestionText { get; set; }
    [SupplyParameterFromForm(FormName = Form, Name = "right")] protected string[]? Right { get; set; }
    [SupplyParameterFromForm(FormName = Form, Name = "option0")] protected string? Option0 { get; set; }
    [SupplyParameterFromForm(FormName = Form, Name = "option1")] protected string? Option1 { get; set; }
    [SupplyParameterFromForm(FormName = Form, Name = "option2")] protected string? Option2 { get; set; }
    [SupplyParameterFromForm(FormName = Form, Name = "option3")] protected string? Option3 { get; set; }
    [SupplyParameterFromForm(FormName = Form, Name = "option4")] protected string? Option4 { get; set; }
    [SupplyParameterFromForm(FormName = Form, Name = "option5")] protected string? Option5 { get; set; }
    [SupplyParameterFromForm(FormName = Form, Name = "option6")] protected string? Option6 { get; set; }
    [SupplyParameterFromForm(FormName = Form, Name = "option7")] protected string? Option7 { get; set; }

    /// <summary>The posted question: text, options in slot order and the slots ticked right (a forged slot is -1).</summary>
    protected (string? Text, List<string?> Options, HashSet<int> Right) PostedQuestion()
    {
        List<string?> options = [Option0, Option1, Option2, Option3, Option4, Option5, Option6, Option7];
        // One bound property per slot: a question allowed more options needs more properties here.
        System.Diagnostics.Debug.Assert(options.Count == TrainingForms.OptionSlots);
        var right = (Right ?? []).Select(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : -1).ToHashSet();
        return (QuestionText, options, right);
    }
}
