using Club.Application.Abstractions;
using Club.Application.Features.Members;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Members;

public class SearchMembersTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("Фёдоров")]
    [InlineData("федоров")]
    [InlineData("ФЕДОРОВ")]
    [InlineData("Фидоров")]
    [InlineData("Федоров Святослав")]
    public async Task Finds_a_member_by_a_surname_in_any_case_with_e_for_yo_and_with_a_typo(string typed)
    {
        var member = await MemberNamedAsync("Фёдоров Святослав Игоревич");
        await MemberNamedAsync("Смирнова Анна");

        var result = await db.SendAsync<MemberSearchResult>(new SearchMembersQuery(typed));

        result.MatchedBy.Should().Be(MemberMatch.Name);
        result.Members.Select(m => m.Id).Should().Contain(member);
        result.Members.Should().NotContain(m => m.FullName == "Смирнова Анна");
    }

    [Fact]
    public async Task Finds_a_member_by_email_phone_or_the_serial_of_their_item()
    {
        var (owner, tag, _) = await ItemDeskSupport_BuyerWithItemAsync();
        await using var context = await CreateAsync();
        var account = (await context.Database.SqlQuery<Account>($"SELECT email, phone_number AS phone FROM users WHERE id = {owner}").ToListAsync())[0];

        var byEmail = await db.SendAsync<MemberSearchResult>(new SearchMembersQuery("  " + account.Email.ToUpperInvariant()));
        var byPhone = await db.SendAsync<MemberSearchResult>(new SearchMembersQuery("8 (" + account.Phone[2..5] + ") " + account.Phone[5..]));
        var bySerial = await db.SendAsync<MemberSearchResult>(new SearchMembersQuery(tag.Serial.ToLowerInvariant()));

        byEmail.Should().BeEquivalentTo(new { MatchedBy = MemberMatch.Email });
        byEmail.Members.Single().Id.Should().Be(owner);
        byPhone.MatchedBy.Should().Be(MemberMatch.Phone);
        byPhone.Members.Single().Id.Should().Be(owner);
        bySerial.MatchedBy.Should().Be(MemberMatch.Serial);
        bySerial.Members.Single().Id.Should().Be(owner);
    }

    [Fact]
    public async Task Finds_members_by_the_beginning_of_their_email_from_the_at_on_and_no_others()
    {
        var (owner, _, _) = await ItemDeskSupport_BuyerWithItemAsync();
        await using var context = await CreateAsync();
        var email = (await context.Database.SqlQuery<Account>($"SELECT email, phone_number AS phone FROM users WHERE id = {owner}").ToListAsync())[0].Email;
        var at = email.IndexOf('@', StringComparison.Ordinal);

        var byStart = await db.SendAsync<MemberSearchResult>(new SearchMembersQuery(email[..(at + 3)]));
        var byOtherStart = await db.SendAsync<MemberSearchResult>(new SearchMembersQuery("zz" + email[..(at + 1)]));

        byStart.MatchedBy.Should().Be(MemberMatch.Email);
        byStart.Members.Select(m => m.Id).Should().Equal(owner);
        byOtherStart.Members.Should().BeEmpty();
    }

    [Fact]
    public async Task Pages_hold_twenty_members_and_say_whether_more_follow()
    {
        for (var i = 0; i < 25; i++)
        {
            await MemberNamedAsync($"Кузнецова Ирина {i:00}");
        }

        var first = await db.SendAsync<MemberSearchResult>(new SearchMembersQuery("Кузнецова Ирина"));
        var second = await db.SendAsync<MemberSearchResult>(new SearchMembersQuery("Кузнецова Ирина", 1));

        first.Members.Should().HaveCount(SearchMembersHandler.PageSize);
        first.HasMore.Should().BeTrue();
        second.Members.Should().HaveCountGreaterThanOrEqualTo(5);
        first.Members.Select(m => m.Id).Should().NotIntersectWith(second.Members.Select(m => m.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("'; DROP TABLE members; --")]
    public async Task Short_empty_or_hostile_text_finds_nothing_and_breaks_nothing(string? text)
    {
        var result = await db.SendAsync<MemberSearchResult>(new SearchMembersQuery(text));

        result.Members.Should().BeEmpty();
    }

    [Fact]
    public async Task The_database_knows_cyrillic_letters_so_trigrams_and_lower_case_work()
    {
        await using var context = await CreateAsync();

        (await context.Database.SqlQuery<int>($"SELECT cardinality(show_trgm('Фёдоров')) AS \"Value\"").SingleAsync()).Should().Be(8);
        (await context.Database.SqlQuery<string>($"SELECT member_search_key('ИВАНОВ ЁЖИК') AS \"Value\"").SingleAsync()).Should().Be("иванов ежик");
    }

    private async Task<Guid> MemberNamedAsync(string name)
    {
        var (id, _) = await TestTags.CreateBuyerAsync(db.Services);
        await using var context = await CreateAsync();
        await context.Database.ExecuteSqlAsync($"UPDATE members SET full_name = {name} WHERE id = {id}");
        return id;
    }

    private async Task<(Guid Buyer, PrintedTag Tag, int Points)> ItemDeskSupport_BuyerWithItemAsync() =>
        await Registration.ItemDeskSupport.BuyerWithItemAsync(db);

    private async Task<IClubDb> CreateAsync() => await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();

    private sealed record Account(string Email, string Phone);
}
