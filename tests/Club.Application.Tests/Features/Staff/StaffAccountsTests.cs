using Club.Application.Abstractions;
using Club.Application.Features.Staff;
using Club.Domain.Members;
using Club.Infrastructure.Identity;
using Club.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Staff;

public class StaffAccountsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task An_invitation_makes_an_account_without_a_password_and_mails_a_link_that_works_once()
    {
        var email = $"factory-{Guid.NewGuid():N}@example.com";

        var invited = await db.SendAsync<Result>(new InviteStaffCommand(email, "Фёдор Заводской", Roles.FactoryStaff, null));

        invited.Succeeded.Should().BeTrue();
        var user = await UserAsync(email);
        (user.PasswordHash, user.EmailConfirmed).Should().Be((null, false));
        (await RolesAsync(user)).Should().Equal(Roles.FactoryStaff);
        var (userId, code) = await MailedLinkAsync(user.Id);
        userId.Should().Be(user.Id);

        var wrong = await db.SendAsync<Result>(new AcceptInvitationCommand(user.Id, code[..^4] + "AAAA", "a-long-password-1", "a-long-password-1"));
        var accepted = await db.SendAsync<Result>(new AcceptInvitationCommand(user.Id, code, "a-long-password-1", "a-long-password-1"));
        var again = await db.SendAsync<Result>(new AcceptInvitationCommand(user.Id, code, "another-password-2", "another-password-2"));

        wrong.Succeeded.Should().BeFalse();
        accepted.Succeeded.Should().BeTrue();
        again.Errors[0].ErrorMessage.Should().Contain("not valid any more");
        var after = await UserAsync(email);
        after.EmailConfirmed.Should().BeTrue();
        (await db.WithScopeAsync<UserManager<ClubUser>, bool>(users => users.CheckPasswordAsync(after, "a-long-password-1"))).Should().BeTrue();
        (await AuditActionsAsync(user.Id)).Should().Contain("staff.invite");
    }

    [Theory]
    [InlineData("not-an-email", "Name", "FactoryStaff", null, "valid email")]
    [InlineData("pm@example.com", "Name", "PartnerManager", null, "partner this manager")]
    [InlineData("pm@example.com", "Name", "Buyer", null, "Choose a role")]
    [InlineData("pm@example.com", "", "Admin", null, "Enter the name")]
    [InlineData("admin@club.demo", "Name", "Admin", null, "already exists")]
    [InlineData("pm2@example.com", "Name", "PartnerManager", 999_999, "partner this manager")]
    public async Task Bad_invitations_are_refused_with_a_reason_and_create_nothing(string email, string name, string role, int? partner, string reason)
    {
        var before = await StaffCountAsync();

        var result = await db.SendAsync<Result>(new InviteStaffCommand(email, name, role, partner));

        result.Succeeded.Should().BeFalse();
        result.Errors[0].ErrorMessage.Should().Contain(reason);
        (await StaffCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_partner_manager_is_bound_to_one_partner_and_a_role_change_ends_their_sessions()
    {
        var partnerId = await db.WithScopeAsync<IClubDbFactory, int>(async f => { await using var c = await f.CreateAsync(); return await c.Partners.Select(p => p.Id).FirstAsync(); });
        var email = $"pm-{Guid.NewGuid():N}@example.com";
        await db.SendAsync<Result>(new InviteStaffCommand(email, "Пётр Партнёров", Roles.PartnerManager, partnerId));
        var user = await UserAsync(email);

        var changed = await db.SendAsync<Result>(new ChangeStaffRoleCommand(user.Id, Roles.ProgramManager, null));

        changed.Succeeded.Should().BeTrue();
        var row = (await db.SendAsync<IReadOnlyList<StaffRow>>(new ListStaffQuery())).Single(s => s.Id == user.Id);
        (row.Role, row.PartnerId, row.Invited, row.Active).Should().Be((Roles.ProgramManager, null, true, true));
        (await UserAsync(email)).SecurityStamp.Should().NotBe(user.SecurityStamp);
        (await AuditActionsAsync(user.Id)).Should().Contain("staff.role");
    }

    [Fact]
    public async Task Deactivation_blocks_sign_in_and_ends_sessions_and_reactivation_undoes_it()
    {
        var email = $"pm-{Guid.NewGuid():N}@example.com";
        await db.SendAsync<Result>(new InviteStaffCommand(email, "Ольга Отключаемая", Roles.ProgramManager, null));
        var user = await UserAsync(email);

        (await db.SendAsync<Result>(new SetStaffActiveCommand(user.Id, false))).Succeeded.Should().BeTrue();
        var off = await UserAsync(email);
        (await db.SendAsync<Result>(new SetStaffActiveCommand(user.Id, true))).Succeeded.Should().BeTrue();
        var on = await UserAsync(email);

        off.DeactivatedAt.Should().NotBeNull();
        off.SecurityStamp.Should().NotBe(user.SecurityStamp);
        on.DeactivatedAt.Should().BeNull();
        (await AuditActionsAsync(user.Id)).Should().Contain(["staff.deactivate", "staff.reactivate"]);
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_demoted_nor_deactivated_even_by_two_admins_at_once()
    {
        var admin = await db.IdOfAsync("admin@club.demo");
        (await db.SendAsync<Result>(new ChangeStaffRoleCommand(admin, Roles.ProgramManager, null))).Errors[0].ErrorMessage.Should().Contain("at least one active administrator");
        (await db.SendAsync<Result>(new SetStaffActiveCommand(admin, false))).Errors[0].ErrorMessage.Should().Contain("at least one active administrator");

        // A second admin who has set a password: now exactly one of two crossed demotions may pass.
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        await db.SendAsync<Result>(new InviteStaffCommand(email, "Второй Админ", Roles.Admin, null));
        var second = await UserAsync(email);
        var (_, code) = await MailedLinkAsync(second.Id);
        (await db.SendAsync<Result>(new AcceptInvitationCommand(second.Id, code, "second-admin-pass", "second-admin-pass"))).Succeeded.Should().BeTrue();

        var results = await Task.WhenAll(
            db.SendAsync<Result>(new ChangeStaffRoleCommand(admin, Roles.ProgramManager, null)),
            db.SendAsync<Result>(new SetStaffActiveCommand(second.Id, false)));

        results.Count(r => r.Succeeded).Should().Be(1);
        var staff = await db.SendAsync<IReadOnlyList<StaffRow>>(new ListStaffQuery());
        staff.Count(s => s.Role == Roles.Admin && s.Active && !s.Invited).Should().Be(1);
    }

    [Fact]
    public async Task Create_admin_refuses_a_database_that_has_an_administrator()
    {
        var result = await db.SendAsync<FirstAdminResult>(new CreateFirstAdminCommand("new-admin@example.com"));

        (result.Link, result.Error).Should().Be((null, "This database has an administrator already; they invite more staff at /manage/staff."));
    }

    private Task<ClubUser> UserAsync(string email) =>
        db.WithScopeAsync<UserManager<ClubUser>, ClubUser>(async users => (await users.FindByEmailAsync(email))!);

    private Task<List<string>> RolesAsync(ClubUser user) =>
        db.WithScopeAsync<UserManager<ClubUser>, List<string>>(async users => [.. await users.GetRolesAsync(user)]);

    private async Task<int> StaffCountAsync() => (await db.SendAsync<IReadOnlyList<StaffRow>>(new ListStaffQuery())).Count;

    private async Task<(Guid User, string Code)> MailedLinkAsync(Guid userId)
    {
        await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        var mail = await context.MailOutbox.Where(m => m.MemberId == userId && m.Template == StaffInvitations.Template).OrderByDescending(m => m.Id).FirstAsync();
        var query = QueryHelpers.ParseQuery(new Uri(mail.Values["Link"]).Query);
        new Uri(mail.Values["Link"]).AbsolutePath.Should().Be("/account/accept-invitation");
        return (Guid.Parse(query["user"]!), query["code"]!);
    }

    private async Task<List<string>> AuditActionsAsync(Guid userId)
    {
        await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        var id = userId.ToString();
        return await context.AuditLog.Where(e => e.EntityType == "staff" && e.EntityId == id).Select(e => e.Action).ToListAsync();
    }
}
