using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Staff;

/// <summary>An admin gives a staff account another role (a partner manager names their partner). Never the last admin's.</summary>
public sealed record ChangeStaffRoleCommand(Guid UserId, string? Role, int? PartnerId) : ICommand<Result>;

public sealed class ChangeStaffRoleHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<ChangeStaffRoleCommand, Result>
{
    public async ValueTask<Result> Handle(ChangeStaffRoleCommand command, CancellationToken cancellationToken)
    {
        if (command.Role is not { } role || !StaffRoles.All.Contains(role))
        {
            return Result.Fail("Choose a role.");
        }

        if (role == Roles.PartnerManager && command.PartnerId is null)
        {
            return Result.Fail("Choose the partner this manager works for.");
        }

        var partnerId = role == Roles.PartnerManager ? command.PartnerId : null;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (partnerId is { } id && !await db.Partners.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Result.Fail("Choose the partner this manager works for.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await StaffRoles.LockAsync(db, cancellationToken);
        var before = await StaffRoles.StateAsync(db, command.UserId, cancellationToken)
            ?? throw new NotFoundException("No such staff account.");
        if (before.Role == Roles.Admin && role != Roles.Admin && await StaffRoles.OtherActiveAdminsAsync(db, command.UserId, cancellationToken) == 0)
        {
            return Result.Fail("The club needs at least one active administrator: make someone else an administrator first.");
        }

        // One staff role per account; the new stamp ends the account's sessions, so the new role applies at once.
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM user_roles WHERE user_id = {command.UserId};
            INSERT INTO user_roles (user_id, role_id) SELECT {command.UserId}, id FROM roles WHERE name = {role};
            UPDATE members SET partner_id = {partnerId}::integer WHERE id = {command.UserId};
            UPDATE users SET security_stamp = md5(random()::text), concurrency_stamp = gen_random_uuid()::text WHERE id = {command.UserId};
            """, cancellationToken);
        await audit.RecordAsync(
            new AuditChange("staff.role", "staff", command.UserId.ToString(), new { before.Role, before.PartnerId }, new { Role = role, PartnerId = partnerId },
                command.UserId, before.Email),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
