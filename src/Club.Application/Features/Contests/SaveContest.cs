using Club.Application.Abstractions;
using Club.Application.Validation;
using Club.Domain.Activities;
using Club.Domain.Points;
using FluentValidation;
using Mediator;

namespace Club.Application.Features.Contests;

/// <summary>A program manager creates a contest.</summary>
public sealed record CreateContestCommand(
    string CreatedBy, string? Title, string? Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int EntryPoints, int WinnerPoints)
    : ICommand<Result>;

public sealed class CreateContestValidator : CommandValidator<CreateContestCommand>
{
    public CreateContestValidator()
    {
        RuleFor(c => c.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithKey("Enter a title.");
        RuleFor(c => c).Must(c => c.Title!.Trim().Length <= Contest.MaxTitleLength && (c.Description?.Trim().Length ?? 0) <= Contest.MaxDescriptionLength)
            .WithKey("The text is too long.");
        RuleFor(c => c.EndsAt).Must((c, ends) => ends > c.StartsAt).WithKey("The contest must end after it starts.");
        RuleFor(c => c.EntryPoints).Points(PointsRule.MaxPoints);
        RuleFor(c => c.WinnerPoints).Points(PointsRule.MaxPoints);
    }
}

public sealed class CreateContestHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<CreateContestCommand, Result>
{
    public async ValueTask<Result> Handle(CreateContestCommand command, CancellationToken cancellationToken)
    {
        var title = command.Title?.Trim() ?? "";
        var description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        db.Contests.Add(new Contest
        {
            Title = title,
            Description = description,
            StartsAt = command.StartsAt,
            EndsAt = command.EndsAt,
            EntryPoints = command.EntryPoints,
            WinnerPoints = command.WinnerPoints,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = command.CreatedBy.Length <= 200 ? command.CreatedBy : command.CreatedBy[..200],
        });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
