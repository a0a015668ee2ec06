using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Members;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>A program manager activates, rejects, suspends or reactivates a seller, with a note.</summary>
public sealed record DecideSellerCommand(Guid SellerId, SellerStatus To, string? Note, Guid ManagerId) : ICommand<Result>;

public sealed class DecideSellerValidator : CommandValidator<DecideSellerCommand>
{
    public DecideSellerValidator() =>
        RuleFor(c => c.Note).Must(n => (n?.Trim().Length ?? 0) <= SellerDecision.MaxNoteLength)
            .WithKey("The note is too long ({0} characters at most).", SellerDecision.MaxNoteLength);
}

public sealed class DecideSellerHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<DecideSellerCommand, Result>
{
    public async ValueTask<Result> Handle(DecideSellerCommand command, CancellationToken cancellationToken)
    {
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var from = await db.Members.Where(m => m.Id == command.SellerId).Select(m => m.SellerStatus).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No such seller.");
        if (SellerStatuses.CheckMove(from, command.To) is { } refusal)
        {
            return Result.Fail(refusal);
        }

        return await MoveAsync(db, audit, clock, command.SellerId, from, command.To, note, command.ManagerId, cancellationToken);
    }

    /// <summary>
    /// Moves the seller from the state the deciding manager saw and records the decision (history, mail,
    /// audit) in one transaction; the brand's queue and a partner's own managers decide through it.
    /// </summary>
    internal static async Task<Result> MoveAsync(
        IClubDb db, IAuditTrail audit, TimeProvider clock, Guid sellerId, SellerStatus from, SellerStatus to, string? note, Guid managerId,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional on the state the manager saw: of two managers (or two clicks) deciding at once,
        // one wins and the other is told, instead of both writing history.
        var (fromText, toText) = (from.ToString(), to.ToString());
        var moved = await db.Database.ExecuteSqlAsync(
            $"UPDATE members SET seller_status = {toText} WHERE id = {sellerId} AND seller_status = {fromText}", cancellationToken);
        if (moved == 0)
        {
            return Result.Fail("Someone has just changed this seller's state; look at the list again.");
        }

        // The seller hears of the decision, queued with it.
        await SellerDecisionRecord.AddAsync(db, audit, new SellerDecision
        {
            SellerId = sellerId,
            From = from,
            To = to,
            Note = note,
            DecidedBy = managerId,
            DecidedAt = clock.GetUtcNow(),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
