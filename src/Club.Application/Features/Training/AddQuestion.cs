using Club.Application.Abstractions;
using Club.Domain.Training;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// Adds a question to a course's bank: its options (empty lines ignored) and the positions of the right
/// ones. One right option makes a single-choice question, several a multiple-choice one.
/// </summary>
public sealed record AddQuestionCommand(int CourseId, string? Text, IReadOnlyList<string?> Options, IReadOnlyCollection<int> Correct) : ICommand<Result>;

public sealed class AddQuestionHandler(IClubDbFactory dbFactory) : ICommandHandler<AddQuestionCommand, Result>
{
    public async ValueTask<Result> Handle(AddQuestionCommand command, CancellationToken cancellationToken)
    {
        var text = command.Text?.Trim() ?? "";
        if (text.Length is 0 or > Question.MaxTextLength)
        {
            return Result.Fail("Write the question (up to 1,000 characters).");
        }

        // Keep the positions the manager ticked pointing at the same options after empty lines are dropped.
        var kept = command.Options
            .Select((option, index) => (Text: option?.Trim() ?? "", index))
            .Where(o => o.Text.Length > 0)
            .ToList();
        if (kept.Count is < 2 or > Question.MaxOptions || kept.Any(o => o.Text.Length > Question.MaxOptionLength))
        {
            return Result.Fail("A question needs 2 to 8 options of up to 500 characters.");
        }

        var correct = kept.Select((o, position) => (o.index, position)).Where(o => command.Correct.Contains(o.index)).Select(o => o.position).ToArray();
        if (correct.Length == 0)
        {
            return Result.Fail("Tick at least one right option.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.Courses.AnyAsync(c => c.Id == command.CourseId, cancellationToken))
        {
            return Result.Fail("This course does not exist.");
        }

        db.Questions.Add(new Question
        {
            CourseId = command.CourseId, Text = text, Options = kept.Select(o => o.Text).ToArray(), Correct = correct, Multiple = correct.Length > 1,
        });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
