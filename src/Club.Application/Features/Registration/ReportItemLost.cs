using Club.Application.Abstractions;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>
/// The owner reports their item lost or stolen (when, and a police report's number if there is one).
/// The scan page then warns whoever scans it, and each scan raises an alert. Any open transfer code is
/// cancelled: a stolen item must not change hands by a code its owner may have lost with it.
/// </summary>
public sealed record ReportItemLostCommand(Guid MemberId, string? Serial, ItemLossKind Kind, DateOnly? LostOn, string? PoliceReport) : ICommand<Result>;

public sealed class ReportItemLostHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock) : ICommandHandler<ReportItemLostCommand, Result>
{
    public async ValueTask<Result> Handle(ReportItemLostCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var police = string.IsNullOrWhiteSpace(command.PoliceReport) ? null : command.PoliceReport.Trim();
        if (!Enum.IsDefined(command.Kind))
        {
            return Result.Fail("Say whether the item is lost or stolen.", nameof(command.Kind));
        }

        if (command.LostOn is not { } lostOn)
        {
            return Result.Fail("Enter the date it was lost or stolen.", nameof(command.LostOn));
        }

        if (lostOn > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1) || lostOn.Year < 1950)
        {
            return Result.Fail("The date cannot be in the future.", nameof(command.LostOn));
        }

        if (police is { Length: > ItemLoss.MaxPoliceReportLength })
        {
            return Result.Fail(new UserMessage("The police report number: at most {0} characters.", [ItemLoss.MaxPoliceReportLength]), nameof(command.PoliceReport));
        }

        if (await MyItemLookup.OwnedTagAsync(dbFactory, codes, command.MemberId, command.Serial, cancellationToken) is not { } tagId)
        {
            return Result.Fail("No such item.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One standing report per item: a second click finds the first (the partial unique index decides a race).
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO item_losses (tag_id, member_id, kind, lost_on, police_report, reported_at)
            VALUES ({tagId}, {command.MemberId}, {command.Kind.ToString()}, {lostOn}, {police}, {now})
            ON CONFLICT (tag_id) WHERE cleared_at IS NULL DO NOTHING
            """, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE item_transfer_codes SET cancelled_at = {now} WHERE tag_id = {tagId} AND cancelled_at IS NULL AND used_at IS NULL
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
