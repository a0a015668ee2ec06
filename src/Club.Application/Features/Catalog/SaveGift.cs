using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Catalog;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Catalog;

/// <summary>
/// Creates a gift (<paramref name="Id"/> null) or edits one; <paramref name="PartnerName"/> restricts it to one partner's people. <paramref name="StockSeen"/> is the stock the
/// manager's form showed: the new stock is written only if no order took an item meanwhile, so an edit
/// can never hand out an item that was just ordered.
/// </summary>
public sealed record SaveGiftCommand(
    int? Id, string? Title, string? Description, string? Collection, int Points, int Stock, int? StockSeen,
    GiftAudience Audience, string? PartnerName, DateTimeOffset? VisibleFrom, DateTimeOffset? VisibleUntil, GiftState State)
    : ICommand<SaveGiftResult>;

public sealed record SaveGiftResult(UserMessage? Error, int? GiftId = null) : IFailable<SaveGiftResult>
{
    public bool Saved => Error is null;

    public static SaveGiftResult Invalid(IReadOnlyList<FieldFailure> failures) => new(failures[0].Message);
}

public sealed class SaveGiftValidator : CommandValidator<SaveGiftCommand>
{
    public SaveGiftValidator()
    {
        RuleFor(c => c.Title).Must(t => t?.Trim().Length is > 0 and <= Gift.MaxTitleLength)
            .WithKey("Enter the gift's name (up to {0} characters).", Gift.MaxTitleLength);
        RuleFor(c => c.Description).Must(d => (d?.Trim().Length ?? 0) <= Gift.MaxDescriptionLength)
            .WithKey("The description is too long (up to {0} characters).", Gift.MaxDescriptionLength);
        RuleFor(c => c.Collection).Must(c => (c?.Trim().Length ?? 0) <= Gift.MaxCollectionLength)
            .WithKey("The collection name is too long (up to {0} characters).", Gift.MaxCollectionLength);
        RuleFor(c => c.Points).InclusiveBetween(1, Gift.MaxPoints)
            .WithKey("The price must be from {0} to {1:N0} points.", 1, Gift.MaxPoints);
        RuleFor(c => c.Stock).InclusiveBetween(0, Gift.MaxStock)
            .WithKey("The stock must be from {0} to {1:N0}.", 0, Gift.MaxStock);
        RuleFor(c => c.VisibleUntil).Must((c, until) => c.VisibleFrom is not { } from || until is not { } end || end > from)
            .WithKey("The end of the visible period must come after its start.");
        RuleFor(c => c).Must(c => Enum.IsDefined(c.Audience) && Enum.IsDefined(c.State))
            .WithKey("Choose the audience and the state.");
    }
}

public sealed class SaveGiftHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<SaveGiftCommand, SaveGiftResult>
{
    public async ValueTask<SaveGiftResult> Handle(SaveGiftCommand command, CancellationToken cancellationToken)
    {
        var title = command.Title?.Trim() ?? "";
        var description = command.Description?.Trim() ?? "";
        var collection = command.Collection?.Trim() ?? "";
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        int? partnerId = null;
        if (!string.IsNullOrWhiteSpace(command.PartnerName))
        {
            partnerId = await db.Partners.Where(p => p.Name == command.PartnerName).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
            if (partnerId is null)
            {
                return new("No such partner.");
            }
        }

        var now = clock.GetUtcNow();
        if (command.Id is null)
        {
            var gift = new Gift
            {
                Title = title, Description = description, Collection = collection, Points = command.Points, Stock = command.Stock,
                Audience = command.Audience, PartnerId = partnerId, VisibleFrom = command.VisibleFrom,
                VisibleUntil = command.VisibleUntil, State = command.State, CreatedAt = now, UpdatedAt = now,
            };
            db.Gifts.Add(gift);
            await db.SaveChangesAsync(cancellationToken);
            // The id exists only after the insert; the row follows in a second statement.
            await audit.RecordAsync(new AuditChange("gift.create", "gift", gift.Id.ToString(CultureInfo.InvariantCulture), null, Values(gift)), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new(null, gift.Id);
        }

        var id = command.Id.Value;
        var stockSeen = command.StockSeen ?? command.Stock;
        var (audience, state) = (command.Audience.ToString(), command.State.ToString());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, so the log's "before" is the gift this update replaces (an order or another edit waits).
        var before = await db.Gifts.FromSql($"SELECT * FROM gifts WHERE id = {id} FOR UPDATE").AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No such gift.");
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE gifts SET title = {title}, description = {description}, collection = {collection}, points = {command.Points},
                   stock = {command.Stock}, audience = {audience}, partner_id = {partnerId}::integer,
                   visible_from = {command.VisibleFrom}::timestamptz, visible_until = {command.VisibleUntil}::timestamptz,
                   state = {state}, updated_at = {now}
            WHERE id = {id} AND stock = {stockSeen}
            """, cancellationToken);
        if (updated == 0)
        {
            return new("Members ordered this gift meanwhile, so its stock has changed: check the stock and save again.");
        }

        var after = await db.Gifts.AsNoTracking().SingleAsync(g => g.Id == id, cancellationToken);
        await audit.RecordAsync(new AuditChange("gift.edit", "gift", id.ToString(CultureInfo.InvariantCulture), Values(before), Values(after)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(null, id);
    }

    private static object Values(Gift gift) => new
    {
        gift.Title, gift.Collection, gift.Points, gift.Stock, gift.Audience, gift.PartnerId, gift.VisibleFrom, gift.VisibleUntil, gift.State,
    };
}
