using Club.Application.Abstractions;
using Club.Domain.Activities;
using Club.Domain.Points;
using Mediator;

namespace Club.Application.Features.Contests;

/// <summary>A program manager creates a contest.</summary>
public sealed record CreateContestCommand(
    string CreatedBy, string? Title, string? Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int EntryPoints, int WinnerPoints)
    : ICommand<Result>;

public sealed class CreateContestHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<CreateContestCommand, Result>
{
    public async ValueTask<Result> Handle(CreateContestCommand command, CancellationToken cancellationToken)
    {
        var title = command.Title?.Trim() ?? "";
        var description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim();
        var error = title.Length == 0 ? "Enter a title."
            : title.Length > Contest.MaxTitleLength || description?.Length > Contest.MaxDescriptionLength ? "The text is too long."
            : command.EndsAt <= command.StartsAt ? "The contest must end after it starts."
            : command.EntryPoints is < 0 or > PointsRule.MaxPoints || command.WinnerPoints is < 0 or > PointsRule.MaxPoints ? "Points must be whole numbers from 0 to 100,000."
            : null;
        if (error is not null)
        {
            return Result.Fail(error);
        }

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
