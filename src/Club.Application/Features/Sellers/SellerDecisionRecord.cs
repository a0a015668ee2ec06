using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Mail;
using Club.Application.Features.PartnerApi;
using Club.Domain.Members;

namespace Club.Application.Features.Sellers;

/// <summary>
/// What every change of a seller's state leaves behind, whoever makes it (a manager's decision, a shop
/// closed with its sellers): the decision in the seller's history, the audit entry, the seller's mail
/// and, for an activation, the partner's webhook event, in the caller's transaction. The seller's state
/// itself is set by the caller.
/// </summary>
public static class SellerDecisionRecord
{
    /// <summary>The mail for the account's new state (activated again after a suspension reads as activated).</summary>
    public static string MailTemplate(SellerStatus to) => to switch
    {
        SellerStatus.Active => "SellerActivated",
        SellerStatus.Rejected => "SellerRejected",
        _ => "SellerSuspended",
    };

    public static async Task AddAsync(IClubDb db, IAuditTrail audit, SellerDecision decision, CancellationToken cancellationToken)
    {
        db.SellerDecisions.Add(decision);
        await audit.RecordAsync(
            new AuditChange("seller.decision", "seller", decision.SellerId.ToString(), new { Status = decision.From },
                new { Status = decision.To, decision.Note }, decision.SellerId),
            cancellationToken);
        // Saved first: the mail's key is the decision's id.
        await db.SaveChangesAsync(cancellationToken);
        // The manager's note is internal and not mailed.
        await MailOutboxWriter.InsertAsync(db.Database, $"seller-decision:{decision.Id}", decision.SellerId, MailTemplate(decision.To), "{}", [],
            decision.DecidedAt, cancellationToken);
        if (decision.To == SellerStatus.Active)
        {
            await PartnerEvents.SellerActivatedAsync(db, decision.SellerId, decision.DecidedAt, cancellationToken);
        }
    }
}
