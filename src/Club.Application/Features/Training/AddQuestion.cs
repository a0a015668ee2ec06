using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Training;
using Mediator;

namespace Club.Application.Features.Training;

/// <summary>
/// Adds a question at the end of a course's bank: its options (empty lines ignored) and the positions of
/// the right ones. One right option makes a single-choice question, several a multiple-choice one.
/// </summary>
public sealed record AddQuestionCommand(int CourseId, string? Text, IReadOnlyList<string?> Options, IReadOnlyCollection<int> Correct) : ICommand<Result>, IQuestionFields, ICourseEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed class AddQuestionValidator : CommandValidator<AddQuestionCommand>
{
    public AddQuestionValidator() => this.QuestionRules();
}

public sealed class AddQuestionHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<AddQuestionCommand, Result>
{
    public async ValueTask<Result> Handle(AddQuestionCommand command, CancellationToken cancellationToken)
    {
        var question = TrainingInput.CleanQuestion(command);

        return await CourseItems.AppendAsync(
            dbFactory, audit, command.CourseId, db => db.Questions,
            position => new Question
            {
                CourseId = command.CourseId, Position = position, Text = question.Text, Options = question.Options, Correct = question.Correct,
                Multiple = question.Correct.Length > 1, ChangedAt = clock.GetUtcNow(),
            },
            added => CourseAudit.Change(CourseAudit.Question, "create", added.Id, null, CourseAudit.Of(added)),
            cancellationToken);
    }
}
