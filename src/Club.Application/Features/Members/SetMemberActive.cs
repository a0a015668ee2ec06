using Club.Application.Abstractions;
using Club.Application.Features.Accounts;
using Club.Application.Features.Audit;
using Club.Application.Features.Sales;
using Club.Application.Features.Staff;
using Club.Application.Validation;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Members;

/// <summary>
/// A program manager or admin deactivates a member from the member desk, with a reason, or reactivates
/// them. Deactivated: sign-in is refused, sessions end (<see cref="AccountDeactivation"/>, the same switch
/// as for staff) and the points are frozen (the ledger refuses postings, jobs skip the member; the rule
/// is in docs/decisions.md). Reactivated: all of it is undone, and sale credits held meanwhile are paid.
/// Staff accounts are switched on the staff page, which keeps the club's last administrator.
/// </summary>
public sealed record SetMemberActiveCommand(Guid MemberId, bool Active, string? Reason, Guid StaffId) : ICommand<SetMemberActiveResult>;

/// <summary>Error when nothing changed; <see cref="HeldSalesPaid"/>: the held sale credits a reactivation paid.</summary>
public sealed record SetMemberActiveResult(UserMessage? Error, int HeldSalesPaid = 0) : IFailable<SetMemberActiveResult>
{
    public const int MaxReasonLength = 500;

    public bool Succeeded => Error is null;

    public static SetMemberActiveResult Invalid(IReadOnlyList<FieldFailure> failures) => new(failures[0].Message);
}

public sealed class SetMemberActiveValidator : CommandValidator<SetMemberActiveCommand>
{
    public SetMemberActiveValidator()
    {
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithKey("Say why the account is deactivated or reactivated.")
            .Must(r => r!.Trim().Length <= SetMemberActiveResult.MaxReasonLength)
            .WithKey("The reason is too long ({0} characters at most).", SetMemberActiveResult.MaxReasonLength);
    }
}

public sealed class SetMemberActiveHandler(IClubDbFactory dbFactory, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<SetMemberActiveCommand, SetMemberActiveResult>
{
    public async ValueTask<SetMemberActiveResult> Handle(SetMemberActiveCommand command, CancellationToken cancellationToken)
    {
        if (command.MemberId == command.StaffId)
        {
            return new("Your own account is switched by another member of staff.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The member's row lock orders two clicks (or two staff members): the second sees the first's result.
        var locked = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM members WHERE id = {command.MemberId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (locked.Count == 0)
        {
            return new("No such member.");
        }

        if (await StaffRoles.StateAsync(db, command.MemberId, cancellationToken) is not null)
        {
            return new("This is a staff account: an administrator deactivates it on the staff page.");
        }

        var deactivatedAt = await AccountDeactivation.DeactivatedAtAsync(db, command.MemberId, cancellationToken);
        if ((deactivatedAt is null) == command.Active)
        {
            return new(null);
        }

        var now = clock.GetUtcNow();
        await AccountDeactivation.SetAsync(db, command.MemberId, command.Active ? null : now, cancellationToken);
        var paid = 0;
        if (command.Active)
        {
            foreach (var sale in await SaleConfirmations.HeldSalesAsync(db, command.MemberId, cancellationToken))
            {
                await SaleConfirmations.PayAsync(db, sale, now, cancellationToken);
                paid++;
            }
        }

        var id = command.MemberId.ToString();
        await audit.RecordAsync(new AuditChange(command.Active ? "member.reactivate" : "member.deactivate", "member", id,
            new { Active = !command.Active, DeactivatedAt = deactivatedAt },
            new { command.Active, Reason = command.Reason!.Trim(), HeldSalesPaid = paid }, command.MemberId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(null, paid);
    }
}
