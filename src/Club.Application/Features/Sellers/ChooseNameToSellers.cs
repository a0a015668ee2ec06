using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sellers;

/// <summary>
/// A seller chooses how other sellers see their name on leaderboards: "Full", "Initials" or "Hidden"
/// (the choice as posted, so anything else gets a message and changes nothing).
/// </summary>
public sealed record ChooseNameToSellersCommand(Guid SellerId, string? Choice) : ICommand<Result>;

public sealed class ChooseNameToSellersHandler(IClubDbFactory dbFactory) : ICommandHandler<ChooseNameToSellersCommand, Result>
{
    public async ValueTask<Result> Handle(ChooseNameToSellersCommand command, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<SellerNameDisplay>(command.Choice, ignoreCase: false, out var display) || !Enum.IsDefined(display)
            || int.TryParse(command.Choice, out _))
        {
            return Result.Fail("Choose how other sellers see your name.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        // The member's own preference, not a staff change: no audit entry.
        var changed = await db.Members.Where(m => m.Id == command.SellerId && m.SellerStatus != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NameToSellers, display), cancellationToken);
        return changed == 1 ? Result.Ok : Result.Fail("Only sellers appear on leaderboards.");
    }
}
