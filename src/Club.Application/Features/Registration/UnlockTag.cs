using Club.Application.Abstractions;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>
/// A program manager gives a locked tag its guesses back, after checking with the buyer (who has the
/// item and its foil) that the lock came from typing, not from someone guessing.
/// </summary>
public sealed record UnlockTagCommand(string? Serial) : ICommand<Result>;

public sealed class UnlockTagHandler(IClubDbFactory dbFactory, ITagCodes codes) : ICommandHandler<UnlockTagCommand, Result>
{
    public async ValueTask<Result> Handle(UnlockTagCommand command, CancellationToken cancellationToken)
    {
        if (codes.TryDecodeSerial(command.Serial, out var tagId) is not SerialCheck.Valid)
        {
            return Result.Fail("This is not a genuine serial.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var unlocked = await db.Database.ExecuteSqlAsync(
            $"UPDATE tags SET failed_attempts = 0 WHERE id = {tagId} AND state = {(short)TagState.Issued} AND failed_attempts > 0",
            cancellationToken);
        return unlocked == 1 ? Result.Ok : Result.Fail("This tag is not locked.");
    }
}
