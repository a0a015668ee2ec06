using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>
/// A program manager ends a tag's pause after many wrong codes, once the buyer who holds the item has been
/// in touch (for example when they share a network with whoever was guessing). The guessers' own daily
/// limits stay, and the next wrong code pauses the tag again.
/// </summary>
public sealed record EndGuessingPauseCommand(string? Serial) : ICommand<Result>;

public sealed class EndGuessingPauseHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<EndGuessingPauseCommand, Result>
{
    public async ValueTask<Result> Handle(EndGuessingPauseCommand command, CancellationToken cancellationToken)
    {
        if (codes.TryDecodeSerial(command.Serial, out var tagId) is not SerialCheck.Valid)
        {
            return Result.Fail("This is not a genuine serial.");
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The pause as it was, locked, so the log's "before" is what this update ends.
        var pausedUntil = await db.Database.SqlQuery<DateTimeOffset>($"""
            SELECT guessing_paused_until AS "Value" FROM tags
            WHERE id = {tagId} AND state = {(short)TagState.Issued} AND guessing_paused_until > {now}
            FOR UPDATE
            """).ToListAsync(cancellationToken);
        if (pausedUntil.Count == 0)
        {
            return Result.Fail("This tag is not paused.");
        }

        await db.Database.ExecuteSqlAsync($"UPDATE tags SET guessing_paused_until = NULL WHERE id = {tagId}", cancellationToken);
        await audit.RecordAsync(new AuditChange("tag.pause-end", "tag", tagId.ToString(CultureInfo.InvariantCulture),
            new { GuessingPausedUntil = (DateTimeOffset?)pausedUntil[0] }, new { GuessingPausedUntil = (DateTimeOffset?)null }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
