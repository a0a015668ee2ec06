using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Application.Validation;
using Club.Domain.Members;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Accounts;

/// <summary>
/// A partner shop's sales assistant applies: like a buyer's sign-up, plus the shop (one from the list,
/// checked here, never trusted from the form), position and birthday. The account starts pending.
/// </summary>
public sealed record SellerSignUpCommand(
    string? FullName, string? Email, string? Phone, string? Password, bool Consent, string Culture,
    int ShopId, string? Position, DateOnly? Birthday, bool Marketing = false) : ICommand<Result>, ISignUpFields;

public sealed class SellerSignUpValidator : CommandValidator<SellerSignUpCommand>
{
    public SellerSignUpValidator(TimeProvider clock, PointsSettings settings)
    {
        this.AddSignUpFieldRules();
        RuleFor(c => c.ShopId).GreaterThan(0).WithKey("Choose your shop from the list.");
        RuleFor(c => c.Position).Must(p => !string.IsNullOrWhiteSpace(p)).WithKey("Enter your position at the shop.")
            .Must(p => p!.Trim().Length <= Member.MaxPositionLength).WithKey("The position is too long.");
        RuleFor(c => c.Birthday)
            .Must(b => b is not { } day || (day.Year >= 1900 && day <= settings.Today(clock.GetUtcNow())))
            .WithKey("Enter a real date of birth.");
    }
}

public sealed class SellerSignUpHandler(IAccounts accounts, IRateLimiter limiter, IClubDbFactory dbFactory) : ICommandHandler<SellerSignUpCommand, Result>
{
    public async ValueTask<Result> Handle(SellerSignUpCommand command, CancellationToken cancellationToken)
    {
        int? partnerId;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            // Only an open shop of an active partner: the form lists no other, so another id is a forged post.
            partnerId = await db.Shops.Where(s => s.Id == command.ShopId && s.IsActive && s.Partner!.IsActive).Select(s => (int?)s.PartnerId).FirstOrDefaultAsync(cancellationToken);
        }

        if (partnerId is null)
        {
            return Result.Fail("Choose your shop from the list.", nameof(command.ShopId));
        }

        PhoneNumber.TryNormalize(command.Phone, out var phone);
        var member = new NewMember(
            command.Email!.Trim(), phone, command.FullName!.Trim(), Roles.Seller, command.Culture,
            PartnerId: partnerId, ShopId: command.ShopId, Position: command.Position!.Trim(), Birthday: command.Birthday, Marketing: command.Marketing);
        return await SignUpRules.StartAsync(accounts, limiter, member, command.Password!, "/cabinet", cancellationToken);
    }
}
