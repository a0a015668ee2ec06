using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Staff;

/// <summary>The staff page: every staff account with its role, partner, state and last sign-in.</summary>
public sealed record ListStaffQuery : IQuery<IReadOnlyList<StaffRow>>;

/// <summary>One staff account; <c>Invited</c>: no password yet, the invitation has not been answered.</summary>
public sealed record StaffRow(
    Guid Id, string Email, string FullName, string Role, int? PartnerId, string? PartnerName, bool Active, bool Invited, DateTimeOffset? LastSignInAt);

public sealed class ListStaffHandler(IClubDbFactory dbFactory) : IQueryHandler<ListStaffQuery, IReadOnlyList<StaffRow>>
{
    public async ValueTask<IReadOnlyList<StaffRow>> Handle(ListStaffQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.Database.SqlQuery<StaffRow>($"""
            SELECT u.id, u.email, m.full_name, r.name AS role, m.partner_id,
                   p.name AS partner_name, u.deactivated_at IS NULL AS active, u.password_hash IS NULL AS invited,
                   u.last_sign_in_at
            FROM users u
            JOIN user_roles ur ON ur.user_id = u.id
            JOIN roles r ON r.id = ur.role_id
            JOIN members m ON m.id = u.id
            LEFT JOIN partners p ON p.id = m.partner_id
            WHERE r.name IN ({Roles.Admin}, {Roles.ProgramManager}, {Roles.FactoryStaff}, {Roles.PartnerManager})
            ORDER BY u.deactivated_at IS NOT NULL, r.name, m.full_name
            """).ToListAsync(cancellationToken);
    }
}
