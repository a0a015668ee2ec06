using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Sellers;
using Club.Application.Validation;
using Club.Domain.Members;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>
/// A partner manager activates or rejects a new seller of their own partner, when the brand allows it for
/// that partner (<c>partners.sellers_activated_by_partner</c>). Only a pending application is decided here;
/// suspensions and second thoughts stay with the brand's queue, which keeps seeing every seller.
/// </summary>
public sealed record DecideMySellerCommand(Guid ManagerId, Guid SellerId, bool Activate, string? Note) : ICommand<Result>;

public sealed class DecideMySellerValidator : CommandValidator<DecideMySellerCommand>
{
    public DecideMySellerValidator() =>
        RuleFor(c => c.Note).Must(n => (n?.Trim().Length ?? 0) <= SellerDecision.MaxNoteLength)
            .WithKey("The note is too long ({0} characters at most).", SellerDecision.MaxNoteLength);
}

public sealed class DecideMySellerHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<DecideMySellerCommand, Result>
{
    public const string NotAllowed = "The brand activates your sellers itself; ask the program manager to allow it for your partner.";
    public const string NotYourSeller = "This seller has not applied to your partner.";

    public async ValueTask<Result> Handle(DecideMySellerCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await ManagedPartner.OfAsync(db, command.ManagerId, cancellationToken);
        if (!partner.SellersActivatedByPartner)
        {
            return Result.Fail(NotAllowed);
        }

        // Another partner's seller and a made-up id get the same answer: nothing about them is told.
        var from = await db.Members.Where(m => m.Id == command.SellerId && m.PartnerId == partner.Id).Select(m => m.SellerStatus).SingleOrDefaultAsync(cancellationToken);
        if (from is null)
        {
            return Result.Fail(NotYourSeller);
        }

        if (from != SellerStatus.Pending)
        {
            return Result.Fail("This seller has already been decided; look at the list again.");
        }

        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        var to = command.Activate ? SellerStatus.Active : SellerStatus.Rejected;
        return await DecideSellerHandler.MoveAsync(db, audit, clock, command.SellerId, from.Value, to, note, command.ManagerId, cancellationToken);
    }
}
