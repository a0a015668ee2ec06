using Club.Application.Abstractions;
using Club.Application.Features.Accounts;
using Club.Application.Features.Audit;
using Club.Domain.Members;
using Mediator;

namespace Club.Application.Features.Staff;

/// <summary>
/// An admin deactivates a staff account (sign-in refused, sessions ended: <see cref="AccountDeactivation"/>) or
/// reactivates it. The last active admin cannot be deactivated.
/// </summary>
public sealed record SetStaffActiveCommand(Guid UserId, bool Active) : ICommand<Result>;

public sealed class SetStaffActiveHandler(IClubDbFactory dbFactory, IAuditTrail audit, TimeProvider clock) : ICommandHandler<SetStaffActiveCommand, Result>
{
    public async ValueTask<Result> Handle(SetStaffActiveCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await StaffRoles.LockAsync(db, cancellationToken);
        var before = await StaffRoles.StateAsync(db, command.UserId, cancellationToken)
            ?? throw new NotFoundException("No such staff account.");
        if (before.Active == command.Active)
        {
            return Result.Ok;
        }

        if (!command.Active && before.Role == Roles.Admin && await StaffRoles.OtherActiveAdminsAsync(db, command.UserId, cancellationToken) == 0)
        {
            return Result.Fail("The club needs at least one active administrator: make someone else an administrator first.");
        }

        await AccountDeactivation.SetAsync(db, command.UserId, command.Active ? null : clock.GetUtcNow(), cancellationToken);
        await audit.RecordAsync(
            new AuditChange(command.Active ? "staff.reactivate" : "staff.deactivate", "staff", command.UserId.ToString(),
                new { before.Active }, new { command.Active }, command.UserId, before.Email),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
