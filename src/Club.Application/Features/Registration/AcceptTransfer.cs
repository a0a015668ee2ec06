using System.Globalization;
using Club.Application.Abstractions;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>
/// The new owner, signed in on the item's scan page, enters the transfer code the owner gave them. The
/// item moves through the one owner-change operation (kind Transferred; the points stay with whoever
/// earned them, and nothing is paid again), the code is used up, and the old owner gets a mail.
/// </summary>
public sealed record AcceptTransferCommand(Guid MemberId, string? Serial, string? Code, string? ClientAddress) : ICommand<AcceptTransferResult>;

public enum AcceptTransferOutcome
{
    Transferred,
    AlreadyYours,
    MalformedCode,
    WrongCode,
    TooManyWrongCodes,
    NoSuchItem,
}

public sealed record AcceptTransferResult(AcceptTransferOutcome Outcome, DateTimeOffset? RetryAt = null)
{
    public bool Succeeded => Outcome == AcceptTransferOutcome.Transferred;

    public string Message => Outcome switch
    {
        AcceptTransferOutcome.Transferred => "The item is yours now. Its certificate shows you as the owner.",
        AcceptTransferOutcome.AlreadyYours => "This item is already registered to you.",
        AcceptTransferOutcome.MalformedCode => "A transfer code has 12 letters and digits, like K7QM-2XRB-9TDA.",
        AcceptTransferOutcome.WrongCode => "This code is wrong, used, cancelled or expired. Ask the owner for a new one.",
        AcceptTransferOutcome.TooManyWrongCodes => "Too many wrong codes. Try again tomorrow or contact the club.",
        _ => "No such item.",
    };
}

public sealed class AcceptTransferHandler(IClubDbFactory dbFactory, ITagCodes codes, IRateLimiter limiter, IMailOutbox outbox, TimeProvider clock)
    : ICommandHandler<AcceptTransferCommand, AcceptTransferResult>
{
    public const string MailTemplate = "ItemTransferred";

    public async ValueTask<AcceptTransferResult> Handle(AcceptTransferCommand command, CancellationToken cancellationToken)
    {
        if (codes.TryDecodeSerial(command.Serial, out var tagId) is not SerialCheck.Valid)
        {
            return new(AcceptTransferOutcome.NoSuchItem);
        }

        // A typo in the shape is caught here and costs no guess.
        if (TransferCodes.Canonical(command.Code) is not { } code)
        {
            return new(AcceptTransferOutcome.MalformedCode);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await db.Tags.AnyAsync(t => t.Id == tagId && t.OwnerMemberId == command.MemberId, cancellationToken))
        {
            return new(AcceptTransferOutcome.AlreadyYours);
        }

        // Every checked code counts before it is compared (as scratch codes do): past a limit the code
        // is not even looked at, and parallel guesses cannot slip between a check and a count.
        var account = command.MemberId.ToString("N");
        var limit = await limiter.HitAsync(
        [
            new RateLimitHit(TransferCodes.PerAccountAndTag, $"{account}:{tagId.ToString(CultureInfo.InvariantCulture)}"),
            new RateLimitHit(TransferCodes.PerAccount, account),
            new RateLimitHit(TransferCodes.PerNetwork, ScratchGuessLimits.NetworkOf(command.ClientAddress)),
        ], cancellationToken);
        if (!limit.Allowed)
        {
            return new(AcceptTransferOutcome.TooManyWrongCodes, clock.GetUtcNow() + limit.RetryAfter);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Using the code is the guard: of two posts of one code, the second waits for the row and then
        // finds it used.
        var hash = TransferCodes.Hash(code);
        var claimed = await db.Database.SqlQuery<ClaimedCode>($"""
            UPDATE item_transfer_codes SET used_at = {now}, used_by = {command.MemberId}
            WHERE tag_id = {tagId} AND code_hash = {hash} AND cancelled_at IS NULL AND used_at IS NULL AND expires_at > {now}
            RETURNING id, from_member_id
            """).ToListAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await db.Tags.AnyAsync(t => t.Id == tagId && t.OwnerMemberId == command.MemberId, cancellationToken)
                ? new(AcceptTransferOutcome.AlreadyYours)
                : new(AcceptTransferOutcome.WrongCode);
        }

        var change = await ItemOwnership.ChangeAsync(db,
            new OwnerChange(tagId, command.MemberId, OwnerChangeKind.Transferred, "Transfer code", MovePoints: false, ChangedBy: command.MemberId),
            now, cancellationToken);
        // The owner who made the code must still own the item (staff may have reassigned it since).
        if (!change.Succeeded || change.FromMemberId != claimed[0].FromMemberId)
        {
            await transaction.RollbackAsync(cancellationToken);
            return change.Outcome == OwnerChangeOutcome.AlreadyOwner ? new(AcceptTransferOutcome.AlreadyYours) : new(AcceptTransferOutcome.WrongCode);
        }

        await transaction.CommitAsync(cancellationToken);
        var product = await (from t in db.Tags join b in db.TagBatches on t.BatchId equals b.Id join p in db.Products on b.ProductId equals p.Id
                             where t.Id == tagId select p.Name).SingleAsync(cancellationToken);
        await outbox.EnqueueAsync($"item-transferred:{claimed[0].Id}", new MemberMail(claimed[0].FromMemberId, MailTemplate,
            new Dictionary<string, string> { ["Serial"] = codes.SerialOf(tagId), ["Product"] = product }), cancellationToken);
        return new(AcceptTransferOutcome.Transferred);
    }

    internal sealed record ClaimedCode(long Id, Guid FromMemberId);
}
