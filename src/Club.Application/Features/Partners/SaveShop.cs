using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Sellers;
using Club.Application.Validation;
using Club.Domain.Members;
using Club.Domain.Partners;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Partners;

/// <summary>What happens to a shop's working sellers when the shop is deactivated.</summary>
public enum ClosingShopSellers
{
    /// <summary>Nothing chosen: closing a shop that has sellers is refused until the manager chooses.</summary>
    Ask = 0,

    /// <summary>They move to <see cref="SaveShopCommand.MoveToShopId"/>, another active shop of the same partner.</summary>
    Move = 1,

    /// <summary>Active sellers are suspended and pending applications rejected, each with a decision in their history.</summary>
    Suspend = 2,
}

/// <summary>
/// Adds a shop to a partner (<paramref name="Id"/> null) or edits one, with optimistic concurrency on
/// <paramref name="Version"/>. Deactivating a shop that has working sellers (active or pending) needs
/// <paramref name="Sellers"/>: they are moved or suspended in the same transaction as the shop's change.
/// </summary>
public sealed record SaveShopCommand(
    int PartnerId, int? Id, uint? Version, string? Name, string? City, string? Street, string? Phone, bool IsActive,
    Guid ManagerId, ClosingShopSellers Sellers = ClosingShopSellers.Ask, int? MoveToShopId = null) : ICommand<Result>;

public sealed class SaveShopValidator : CommandValidator<SaveShopCommand>
{
    public SaveShopValidator()
    {
        RuleFor(c => c.Name).Must(n => n?.Trim().Length is > 0 and <= Shop.MaxNameLength)
            .WithKey("Enter the name (up to {0} characters).", Shop.MaxNameLength);
        RuleFor(c => c.City).Must(n => n?.Trim().Length is > 0 and <= Shop.MaxCityLength)
            .WithKey("Enter the city (up to {0} characters).", Shop.MaxCityLength);
        RuleFor(c => c.Street).Must(n => n?.Trim().Length is > 0 and <= Shop.MaxStreetLength)
            .WithKey("Enter the address (up to {0} characters).", Shop.MaxStreetLength);
        RuleFor(c => c.Phone).Must(p => (p?.Trim().Length ?? 0) <= Shop.MaxPhoneLength)
            .WithKey("The phone is too long (up to {0} characters).", Shop.MaxPhoneLength);
        RuleFor(c => c.Sellers).IsInEnum().WithKey("Choose what happens to the shop's sellers.");
    }
}

public sealed class SaveShopHandler(IClubDbFactory dbFactory, IAuditTrail audit, TimeProvider clock) : ICommandHandler<SaveShopCommand, Result>
{
    private const string Concurrent = "Someone else saved this shop while you were editing it. Their changes are shown now; make yours again.";
    private const string NameTaken = "This partner already has a shop with this name.";

    public async ValueTask<Result> Handle(SaveShopCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name!.Trim();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.Partners.AnyAsync(p => p.Id == command.PartnerId, cancellationToken))
        {
            throw new NotFoundException("No such partner.");
        }

        Shop shop;
        object? before = null;
        if (command.Id is { } id)
        {
            shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == id && s.PartnerId == command.PartnerId, cancellationToken)
                ?? throw new NotFoundException("No such shop.");
            if (command.Version != shop.Version)
            {
                return Result.Fail(Concurrent);
            }

            before = Snapshot(shop);
        }
        else
        {
            shop = new Shop { PartnerId = command.PartnerId, Name = name, Kind = ShopKind.Salon, Address = new Address("", "") };
            db.Shops.Add(shop);
        }

        if (await db.Shops.AnyAsync(s => s.PartnerId == command.PartnerId && s.Name == name && s.Id != shop.Id, cancellationToken))
        {
            return Result.Fail(NameTaken, nameof(command.Name));
        }

        var closing = shop.IsActive && !command.IsActive && command.Id is not null;
        shop.Name = name;
        shop.Address = shop.Address with { City = command.City!.Trim(), Street = command.Street!.Trim() };
        shop.Phone = string.IsNullOrWhiteSpace(command.Phone) ? null : command.Phone.Trim();
        shop.IsActive = command.IsActive;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // The shop's row first: its lock makes a second manager closing the same shop wait, then fail on the version.
            await db.SaveChangesAsync(cancellationToken);
            if (closing && await SettleSellersAsync(db, shop, command, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            await audit.RecordAsync(
                new AuditChange(before is null ? "shop.create" : "shop.update", "shop", shop.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(shop)),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Fail(Concurrent);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The unique index on (partner, name): another manager took the name between our check and our write.
            return Result.Fail(NameTaken, nameof(command.Name));
        }

        return Result.Ok;
    }

    /// <summary>Moves or suspends the closing shop's working sellers; a refusal (nothing chosen, a bad target) when it cannot.</summary>
    private async Task<Result?> SettleSellersAsync(IClubDb db, Shop shop, SaveShopCommand command, CancellationToken cancellationToken)
    {
        var sellers = await db.Members
            .Where(m => m.ShopId == shop.Id && (m.SellerStatus == SellerStatus.Active || m.SellerStatus == SellerStatus.Pending))
            .ToListAsync(cancellationToken);
        if (sellers.Count == 0)
        {
            return null;
        }

        switch (command.Sellers)
        {
            case ClosingShopSellers.Move:
                var target = await db.Shops.AsNoTracking()
                    .Where(s => s.Id == command.MoveToShopId && s.PartnerId == shop.PartnerId && s.Id != shop.Id && s.IsActive)
                    .Select(s => new { s.Id, s.Name })
                    .SingleOrDefaultAsync(cancellationToken);
                if (target is null)
                {
                    return Result.Fail("Choose another active shop of this partner to move the sellers to.", nameof(command.MoveToShopId));
                }

                foreach (var seller in sellers)
                {
                    seller.ShopId = target.Id;
                    await audit.RecordAsync(
                        new AuditChange("seller.shop", "seller", seller.Id.ToString(), new { ShopId = shop.Id }, new { ShopId = target.Id, Reason = "shop closed" }, seller.Id),
                        cancellationToken);
                }

                break;
            case ClosingShopSellers.Suspend:
                var note = $"The shop «{shop.Name}» was closed.";
                foreach (var seller in sellers)
                {
                    var from = seller.SellerStatus!.Value;
                    // A pending applicant cannot be suspended (there is nothing to suspend): the application is declined.
                    var to = from == SellerStatus.Active ? SellerStatus.Suspended : SellerStatus.Rejected;
                    seller.SellerStatus = to;
                    // As a manager's decision would: history, audit and the seller's "suspended" (or "not activated") mail.
                    await SellerDecisionRecord.AddAsync(db, audit, new SellerDecision
                    {
                        SellerId = seller.Id, From = from, To = to, Note = note, DecidedBy = command.ManagerId, DecidedAt = clock.GetUtcNow(),
                    }, cancellationToken);
                }

                break;
            default:
                return Result.Fail(
                    new UserMessage("This shop has {0} working sellers: choose whether they move to another shop of this partner or are suspended.", [sellers.Count]),
                    nameof(command.Sellers));
        }

        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private static object Snapshot(Shop s) => new { s.Name, s.Address.City, s.Address.Street, s.Phone, s.IsActive };
}
