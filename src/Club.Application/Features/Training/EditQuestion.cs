using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A program manager edits a question of the bank. Stored answers refer to options by position and were
/// graded against the right ones, so once sellers have answered a question only its wording may change:
/// the same number of options, the same right ones. To ask something else, remove it and add a new one.
/// </summary>
public sealed record EditQuestionCommand(int CourseId, int QuestionId, string? Text, IReadOnlyList<string?> Options, IReadOnlyCollection<int> Correct)
    : ICommand<Result>, IQuestionFields, ICourseEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed class EditQuestionValidator : CommandValidator<EditQuestionCommand>
{
    public EditQuestionValidator() => this.QuestionRules();
}

public sealed class EditQuestionHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<EditQuestionCommand, Result>
{
    public async ValueTask<Result> Handle(EditQuestionCommand command, CancellationToken cancellationToken)
    {
        var input = TrainingInput.CleanQuestion(command);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, so an answer cannot be stored between the check below and the update.
        var question = await db.Questions
            .FromSql($"SELECT * FROM questions WHERE id = {command.QuestionId} AND course_id = {command.CourseId} AND removed_at IS NULL FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (question is null)
        {
            return Result.Fail("This question does not exist.");
        }

        if (await db.TestAnswers.AnyAsync(a => a.QuestionId == question.Id, cancellationToken)
            && (input.Options.Length != question.Options.Length || !input.Correct.Order().SequenceEqual(question.Correct.Order())))
        {
            return Result.Fail("Sellers have answered this question already: change its wording, not the number of options or the right ones.");
        }

        var before = CourseAudit.Of(question);
        if (!input.Options.SequenceEqual(question.Options) || !input.Correct.Order().SequenceEqual(question.Correct.Order()))
        {
            // Open attempts saw the former options: they neither show nor grade this question any more.
            question.ChangedAt = clock.GetUtcNow();
        }

        question.Text = input.Text;
        question.Options = input.Options;
        question.Correct = input.Correct;
        question.Multiple = input.Correct.Length > 1;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(CourseAudit.Change(CourseAudit.Question, "update", question.Id, before, CourseAudit.Of(question)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
