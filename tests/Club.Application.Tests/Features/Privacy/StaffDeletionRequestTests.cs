using Club.Application.Abstractions;
using Club.Application.Features.Privacy;
using Club.Domain.Privacy;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Privacy;

/// <summary>With the default waiting days: a request waits for its date, and staff actions on it are audited.</summary>
public class StaffDeletionRequestTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_request_recorded_by_staff_needs_no_password_waits_for_its_date_and_is_audited_with_its_cancellation()
    {
        var (member, _) = await TestTags.CreateBuyerAsync(db.Services);
        var staff = await FirstStaffAsync();
        var days = db.Services.GetRequiredService<PrivacySettings>().AccountDeletionDays;

        var recorded = await db.SendAsync<AccountDeletionResult>(new RequestAccountDeletionCommand(member, null, staff));
        var again = await db.SendAsync<AccountDeletionResult>(new RequestAccountDeletionCommand(member, null, staff));
        (await db.SendAsync<int>(new EraseDueAccountsCommand())).Should().Be(0, "the request is not due for {0} days", days);
        var state = await db.SendAsync<AccountDeletionState>(new GetAccountDeletionQuery(member));
        (await db.SendAsync<Result>(new CancelAccountDeletionCommand(member, staff))).Succeeded.Should().BeTrue();

        recorded.Succeeded.Should().BeTrue();
        recorded.DueAt.Should().BeCloseTo(DateTimeOffset.UtcNow.AddDays(days), TimeSpan.FromMinutes(1));
        again.DueAt.Should().Be(recorded.DueAt, "a second request keeps the first one's date");
        state.Pending!.Source.Should().Be(ConsentSources.Staff);
        await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        var actions = await context.AuditLog.Where(a => a.EntityId == member.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        actions.Should().Equal("account-deletion.recorded", "account-deletion.cancelled");
        (await context.Members.SingleAsync(m => m.Id == member)).FullName.Should().NotBe(PersonalDataCatalogue.AnonymousName);
    }

    [Fact]
    public async Task A_staff_account_cannot_be_deleted_this_way()
    {
        var staff = await FirstStaffAsync();

        var result = await db.SendAsync<AccountDeletionResult>(new RequestAccountDeletionCommand(staff, null, staff));

        result.Succeeded.Should().BeFalse();
        (await db.SendAsync<AccountDeletionState>(new GetAccountDeletionQuery(staff))).Request.Should().BeNull();
    }

    private async Task<Guid> FirstStaffAsync()
    {
        await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        return await context.Database.SqlQuery<Guid>($"""
            SELECT ur.user_id AS "Value" FROM user_roles AS ur JOIN roles AS r ON r.id = ur.role_id
            WHERE r.name = 'ProgramManager' ORDER BY ur.user_id LIMIT 1
            """).SingleAsync();
    }
}
