using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Members;
using Club.Application.Features.Points.Ledger;
using Club.Application.Features.Privacy;
using Club.Application.Tests.Features.Points;
using Club.Domain.Members;
using Club.Domain.Points;
using Club.Domain.Privacy;
using Club.Infrastructure.Identity;
using Club.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MemberMail = Club.Application.Abstractions.MemberMail;

namespace Club.Application.Tests.Features.Privacy;

/// <summary>Deletion requests fall due at once here, so the job's work is checked without waiting days.</summary>
public sealed class DueAtOnceFixture : DatabaseFixture
{
    protected override void Configure(IServiceCollection services) => services.AddSingleton(new PrivacySettings { AccountDeletionDays = 0 });
}

public class AccountErasureTests(DueAtOnceFixture db) : IClassFixture<DueAtOnceFixture>
{
    private const string Password = "member-pass-1";

    [Fact]
    public async Task After_erasure_no_personal_value_of_the_member_remains_in_any_table_and_the_ledger_still_balances()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var name = $"Глафира Эрастова {unique}";
        var email = $"erase-{unique}@tests.example";
        var phoneDigits = Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var city = $"Урюпинск-{unique}";
        var address = $"ул. Тестовая, дом {unique}";
        var answer = $"Мой ответ в опросе {unique}";
        var contact = $"contact-{unique}@elsewhere.example";
        var birthday = new DateOnly(1983, 7, 19);
        var member = await CreateAsync(email, "+7 916 " + phoneDigits, name, birthday);
        (await db.SendAsync<Result>(new UpdateMyProfileCommand(member, name, birthday, city))).Succeeded.Should().BeTrue();
        await db.SendAsync<Result>(new ChangeMyConsentCommand(member, ConsentKinds.Marketing, true));
        await db.Services.GetRequiredService<IMailOutbox>().EnqueueAsync(
            "erase-test:" + unique, new MemberMail(member, "Test", new Dictionary<string, string> { ["Name"] = name }));
        var balanceBefore = await WithContextAsync(async context =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            await PointsLedger.PostAsync(context, new PointsPosting(member, 150, PointsReason.Correction, "test", unique, "erase-test:" + unique), DateTimeOffset.UtcNow, default);
            await SeedPersonalRowsAsync(context, member, unique, name, email, address, answer, contact);
            await transaction.CommitAsync();
            return await context.PointsBalances.Where(b => b.MemberId == member).Select(b => b.Balance).SingleAsync();
        });
        var dumpBefore = await DatabaseDump.AllTablesAsTextAsync(db.ConnectionString);
        string[] personal = [name, email, "+7916" + phoneDigits, city, "1983-07-19", address, answer, contact];
        foreach (var value in personal)
        {
            dumpBefore.Should().Contain(value, "the test must put {0} in the database before it can prove it gone", value);
        }

        (await db.SendAsync<AccountDeletionResult>(new RequestAccountDeletionCommand(member, Password))).Succeeded.Should().BeTrue();
        (await db.SendAsync<int>(new EraseDueAccountsCommand())).Should().Be(1);
        (await db.SendAsync<int>(new EraseDueAccountsCommand())).Should().Be(0, "a second run (another node, a rerun after a crash) finds nothing left to do");

        var dump = await DatabaseDump.AllTablesAsTextAsync(db.ConnectionString);
        foreach (var value in personal)
        {
            dump.Should().NotContainEquivalentOf(value, "the erased member's personal value {0} must be gone from every table", value);
        }

        await WithContextAsync(async context =>
        {
            (await context.Members.SingleAsync(m => m.Id == member)).FullName.Should().Be(PersonalDataCatalogue.AnonymousName);
            (await context.PointsBalances.Where(b => b.MemberId == member).Select(b => b.Balance).SingleAsync()).Should().Be(balanceBefore);
            (await LedgerChecks.InvariantBreachesAsync(context)).Should().BeEmpty();
            (await context.AuditLog.CountAsync(a => a.MemberId == member)).Should().Be(0);
            (await context.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM mail_outbox WHERE member_id = {member}").SingleAsync())
                .Should().Be(0, "no mail to the member is left queued, nor a row about one sent");
            return 0;
        });
        (await db.WithScopeAsync<UserManager<ClubUser>, ClubUser?>(users => users.FindByEmailAsync(email))).Should().BeNull("nobody can sign in with the erased e-mail");
        (await db.WithScopeAsync<IPasswordCheck, bool>(passwords => passwords.IsPasswordAsync(member, Password, default))).Should().BeFalse("the password is gone too");
        (await db.SendAsync<AccountDeletionState>(new GetAccountDeletionQuery(member))).Request!.ErasedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_cancelled_request_erases_nothing()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var member = await CreateAsync($"keep-{unique}@tests.example", "+7 917 " + Random.Shared.Next(1_000_000, 9_999_999), $"Остаюсь {unique}");

        (await db.SendAsync<AccountDeletionResult>(new RequestAccountDeletionCommand(member, Password))).Succeeded.Should().BeTrue();
        (await db.SendAsync<AccountDeletionState>(new GetAccountDeletionQuery(member))).Pending.Should().NotBeNull();
        (await db.SendAsync<Result>(new CancelAccountDeletionCommand(member))).Succeeded.Should().BeTrue();
        await db.SendAsync<int>(new EraseDueAccountsCommand());

        await WithContextAsync(async context => (await context.Members.SingleAsync(m => m.Id == member)).FullName.Should().Be($"Остаюсь {unique}"));
        (await db.WithScopeAsync<IPasswordCheck, bool>(passwords => passwords.IsPasswordAsync(member, Password, default))).Should().BeTrue();
        (await db.SendAsync<AccountDeletionState>(new GetAccountDeletionQuery(member))).Request.Should().BeNull();
        (await db.SendAsync<Result>(new CancelAccountDeletionCommand(member))).Succeeded.Should().BeFalse("there is nothing left to cancel");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_changes_nothing()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var member = await CreateAsync($"wrong-{unique}@tests.example", "+7 918 " + Random.Shared.Next(1_000_000, 9_999_999), $"Забывчивый {unique}");

        var refused = await db.SendAsync<AccountDeletionResult>(new RequestAccountDeletionCommand(member, "not-my-password"));
        var empty = await db.SendAsync<AccountDeletionResult>(new RequestAccountDeletionCommand(member, null));

        refused.Error!.Key.Should().Be("The password is not right. Nothing was changed.");
        empty.Succeeded.Should().BeFalse();
        (await db.SendAsync<AccountDeletionState>(new GetAccountDeletionQuery(member))).Request.Should().BeNull();
    }

    private async Task<Guid> CreateAsync(string email, string phone, string name, DateOnly? birthday = null)
    {
        var created = await db.WithScopeAsync<MemberAccounts, AccountResult>(accounts => accounts.CreateAsync(
            new NewAccount(email, phone, Password, name, Roles.Buyer, Birthday: birthday)));
        created.Succeeded.Should().BeTrue(string.Join("; ", created.Errors));
        return created.User!.Id;
    }

    /// <summary>Rows with personal values that have no quick use case to make them here: an order's address, a survey answer, a report, an audit entry.</summary>
    private static async Task SeedPersonalRowsAsync(IClubDb context, Guid member, string unique, string name, string email, string address, string answer, string contact)
    {
        await context.Database.ExecuteSqlAsync($"""
            WITH o AS (
                INSERT INTO gift_orders (gift_id, gift_title, member_id, order_key, placed_at, points, refund_expires_at, status, delivery, address, updated_at)
                SELECT min(g.id), 'Подарок', {member}, gen_random_uuid(), now(), 1, now() + interval '1 year', 'Placed', 'Post', {address}, now() FROM gifts AS g
                RETURNING id)
            INSERT INTO gift_order_events (order_id, status, at, by, note) SELECT o.id, 'Cancelled', now(), {name}, NULL FROM o
            """);
        await context.Database.ExecuteSqlAsync($"""
            WITH s AS (
                INSERT INTO surveys (title, target, opens_at, closes_at, points, created_at, created_by)
                VALUES ({"Опрос " + unique}, 'Buyers', now(), now() + interval '1 day', 0, now(), 'test') RETURNING id),
            q AS (
                INSERT INTO survey_questions (survey_id, position, text, kind, is_required, options, about_seller)
                SELECT s.id, 0, 'Что скажете?', 'FreeText', false, ARRAY[]::text[], false FROM s RETURNING id, survey_id),
            r AS (
                INSERT INTO survey_responses (survey_id, member_id, submitted_at) SELECT q.survey_id, {member}, now() FROM q RETURNING id)
            INSERT INTO survey_answers (response_id, question_id, choices, text) SELECT r.id, q.id, ARRAY[]::integer[], {answer} FROM r, q
            """);
        await context.Database.ExecuteSqlAsync($"""
            INSERT INTO tag_reports (member_id, message, contact, created_at, status, unknown_serial)
            VALUES ({member}, {"Бирка не сканируется, " + name}, {contact}, now(), 0, {"ERASE" + unique})
            """);
        // A staff change about the member, with the member's e-mail as its personal value.
        await context.Database.ExecuteSqlAsync($"""
            INSERT INTO audit_log (at, actor_name, action, entity_type, entity_id, member_id, personal_value)
            VALUES (now(), 'test', 'member.changed', 'member', {member.ToString()}, {member}, {email})
            """);
    }

    private async Task<T> WithContextAsync<T>(Func<IClubDb, Task<T>> action)
    {
        await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        return await action(context);
    }
}
