using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Application.Features.Points.Ledger;
using Club.Application.Features.Registration;
using Club.Application.Features.Tags;
using Club.Application.Features.Verification;
using Club.Application.Tests.Features.Points;
using Club.Domain.Points;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Registration;

[LongRunning]
public class RegisterItemTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const int FirstItemBonus = 300;

    [Fact]
    public async Task Registers_an_item_with_a_sloppily_typed_code_and_credits_points_plus_the_first_item_bonus()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 2);
        var buyer = await BuyerAsync();
        var ringPoints = await ProductPointsAsync("AQ-SEA-R01");

        var first = await RegisterAsync(buyer, tags[0].Serial.ToLowerInvariant(), Sloppy(tags[0].ScratchCode));
        var second = await RegisterAsync(buyer, tags[1].Serial, tags[1].ScratchCode);

        first.Should().Be(new RegisterItemResult(RegistrationOutcome.Registered, ringPoints, FirstItemBonus) { Tag = first.Tag });
        second.Should().Be(new RegisterItemResult(RegistrationOutcome.Registered, ringPoints, 0) { Tag = second.Tag });
        // The tag as the scan page shows it now: the buyer's, with no offer left.
        first.Tag.Should().BeEquivalentTo(new { Verdict = Club.Domain.Verification.Verdict.Yours, Serial = tags[0].Serial, Contact = (object?)null });
        first.Tag!.Product!.Points.Should().Be(0);
        var points = await db.SendAsync<MyPoints>(new GetMyPointsQuery(buyer));
        points.Balance.Should().Be(2 * ringPoints + FirstItemBonus);
        points.History.Select(h => h.Reason).Should().BeEquivalentTo(
            [PointsReason.ItemRegistered, PointsReason.ItemRegistered, PointsReason.FirstItemBonus]);
        points.History.Should().OnlyContain(h => h.ProductName != null);
        points.NextExpiry.Should().BeCloseTo(DateTimeOffset.UtcNow.AddMonths(12), TimeSpan.FromMinutes(5));

        await using var context = await CreateAsync();
        var mails = await context.MailOutbox.AsNoTracking()
            .Where(m => m.MemberId == buyer && m.Template == RegisterItemHandler.RegisteredMailTemplate).OrderBy(m => m.Id).ToListAsync();
        mails.Select(m => m.Values["Points"]).Should().Equal($"{ringPoints + FirstItemBonus}", $"{ringPoints}");
        mails[0].Values["Link"].Should().EndWith($"/cabinet/items/{tags[0].Serial}").And.StartWith("http");
        mails[0].Values["Product"].Should().NotBeEmpty();
        var owned = await context.Tags.Where(t => t.OwnerMemberId == buyer).ToListAsync();
        owned.Should().HaveCount(2).And.OnlyContain(t => t.State == TagState.Registered && t.RegisteredAt != null);
    }

    [Fact]
    public async Task The_scan_page_promises_the_first_item_bonus_to_a_newcomer_and_a_buyer_with_no_item_yet()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 2);
        var buyer = await BuyerAsync();
        var ringPoints = await ProductPointsAsync("AQ-SEA-R01");

        var promised = await PromisedAsync(tags[0].Serial, buyer);
        var anonymous = await PromisedAsync(tags[0].Serial, null);
        var first = await RegisterAsync(buyer, tags[0].Serial, tags[0].ScratchCode);
        var afterwards = await PromisedAsync(tags[1].Serial, buyer);

        promised.Should().Be((ringPoints, FirstItemBonus));
        (first.Points + first.Bonus).Should().Be(promised.Points + promised.FirstItemBonus, "the page promises what the registration pays");
        anonymous.Should().Be((ringPoints, FirstItemBonus), "a visitor who joins now registers a first item");
        afterwards.Should().Be((ringPoints, 0));
    }

    [Fact]
    public async Task A_second_registration_of_the_same_tag_gives_the_same_answer_and_no_points()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var buyer = await BuyerAsync();
        var other = await BuyerAsync();
        await RegisterAsync(buyer, tags[0].Serial, tags[0].ScratchCode);

        var again = await RegisterAsync(buyer, tags[0].Serial, tags[0].ScratchCode);
        var stranger = await RegisterAsync(other, tags[0].Serial, tags[0].ScratchCode);

        again.Outcome.Should().Be(RegistrationOutcome.AlreadyYours);
        again.Succeeded.Should().BeTrue();
        stranger.Outcome.Should().Be(RegistrationOutcome.RegisteredBySomeoneElse);
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(other))).Balance.Should().Be(0);
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(buyer))).History.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_typo_in_the_check_character_is_reported_and_not_counted()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var buyer = await BuyerAsync();
        var code = tags[0].ScratchCode.Replace("-", "", StringComparison.Ordinal);
        var typo = code[..^1] + (code[^1] == 'A' ? 'B' : 'A');

        var results = new List<RegistrationOutcome>();
        for (var i = 0; i < 15; i++)
        {
            results.Add((await RegisterAsync(buyer, tags[0].Serial, typo)).Outcome);
        }

        results.Should().OnlyContain(r => r == RegistrationOutcome.Typo);
        (await FailedAttemptsAsync(tags[0].Serial)).Should().Be(0);
        (await RegisterAsync(buyer, tags[0].Serial, code)).Outcome.Should().Be(RegistrationOutcome.Registered);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("K7QM-2XRB")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("'; DROP TABLE tags; --")]
    [InlineData("К7QM-2XRB-9TD")]
    [InlineData("ABCDEFGHJKMNPQRSTVWXYZ")]
    public async Task Malformed_codes_are_refused_without_counting_a_guess(string? input)
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var buyer = await BuyerAsync();

        var result = await RegisterAsync(buyer, tags[0].Serial, input);

        result.Outcome.Should().Be(RegistrationOutcome.MalformedCode);
        (await FailedAttemptsAsync(tags[0].Serial)).Should().Be(0);
    }

    [Fact]
    public async Task An_oversized_code_is_refused_without_counting_a_guess()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var buyer = await BuyerAsync();

        var result = await RegisterAsync(buyer, tags[0].Serial, new string('7', 1_000_000));

        result.Outcome.Should().Be(RegistrationOutcome.MalformedCode);
        (await FailedAttemptsAsync(tags[0].Serial)).Should().Be(0);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NOT-A-SERIAL")]
    [InlineData("0000000000000")]
    [InlineData("<img src=x onerror=alert(1)>")]
    public async Task Serials_that_are_not_ours_are_not_genuine(string? serial)
    {
        var buyer = await BuyerAsync();

        (await RegisterAsync(buyer, serial, "K7QM-2XRB-9TD")).Outcome.Should().Be(RegistrationOutcome.NotGenuine);
    }

    [Fact]
    public async Task A_well_formed_serial_of_a_tag_never_made_is_not_genuine()
    {
        var codes = db.Services.GetRequiredService<ITagCodes>();
        var buyer = await BuyerAsync();

        var result = await RegisterAsync(buyer, codes.SerialOf(900_000_000_000), "K7QM-2XRB-9TD");

        result.Outcome.Should().Be(RegistrationOutcome.NotGenuine);
    }

    [Fact]
    public async Task Five_wrong_codes_per_account_and_tag_and_past_them_even_the_right_code_is_not_checked()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 2);
        var guesser = await BuyerAsync();
        var wrong = tags[1].ScratchCode;

        var answers = new List<RegisterItemResult>();
        for (var i = 0; i < ScratchGuessLimits.PerAccountAndTag + 1; i++)
        {
            answers.Add(await RegisterAsync(guesser, tags[0].Serial, wrong, "198.51.100.7"));
        }

        var right = await RegisterAsync(guesser, tags[0].Serial, tags[0].ScratchCode, "198.51.100.7");

        answers.Take(5).Select(a => (a.Outcome, a.AttemptsLeft)).Should().Equal(
            Enumerable.Range(1, 5).Select(i => (RegistrationOutcome.WrongCode, ScratchGuessLimits.PerAccountAndTag - i)));
        answers[5].Outcome.Should().Be(RegistrationOutcome.TooManyWrongCodes);
        answers[5].RetryAt.Should().Be(new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1), TimeSpan.Zero));
        // Had the code been compared, it would have registered the tag: refused unchecked, it stays free.
        right.Outcome.Should().Be(RegistrationOutcome.TooManyWrongCodes);
        (await TagStateAsync(tags[0].Serial)).Should().Be(TagState.Issued);
        (await FailedAttemptsAsync(tags[0].Serial)).Should().Be(ScratchGuessLimits.PerAccountAndTag, "refused guesses are not counted as wrong codes");
    }

    [Fact]
    public async Task Twenty_wrong_codes_per_account_a_day_over_all_tags_then_nothing_is_checked()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 6);
        var guesser = await BuyerAsync();

        var wrong = new List<RegistrationOutcome>();
        foreach (var tag in tags.Take(5))
        {
            for (var i = 0; i < 4; i++)
            {
                wrong.Add((await RegisterAsync(guesser, tag.Serial, tags[5].ScratchCode, "198.51.100.8")).Outcome);
            }
        }

        var sixth = await RegisterAsync(guesser, tags[5].Serial, tags[5].ScratchCode, "198.51.100.8");

        wrong.Should().HaveCount(ScratchGuessLimits.PerAccount).And.OnlyContain(o => o == RegistrationOutcome.WrongCode);
        sixth.Outcome.Should().Be(RegistrationOutcome.TooManyWrongCodes, "the right code of a fresh tag is not checked for an account past its daily limit");
        (await TagStateAsync(tags[5].Serial)).Should().Be(TagState.Issued);
    }

    [Fact]
    public async Task Five_attacking_accounts_cannot_stop_the_owner_registering_while_the_tag_pauses()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 3);
        var attackers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => BuyerAsync()));
        var owner = await BuyerAsync();
        var clumsy = await BuyerAsync();
        await RegisterAsync(clumsy, tags[2].Serial, tags[1].ScratchCode, "203.0.113.50");

        var attack = new List<RegistrationOutcome>();
        for (var a = 0; a < attackers.Length; a++)
        {
            for (var i = 0; i < ScratchGuessLimits.PerAccountAndTag; i++)
            {
                attack.Add((await RegisterAsync(attackers[a], tags[0].Serial, tags[1].ScratchCode, $"192.0.2.{a + 1}")).Outcome);
            }
        }

        var scan = await db.SendAsync<ScanVerdict>(new ScanTagCommand(tags[0].Serial, owner, Log: false));
        var attackerWithTheCode = await RegisterAsync(attackers[0], tags[0].Serial, tags[0].ScratchCode, "192.0.2.1");
        var clumsyWithTheCode = await RegisterAsync(clumsy, tags[0].Serial, tags[0].ScratchCode, "203.0.113.50");
        var ownersTry = await RegisterAsync(owner, tags[0].Serial, tags[0].ScratchCode, "203.0.113.77");

        // The first attacker's five wrong codes start the pause; after that each attacker gets only its
        // first guess of the day checked.
        attack.Count(o => o == RegistrationOutcome.WrongCode).Should().Be(ScratchGuessLimits.PerAccountAndTag + attackers.Length - 1);
        attack.Where(o => o != RegistrationOutcome.WrongCode).Should().OnlyContain(o => o == RegistrationOutcome.GuessingPaused);
        scan.Verdict.Should().Be(Verdict.Available);
        scan.GuessingPausedUntil.Should().BeAfter(DateTimeOffset.UtcNow);
        scan.Contact.Should().NotBeNull("the owner of a paused tag is shown how to reach the club");
        attackerWithTheCode.Outcome.Should().Be(RegistrationOutcome.TooManyWrongCodes);
        clumsyWithTheCode.Outcome.Should().Be(RegistrationOutcome.GuessingPaused, "an account with a wrong code today waits out the pause, unchecked");
        clumsyWithTheCode.RetryAt.Should().Be(scan.GuessingPausedUntil);
        ownersTry.Outcome.Should().Be(RegistrationOutcome.Registered);
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(owner))).Balance.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_manager_sees_the_attacked_tag_and_can_end_its_pause()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 2);
        var guesser = await BuyerAsync();
        for (var i = 0; i < ScratchGuessLimits.PerAccountAndTag + 1; i++)
        {
            await RegisterAsync(guesser, tags[0].Serial, tags[1].ScratchCode, "198.51.100.9");
        }

        var listed = await db.SendAsync<IReadOnlyList<TagUnderAttack>>(new ListTagsUnderAttackQuery());
        var ended = await db.SendAsync<Result>(new EndGuessingPauseCommand(tags[0].Serial.ToLowerInvariant()));
        var again = await db.SendAsync<Result>(new EndGuessingPauseCommand(tags[0].Serial));
        var after = await db.SendAsync<IReadOnlyList<TagUnderAttack>>(new ListTagsUnderAttackQuery());

        listed.Should().ContainSingle(t => t.Serial == tags[0].Serial).Which.Should().Match<TagUnderAttack>(t =>
            t.WrongCodes == ScratchGuessLimits.PerAccountAndTag && t.PausedUntil > DateTimeOffset.UtcNow);
        listed.Should().NotContain(t => t.Serial == tags[1].Serial);
        ended.Succeeded.Should().BeTrue();
        again.Succeeded.Should().BeFalse();
        after.Should().ContainSingle(t => t.Serial == tags[0].Serial).Which.PausedUntil.Should().BeNull();
    }

    [Fact]
    public async Task Fifty_parallel_wrong_codes_never_count_past_the_limit()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 2);
        var buyer = await BuyerAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => RegisterAsync(buyer, tags[0].Serial, tags[1].ScratchCode, "198.51.100.10")));

        answers.Count(a => a.Outcome == RegistrationOutcome.WrongCode).Should().Be(ScratchGuessLimits.PerAccountAndTag);
        answers.Count(a => a.Outcome == RegistrationOutcome.TooManyWrongCodes).Should().Be(50 - ScratchGuessLimits.PerAccountAndTag);
        (await FailedAttemptsAsync(tags[0].Serial)).Should().Be(ScratchGuessLimits.PerAccountAndTag);
    }

    [Fact]
    public async Task A_right_code_gives_back_the_allowances_its_guess_took_and_a_wrong_one_keeps_them()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 3);
        var buyer = await BuyerAsync();
        var clumsy = await BuyerAsync();

        (await RegisterAsync(buyer, tags[0].Serial, tags[0].ScratchCode, "198.51.100.11")).Outcome.Should().Be(RegistrationOutcome.Registered);
        (await RegisterAsync(clumsy, tags[1].Serial, tags[2].ScratchCode, "198.51.100.12")).Outcome.Should().Be(RegistrationOutcome.WrongCode);
        (await RegisterAsync(clumsy, tags[1].Serial, tags[1].ScratchCode, "198.51.100.12")).Outcome.Should().Be(RegistrationOutcome.Registered);

        // The registered guesses count nothing; the wrong one counts on the account, the pair and the network.
        (await WrongCodesTodayAsync(buyer.ToString("N"))).Should().Be(0);
        (await WrongCodesTodayAsync(clumsy.ToString("N"))).Should().Be(2, "the account's and the pair's counters");
        (await NetworkWrongCodesTodayAsync()).Should().Be(1, "only the clumsy buyer's wrong code counts on the networks");
    }

    [Fact]
    public async Task Voided_tags_and_tags_of_voided_batches_cannot_be_registered()
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 2);
        var (otherBatch, others) = await TestTags.CreateBatchAsync(db.Services, 1);
        var buyer = await BuyerAsync();
        await db.SendAsync<VoidTagsResult>(new VoidTagsCommand(batchId, [tags[0].Serial]));
        await db.SendAsync<Result>(new ChangeTagBatchStateCommand(otherBatch, TagBatchState.Voided, Note: "lost in transit"));

        (await RegisterAsync(buyer, tags[0].Serial, tags[0].ScratchCode)).Outcome.Should().Be(RegistrationOutcome.Voided);
        (await RegisterAsync(buyer, others[0].Serial, others[0].ScratchCode)).Outcome.Should().Be(RegistrationOutcome.Voided);
        (await RegisterAsync(buyer, tags[1].Serial, tags[1].ScratchCode)).Outcome.Should().Be(RegistrationOutcome.Registered);
    }

    [Fact]
    public async Task A_registered_tag_of_a_withdrawn_batch_is_withdrawn_for_the_scan_page_and_the_registration_alike()
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var buyer = await BuyerAsync();
        (await RegisterAsync(buyer, tags[0].Serial, tags[0].ScratchCode)).Outcome.Should().Be(RegistrationOutcome.Registered);
        await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, TagBatchState.Voided, Note: "stolen from the shop"));

        var scan = await db.SendAsync<ScanVerdict>(new ScanTagCommand(tags[0].Serial, buyer, Log: false));
        var again = await RegisterAsync(buyer, tags[0].Serial, tags[0].ScratchCode);

        scan.Verdict.Should().Be(Verdict.Voided);
        again.Outcome.Should().Be(RegistrationOutcome.Voided, "a withdrawn batch wins over a registration, as on the scan page");
    }

    [Theory]
    [InlineData(TagBatchState.Generated)]
    [InlineData(TagBatchState.Printed)]
    [InlineData(TagBatchState.Shipped)]
    public async Task Tags_of_a_batch_not_on_sale_are_not_registered_and_earn_nothing(TagBatchState state)
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 1, onSale: false);
        await TestTags.EnsureStockPartnerAsync(db.Services);
        foreach (var (step, partner) in new[] { (TagBatchState.Printed, (string?)null), (TagBatchState.Shipped, TestTags.StockPartner) }.Where(s => s.Item1 <= state))
        {
            (await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, step, partner))).Succeeded.Should().BeTrue();
        }

        var buyer = await BuyerAsync();

        var result = await RegisterAsync(buyer, tags[0].Serial, tags[0].ScratchCode);
        var scan = await db.SendAsync<ScanVerdict>(new ScanTagCommand(tags[0].Serial, buyer, Log: false));

        result.Outcome.Should().Be(RegistrationOutcome.NotReleased);
        result.Message.Should().Contain("not been released for sale");
        scan.Verdict.Should().Be(Verdict.NotReleased);
        scan.Product!.Points.Should().Be(0, "nothing is promised for a tag that cannot be registered");
        scan.Contact.Should().NotBeNull("the page says how to reach the brand");
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(buyer))).Balance.Should().Be(0);
        (await FailedAttemptsAsync(tags[0].Serial)).Should().Be(0);
    }

    [Fact]
    public async Task Fifty_parallel_registrations_of_one_tag_give_exactly_one_success_and_one_credit()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var buyers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => BuyerAsync()));

        var answers = await Task.WhenAll(buyers.Select(b => RegisterAsync(b, tags[0].Serial, tags[0].ScratchCode)));

        answers.Count(a => a.Outcome == RegistrationOutcome.Registered).Should().Be(1);
        answers.Count(a => a.Outcome == RegistrationOutcome.RegisteredBySomeoneElse).Should().Be(49);
        var winner = buyers[Array.FindIndex(answers, a => a.Outcome == RegistrationOutcome.Registered)];
        await using var context = await CreateAsync();
        var tagId = TagId(tags[0].Serial);
        var credits = await context.PointsEntries.Where(e => e.ReferenceType == PointsLedger.TagReference && e.ReferenceId == tagId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync();
        credits.Where(e => e.Reason == PointsReason.ItemRegistered).Should().ContainSingle().Which.MemberId.Should().Be(winner);
        credits.Should().OnlyContain(e => e.MemberId == winner);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_double_click_storm_by_one_buyer_credits_once()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var buyer = await BuyerAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => RegisterAsync(buyer, tags[0].Serial, tags[0].ScratchCode)));

        answers.Count(a => a.Outcome == RegistrationOutcome.Registered).Should().Be(1);
        answers.Count(a => a.Outcome == RegistrationOutcome.AlreadyYours).Should().Be(49);
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(buyer))).Balance.Should().Be(await ProductPointsAsync("AQ-SEA-R01") + FirstItemBonus);
    }

    [Fact]
    public async Task Fifty_parallel_first_registrations_by_one_buyer_give_exactly_one_first_item_bonus()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 50);
        var buyer = await BuyerAsync();

        var answers = await Task.WhenAll(tags.Select(t => RegisterAsync(buyer, t.Serial, t.ScratchCode)));

        answers.Should().OnlyContain(a => a.Outcome == RegistrationOutcome.Registered);
        answers.Sum(a => a.Bonus).Should().Be(FirstItemBonus);
        var points = await db.SendAsync<MyPoints>(new GetMyPointsQuery(buyer));
        points.History.Count(h => h.Reason == PointsReason.FirstItemBonus).Should().Be(1);
        points.Balance.Should().Be(50 * await ProductPointsAsync("AQ-SEA-R01") + FirstItemBonus);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Plain_scratch_codes_are_not_stored_by_registration()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 3);
        var buyer = await BuyerAsync();
        foreach (var tag in tags)
        {
            await RegisterAsync(buyer, tag.Serial, tag.ScratchCode);
        }

        var dump = await DatabaseDump.AllTablesAsTextAsync(db.ConnectionString);

        foreach (var tag in tags)
        {
            dump.Should().NotContain(tag.ScratchCode).And.NotContain(tag.ScratchCode.Replace("-", "", StringComparison.Ordinal));
        }
    }

    /// <summary>What people type: lower case, spaces instead of hyphens, O for 0 and I for 1.</summary>
    private static string Sloppy(string code) =>
        " " + code.ToLowerInvariant().Replace('-', ' ').Replace('0', 'o').Replace('1', 'i') + " ";

    private async Task<Guid> BuyerAsync() => (await TestTags.CreateBuyerAsync(db.Services)).Id;

    private Task<RegisterItemResult> RegisterAsync(Guid buyer, string? serial, string? code, string? address = null) =>
        db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, serial, code, address));

    private async Task<TagState> TagStateAsync(string serial)
    {
        var id = TagId(serial);
        await using var context = await CreateAsync();
        return await context.Tags.Where(t => t.Id == id).Select(t => t.State).SingleAsync();
    }

    /// <summary>The points and first-item bonus the scan page promises for registering the tag.</summary>
    private async Task<(int Points, int FirstItemBonus)> PromisedAsync(string serial, Guid? member)
    {
        var scan = await db.SendAsync<ScanVerdict>(new ScanTagCommand(serial, member, Log: false));
        return (scan.Product!.Points, scan.Product.FirstItemBonus);
    }

    private async Task<IClubDb> CreateAsync() => await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();

    private long TagId(string serial)
    {
        db.Services.GetRequiredService<ITagCodes>().TryDecodeSerial(serial, out var id);
        return id;
    }

    private async Task<int> FailedAttemptsAsync(string serial)
    {
        var id = TagId(serial);
        await using var context = await CreateAsync();
        return await context.Tags.Where(t => t.Id == id).Select(t => (int)t.FailedAttempts).SingleAsync();
    }

    /// <summary>Today's wrong codes on the account's own counters (the account's and its pairs with tags).</summary>
    private async Task<int> WrongCodesTodayAsync(string account)
    {
        await using var context = await CreateAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return await context.Database.SqlQuery<int>($"""
            SELECT coalesce(sum(wrong), 0)::int AS "Value" FROM scratch_guess_counts
            WHERE day = {today} AND (key = {account} OR key LIKE {account + ":%"})
            """).SingleAsync();
    }

    /// <summary>Today's wrong codes of the two test networks of the give-back test.</summary>
    private async Task<int> NetworkWrongCodesTodayAsync()
    {
        await using var context = await CreateAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return await context.Database.SqlQuery<int>($"""
            SELECT coalesce(sum(wrong), 0)::int AS "Value" FROM scratch_guess_counts
            WHERE day = {today} AND scope = 'network' AND key IN ({NetworkKey("198.51.100.11")}, {NetworkKey("198.51.100.12")})
            """).SingleAsync();
    }

    private static string NetworkKey(string address) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ScratchGuessLimits.NetworkOf(address))))[..32];

    private async Task<int> ProductPointsAsync(string sku)
    {
        await using var context = await CreateAsync();
        var id = await context.Products.Where(p => p.Sku == sku).Select(p => p.Id).SingleAsync();
        return await context.ProductPoints.Where(p => p.ProductId == id).Select(p => p.Points).SingleAsync();
    }
}
