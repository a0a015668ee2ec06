using Club.Application.Abstractions;
using Club.Domain.Training;

namespace Club.Application.Features.Training;

/// <summary>A lesson as the manager typed it, trimmed and checked.</summary>
internal sealed record LessonInput(string Title, string Text, string? VideoUrl);

/// <summary>A question with its options (empty lines dropped) and the positions of the right ones among those kept.</summary>
internal sealed record QuestionInput(string Text, string[] Options, int[] Correct);

/// <summary>The checks shared by adding and editing lessons and questions.</summary>
internal static class TrainingInput
{
    public static (LessonInput? Lesson, Result? Failure) CheckLesson(string? title, string? text, string? videoUrl)
    {
        var cleanTitle = title?.Trim() ?? "";
        var cleanText = text?.Trim() ?? "";
        var video = string.IsNullOrWhiteSpace(videoUrl) ? null : videoUrl.Trim();
        if (cleanTitle.Length is 0 or > Lesson.MaxTitleLength)
        {
            return (null, Result.Fail("Give the lesson a title (up to 200 characters)."));
        }

        if (cleanText.Length > Lesson.MaxTextLength)
        {
            return (null, Result.Fail("The lesson text is too long (up to 20,000 characters)."));
        }

        if (video is not null && (video.Length > Lesson.MaxUrlLength || !Lesson.IsSafeLink(video)))
        {
            return (null, Result.Fail("The video link must start with http:// or https://."));
        }

        return (new LessonInput(cleanTitle, cleanText, video), null);
    }

    public static (QuestionInput? Question, Result? Failure) CheckQuestion(string? text, IReadOnlyList<string?> options, IReadOnlyCollection<int> correct)
    {
        var cleanText = text?.Trim() ?? "";
        if (cleanText.Length is 0 or > Question.MaxTextLength)
        {
            return (null, Result.Fail("Write the question (up to 1,000 characters)."));
        }

        // Keep the positions the manager ticked pointing at the same options after empty lines are dropped.
        var kept = options
            .Select((option, index) => (Text: option?.Trim() ?? "", index))
            .Where(o => o.Text.Length > 0)
            .ToList();
        if (kept.Count is < 2 or > Question.MaxOptions || kept.Any(o => o.Text.Length > Question.MaxOptionLength))
        {
            return (null, Result.Fail("A question needs 2 to 8 options of up to 500 characters."));
        }

        var right = kept.Select((o, position) => (o.index, position)).Where(o => correct.Contains(o.index)).Select(o => o.position).ToArray();
        return right.Length == 0
            ? (null, Result.Fail("Tick at least one right option."))
            : (new QuestionInput(cleanText, kept.Select(o => o.Text).ToArray(), right), null);
    }
}
