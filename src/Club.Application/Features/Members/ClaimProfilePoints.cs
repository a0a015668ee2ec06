using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Members;

/// <summary>
/// Pays the profile completion points if the profile is complete. Saving the profile and confirming
/// the phone do this by themselves; the button is for a seller activated after completing it.
/// </summary>
public sealed record ClaimProfilePointsCommand(Guid MemberId) : ICommand<Result>;

public sealed class ClaimProfilePointsHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<ClaimProfilePointsCommand, Result>
{
    public async ValueTask<Result> Handle(ClaimProfilePointsCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var status = await ProfileCompletion.StatusAsync(db, command.MemberId, cancellationToken);
        if (status.Paid)
        {
            return Result.Fail("The profile points have already been credited.");
        }

        if (status.Missing.Count > 0)
        {
            return Result.Fail("Fill in the whole profile and confirm your phone first.");
        }

        return await ProfileCompletion.PayIfCompleteAsync(db, command.MemberId, clock.GetUtcNow(), cancellationToken)
            ? Result.Ok
            : Result.Fail("The profile points have already been credited.");
    }
}
