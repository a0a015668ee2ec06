using Club.Application.Validation;
using Club.Domain.Training;
using FluentValidation;

namespace Club.Application.Features.Training;

/// <summary>The fields a lesson is added or edited with.</summary>
public interface ILessonFields
{
    string? Title { get; }
    string? Text { get; }
    string? VideoUrl { get; }
}

/// <summary>The fields a question is added or edited with: options as typed, and the indexes of the ticked ones.</summary>
public interface IQuestionFields
{
    string? Text { get; }
    IReadOnlyList<string?> Options { get; }
    IReadOnlyCollection<int> Correct { get; }
}

/// <summary>A lesson as the manager typed it, trimmed.</summary>
internal sealed record LessonInput(string Title, string Text, string? VideoUrl);

/// <summary>A question with its options (empty lines dropped) and the positions of the right ones among those kept.</summary>
internal sealed record QuestionInput(string Text, string[] Options, int[] Correct);

/// <summary>The rules and the clean-up shared by adding and editing lessons and questions.</summary>
internal static class TrainingInput
{
    public static void LessonRules<T>(this CommandValidator<T> validator)
        where T : ILessonFields
    {
        validator.RuleFor(c => c.Title).Must(t => t?.Trim().Length is > 0 and <= Lesson.MaxTitleLength)
            .WithKey("Give the lesson a title (up to {0} characters).", Lesson.MaxTitleLength);
        validator.RuleFor(c => c.Text).Must(t => (t?.Trim().Length ?? 0) <= Lesson.MaxTextLength)
            .WithKey("The lesson text is too long (up to {0:N0} characters).", Lesson.MaxTextLength);
        validator.RuleFor(c => c.VideoUrl).Must(v => string.IsNullOrWhiteSpace(v) || (v.Trim().Length <= Lesson.MaxUrlLength && Lesson.IsSafeLink(v.Trim())))
            .WithKey("The video link must start with http:// or https://.");
    }

    public static void QuestionRules<T>(this CommandValidator<T> validator)
        where T : IQuestionFields
    {
        validator.RuleFor(c => c.Text).Must(t => t?.Trim().Length is > 0 and <= Question.MaxTextLength)
            .WithKey("Write the question (up to {0:N0} characters).", Question.MaxTextLength);
        validator.RuleFor(c => c.Options).Must(o => Kept(o) is { Count: >= 2 and <= Question.MaxOptions } kept && kept.All(k => k.Text.Length <= Question.MaxOptionLength))
            .WithKey("A question needs {0} to {1} options of up to {2} characters.", 2, Question.MaxOptions, Question.MaxOptionLength);
        validator.RuleFor(c => c.Correct).Must((c, correct) => Kept(c.Options).Any(k => correct.Contains(k.Index)))
            .WithKey("Tick at least one right option.");
    }

    public static LessonInput CleanLesson(ILessonFields fields) =>
        new(fields.Title?.Trim() ?? "", fields.Text?.Trim() ?? "", string.IsNullOrWhiteSpace(fields.VideoUrl) ? null : fields.VideoUrl.Trim());

    public static QuestionInput CleanQuestion(IQuestionFields fields)
    {
        var kept = Kept(fields.Options);
        // Keep the positions the manager ticked pointing at the same options after empty lines are dropped.
        var right = kept.Select((o, position) => (o.Index, position)).Where(o => fields.Correct.Contains(o.Index)).Select(o => o.position).ToArray();
        return new(fields.Text?.Trim() ?? "", kept.Select(o => o.Text).ToArray(), right);
    }

    private static List<(string Text, int Index)> Kept(IReadOnlyList<string?> options) =>
        options.Select((option, index) => (Text: option?.Trim() ?? "", index)).Where(o => o.Text.Length > 0).ToList();
}
