using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Tags;

/// <summary>
/// Printed, shipped (to a partner), activated (on sale) or voided. A batch whose latest print proof has
/// unreadable labels is marked printed only with <paramref name="AcceptUnreadableProof"/> (staff confirm
/// they have seen the report and accept those labels, or have voided them).
/// </summary>
public sealed record ChangeTagBatchStateCommand(int BatchId, TagBatchState Target, string? Partner = null, string? Note = null, bool AcceptUnreadableProof = false)
    : ICommand<Result>;

public sealed class ChangeTagBatchStateHandler(IClubDbFactory dbFactory, TimeProvider clock, ITagPrintFiles printFiles, IAuditTrail audit)
    : ICommandHandler<ChangeTagBatchStateCommand, Result>
{
    public async ValueTask<Result> Handle(ChangeTagBatchStateCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var batch = await db.TagBatches.SingleOrDefaultAsync(b => b.Id == command.BatchId, cancellationToken)
            ?? throw new NotFoundException("No such batch.");

        int? partnerId = null;
        if (!string.IsNullOrWhiteSpace(command.Partner))
        {
            var name = command.Partner.Trim();
            partnerId = await db.Partners.Where(p => p.Name == name).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
            if (partnerId is null)
            {
                return Result.Fail("There is no partner with this name.");
            }
        }

        // The form offers active partners only; a forged or stale name of an inactive one is refused here.
        if (command.Target == TagBatchState.Shipped && (partnerId ?? batch.PartnerId) is { } destination
            && !await db.Partners.AnyAsync(p => p.Id == destination && p.IsActive, cancellationToken))
        {
            return Result.Fail("This partner is inactive: batches are no longer sent to it.");
        }

        if (command.Target == TagBatchState.Printed && batch.State == TagBatchState.Generated && batch.ProofUnreadable > 0 && !command.AcceptUnreadableProof)
        {
            return Result.Fail(new UserMessage("Labels the latest print proof could not read: {0}. Check a new proof, or confirm that you accept them.", [batch.ProofUnreadable.Value]));
        }

        var before = new { batch.State, batch.PartnerId, batch.Note };
        var error = batch.MoveTo(command.Target, clock.GetUtcNow(), partnerId, command.Note);
        if (error is not null)
        {
            return Result.Fail(error);
        }

        await audit.RecordAsync(
            new AuditChange("batch.state", "tag-batch", batch.Id.ToString(CultureInfo.InvariantCulture), before, new { batch.State, batch.PartnerId, batch.Note }),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // Once printed (or voided) the plain scratch codes have no more use: they leave the system once.
        if (command.Target is TagBatchState.Printed or TagBatchState.Voided)
        {
            await printFiles.DeleteAsync(batch.Id, cancellationToken);
        }

        return Result.Ok;
    }
}
