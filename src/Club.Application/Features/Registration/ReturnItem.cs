using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Points.Ledger;
using Club.Application.Features.Tags;
using Club.Application.Validation;
using Club.Domain.Tags;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>
/// The item went back to the shop: every credit posted for it is reversed (the buyer's registration,
/// first-item bonus, promotion bonus and moves; the seller's sale points), the item has no owner and is
/// on sale again, and its exposed scratch code is replaced by a new one printed on one replacement label
/// with the batch's template from <paramref name="LabelTemplateFolder"/>.
/// </summary>
public sealed record ReturnItemCommand(string? Serial, string? Reason, Guid StaffId, string? LabelTemplateFolder) : ICommand<ReturnItemResult>;

/// <summary>
/// Error when nothing changed; else the replacement label (kept with the batch's print files) and the
/// points taken back, of which <paramref name="Debt"/> the balances could not hold.
/// </summary>
public sealed record ReturnItemResult(UserMessage? Error, int BatchId = 0, string? LabelFile = null, int PointsTakenBack = 0, int Debt = 0)
    : IFailable<ReturnItemResult>
{
    public bool Succeeded => Error is null;

    public static ReturnItemResult Invalid(IReadOnlyList<FieldFailure> failures) => new(failures[0].Message);
}

public sealed class ReturnItemValidator : CommandValidator<ReturnItemCommand>
{
    public ReturnItemValidator() =>
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithKey("Say why the item changes owner.")
            .Must(r => r!.Trim().Length <= ItemOwnerChange.MaxReasonLength)
            .WithKey("The reason is too long ({0} characters at most).", ItemOwnerChange.MaxReasonLength);
}

public sealed class ReturnItemHandler(
    IClubDbFactory dbFactory, ITagCodes codes, IReplacementLabels labels, ILabelRenderer renderer, ITagPrintFiles printFiles,
    ISaleConfirmations saleConfirmations, IAuditTrail audit, TimeProvider clock) : ICommandHandler<ReturnItemCommand, ReturnItemResult>
{
    public async ValueTask<ReturnItemResult> Handle(ReturnItemCommand command, CancellationToken cancellationToken)
    {
        if (codes.TryDecodeSerial(command.Serial, out var tagId) is not SerialCheck.Valid)
        {
            return new("No item has this serial.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var item = await (
                from t in db.Tags
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                where t.Id == tagId
                select new { BatchId = b.Id, b.TemplateName, p.Name })
            .SingleOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return new("No item has this serial.");
        }

        // Checked before anything changes: a return without its new label would leave the tag unsellable.
        var template = command.LabelTemplateFolder is null ? null : Path.Combine(command.LabelTemplateFolder, item.TemplateName);
        if (template is null || renderer.CheckTemplate(template) is not null)
        {
            return new(new UserMessage("The batch's label template {0} cannot be found, so no replacement label can be printed. Nothing was changed.", [item.TemplateName]));
        }

        var now = clock.GetUtcNow();
        var reference = tagId.ToString(CultureInfo.InvariantCulture);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await ItemOwnership.ChangeAsync(db,
            new OwnerChange(tagId, null, OwnerChangeKind.Returned, command.Reason!.Trim(), false, command.StaffId), now, cancellationToken);
        if (!changed.Succeeded)
        {
            return new(changed.Message);
        }

        var sales = (await db.Sales.Where(s => s.TagId == tagId).Select(s => s.Id).ToListAsync(cancellationToken))
            .Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        var before = await HeldAsync(db, reference, sales, cancellationToken);
        await PointsLedger.ReverseAsync(db, PointsLedger.TagReference, reference, now, cancellationToken);
        // The sale is over too: otherwise its claim would keep holding the item and block the next sale.
        await saleConfirmations.ReturnSalesOfTagAsync(db, tagId, now, cancellationToken);

        var after = await HeldAsync(db, reference, sales, cancellationToken);
        var (takenBack, debt) = (before.Points - after.Points, after.Debt - before.Debt);

        // The old code was seen by the buyer (and maybe others): only the new one registers the item now.
        var code = labels.NewScratchCode();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE tags SET scratch_hash = {code.Hash}, failed_attempts = 0, last_wrong_code_at = NULL, guessing_paused_until = NULL
            WHERE id = {tagId}
            """, cancellationToken);
        await audit.RecordAsync(new AuditChange("item.return", "tag", reference,
            new { Owner = changed.FromMemberId }, new { Owner = (Guid?)null, PointsTakenBack = takenBack, Debt = debt, Reason = command.Reason.Trim() },
            changed.FromMemberId), cancellationToken);

        // Drawn before the commit: if the label cannot be drawn, the return does not happen either.
        var logo = await db.BrandLogos.Select(l => l.Content).SingleOrDefaultAsync(cancellationToken);
        var work = labels.RenderPdf(tagId, code.Printed, item.Name, TagBatch.FormatNumber(item.BatchId), template, logo);
        await transaction.CommitAsync(cancellationToken);
        var kept = await printFiles.KeepAsync(item.BatchId, work, cancellationToken);
        Directory.Delete(Path.GetDirectoryName(work)!, recursive: true);
        return new(null, item.BatchId, kept, takenBack, debt);
    }

    /// <summary>
    /// What the accounts that got points from the item (its buyers and sellers) hold from it, and their debts.
    /// </summary>
    private static async Task<(int Points, int Debt)> HeldAsync(IClubDb db, string tag, List<string> sales, CancellationToken cancellationToken)
    {
        var entries = db.PointsEntries.Where(e => (e.ReferenceType == PointsLedger.TagReference && e.ReferenceId == tag)
                                                   || (e.ReferenceType == PointsLedger.SaleReference && sales.Contains(e.ReferenceId)));
        var points = await entries.SumAsync(e => e.Amount, cancellationToken);
        var debt = await db.PointsBalances.Where(b => entries.Any(e => e.MemberId == b.MemberId)).SumAsync(b => b.Debt, cancellationToken);
        return (points, debt);
    }
}
