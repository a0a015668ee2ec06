using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Application.Features.Registration;
using Club.Application.Features.Sales;
using Club.Application.Features.Surveys;
using Club.Application.Features.Tags;
using Club.Application.Tests.Features.Points;
using Club.Domain.Activities;
using Club.Domain.Members;
using Club.Domain.Tags;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

using Club.Application.Tests.Features.Activities;

namespace Club.Application.Tests.Features.Surveys;

public class SurveyTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Each_target_reaches_its_members_only()
    {
        var partners = await db.SendAsync<IReadOnlyList<string>>(new ListPartnerNamesQuery());
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var sellerA = await db.CreateSellerAsync(partnerName: partners[0]);
        var sellerB = await db.CreateSellerAsync(partnerName: partners[1]);
        var pendingA = await db.CreateSellerAsync(SellerStatus.Pending, partners[0]);
        var oldOwner = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var newOwner = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 2);
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(oldOwner, tags[0].Serial, tags[0].ScratchCode));
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(newOwner, tags[1].Serial, tags[1].ScratchCode));
        await db.SqlAsync($"UPDATE tags SET registered_at = now() - interval '11 days' WHERE owner_member_id = {oldOwner}");

        var forBuyers = await CreateAsync("Buyers", SurveyTarget.Buyers);
        var forSellers = await CreateAsync("Sellers", SurveyTarget.Sellers);
        var forPartner = await CreateAsync("Partner A", SurveyTarget.PartnerPeople, partner: partners[0]);
        var afterItem = await CreateAsync("After item", SurveyTarget.BuyersAfterItem, days: 10);

        (await OpenAsync(buyer)).Should().Contain(forBuyers).And.NotContain([forSellers, forPartner, afterItem]);
        (await OpenAsync(sellerA.Id)).Should().Contain([forSellers, forPartner]).And.NotContain([forBuyers, afterItem]);
        (await OpenAsync(sellerB.Id)).Should().Contain(forSellers).And.NotContain([forPartner, forBuyers]);
        (await OpenAsync(pendingA.Id)).Should().NotContain([forSellers, forPartner]);
        (await OpenAsync(oldOwner)).Should().Contain([forBuyers, afterItem]);
        (await OpenAsync(newOwner)).Should().Contain(forBuyers).And.NotContain(afterItem);
        (await db.SendAsync<Result>(Answer(sellerB.Id, forPartner, []))).Errors[0].ErrorMessage.Should().Be("This survey is not open to you.");
    }

    [Fact]
    public async Task Closed_and_future_surveys_are_not_open()
    {
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var now = DateTimeOffset.UtcNow;
        var closed = await CreateAsync("Closed", SurveyTarget.Buyers, opens: now.AddDays(-10), closes: now.AddDays(-1));
        var future = await CreateAsync("Future", SurveyTarget.Buyers, opens: now.AddDays(1), closes: now.AddDays(10));

        (await OpenAsync(buyer)).Should().NotContain([closed, future]);
        (await db.SendAsync<SurveyToAnswer?>(new GetSurveyToAnswerQuery(buyer, closed))).Should().BeNull();
    }

    [Fact]
    public async Task Answers_are_checked_and_a_refused_form_stores_nothing()
    {
        var survey = await CreateAsync("Validation", SurveyTarget.Buyers);
        var q = await QuestionsAsync(survey);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;

        async Task<string?> Refusal(Dictionary<int, string[]> answers) =>
            (await db.SendAsync<Result>(Answer(buyer, survey, answers))).Errors.FirstOrDefault()?.ErrorMessage;

        (await Refusal(new() { [q.Rating] = ["4"] })).Should().Be("Please answer this question.");
        (await Refusal(new() { [q.Single] = ["7"], [q.Rating] = ["4"] })).Should().Be("Choose one of the options.");
        (await Refusal(new() { [q.Single] = ["-1"], [q.Rating] = ["4"] })).Should().Be("Choose one of the options.");
        (await Refusal(new() { [q.Single] = ["0", "1"], [q.Rating] = ["4"] })).Should().Be("Choose one option.");
        (await Refusal(new() { [q.Single] = ["0"], [q.Rating] = ["6"] })).Should().Be("Give a rating from 1 to 5.");
        (await Refusal(new() { [q.Single] = ["0"], [q.Rating] = ["<script>"] })).Should().Be("Give a rating from 1 to 5.");
        (await Refusal(new() { [q.Single] = ["0"], [q.Rating] = ["3"], [q.Multiple] = [.. Enumerable.Repeat("0", 10_000)] })).Should().BeNull();
        (await ResponsesAsync(survey)).Should().Be(1);

        var other = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        (await db.SendAsync<Result>(Answer(other, survey, new() { [q.Single] = ["0"], [q.Rating] = ["3"], [q.Text] = [new string('x', 100_000)] })))
            .Errors[0].ErrorMessage.Should().Be("The answer is too long (2,000 characters at most).");
        (await db.SendAsync<Result>(Answer(other, survey, new() { [q.Single] = ["9999999999999999999999"], [q.Rating] = ["3"] }))).Succeeded.Should().BeFalse();
        (await ResponsesAsync(survey)).Should().Be(1);
    }

    [Fact]
    public async Task Twenty_parallel_submits_store_one_response()
    {
        var survey = await CreateAsync("Double submit", SurveyTarget.Buyers);
        var q = await QuestionsAsync(survey);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;

        var results = await ActivityTesting.InParallelAsync(20, () => db.SendAsync<Result>(Answer(buyer, survey, new() { [q.Single] = ["1"], [q.Rating] = ["5"] })));

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Errors[0].ErrorMessage == "You have already answered this survey.");
        (await ResponsesAsync(survey)).Should().Be(1);
        (await db.SendAsync<SurveyToAnswer?>(new GetSurveyToAnswerQuery(buyer, survey)))!.Answered.Should().BeTrue();
    }

    [Fact]
    public async Task The_reward_command_run_ten_times_at_once_pays_each_response_once()
    {
        await db.SendAsync<int>(new PaySurveyRewardsCommand());
        var survey = await CreateAsync("Rewards", SurveyTarget.Buyers, points: 120);
        var q = await QuestionsAsync(survey);
        var buyers = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            buyers.Add((await TestTags.CreateBuyerAsync(db.Services)).Id);
            (await db.SendAsync<Result>(Answer(buyers[^1], survey, new() { [q.Single] = ["0"], [q.Rating] = ["2"] }))).Succeeded.Should().BeTrue();
        }

        (await db.BalanceAsync(buyers[0])).Should().Be(0, "answering pays nothing by itself");

        var paid = await ActivityTesting.InParallelAsync(10, () => db.SendAsync<int>(new PaySurveyRewardsCommand()));

        paid.Sum().Should().Be(3);
        foreach (var buyer in buyers)
        {
            (await db.BalanceAsync(buyer)).Should().Be(120);
        }

        (await db.SendAsync<int>(new PaySurveyRewardsCommand())).Should().Be(0);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_rating_about_the_seller_keeps_the_seller_who_sold_the_item_and_the_export_defuses_formulas()
    {
        var seller = await db.CreateSellerAsync();
        var (batchId, tags) = await TestTags.CreateBatchAsync(db.Services, 1, onSale: false);
        foreach (var (state, partner) in new[] { (TagBatchState.Printed, null), (TagBatchState.Shipped, seller.PartnerName), (TagBatchState.Active, null) })
        {
            (await db.SendAsync<Result>(new ChangeTagBatchStateCommand(batchId, state, partner))).Succeeded.Should().BeTrue();
        }

        (await db.SendAsync<RecordSaleResult>(new RecordSaleCommand(seller.Id, tags[0].Serial))).Recorded.Should().BeTrue();
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode));
        var survey = await CreateAsync("About the seller", SurveyTarget.Buyers);
        (await db.SendAsync<Result>(new AddSurveyQuestionCommand(survey, "Rate the seller", QuestionKind.Rating, true, null, AboutSeller: true))).Succeeded.Should().BeTrue();
        var q = await QuestionsAsync(survey);
        var aboutSeller = (await db.SendAsync<SurveyDetail?>(new GetSurveyQuery(survey)))!.Questions.Single(x => x.AboutSeller).Id;

        (await db.SendAsync<Result>(Answer(buyer, survey, new()
        {
            [q.Single] = ["2"], [q.Rating] = ["4"], [aboutSeller] = ["5"], [q.Text] = ["=HYPERLINK(\"http://evil\")"],
        }))).Succeeded.Should().BeTrue();

        var stored = await db.WithScopeAsync<ClubDbContext, Guid?>(context =>
            context.SurveyAnswers.Where(a => a.QuestionId == aboutSeller).Select(a => a.SellerId).SingleAsync());
        stored.Should().Be(seller.Id);
        var csv = await db.SendAsync<string?>(new ExportSurveyAnswersQuery(survey));
        csv.Should().Contain("\"'=HYPERLINK(\"\"http://evil\"\")\"").And.Contain(seller.Id.ToString()).And.Contain("\"Three\"");
        (await db.SendAsync<Result>(new AddSurveyQuestionCommand(survey, "Late", QuestionKind.FreeText, false, null, false))).Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task A_survey_and_its_questions_refuse_bad_input()
    {
        var now = DateTimeOffset.UtcNow;
        (await Save(new SaveSurveyCommand(null, "m", "", null, SurveyTarget.Buyers, null, null, now, now.AddDays(1), 1))).Should().NotBeNull();
        (await Save(new SaveSurveyCommand(null, "m", "t", null, SurveyTarget.Buyers, null, null, now, now.AddDays(-1), 1))).Should().NotBeNull();
        (await Save(new SaveSurveyCommand(null, "m", "t", null, SurveyTarget.PartnerPeople, "No such partner", null, now, now.AddDays(1), 1))).Should().NotBeNull();
        (await Save(new SaveSurveyCommand(null, "m", "t", null, SurveyTarget.BuyersAfterItem, null, -5, now, now.AddDays(1), 1))).Should().NotBeNull();
        (await Save(new SaveSurveyCommand(null, "m", "t", null, (SurveyTarget)99, null, null, now, now.AddDays(1), 1))).Should().NotBeNull();
        var survey = await CreateAsync("Questions", SurveyTarget.Buyers);
        (await db.SendAsync<Result>(new AddSurveyQuestionCommand(survey, "One option", QuestionKind.SingleChoice, true, "Only", false))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new AddSurveyQuestionCommand(survey, "Seller text", QuestionKind.FreeText, true, null, true))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new AddSurveyQuestionCommand(survey, new string('q', 600), QuestionKind.FreeText, true, null, false))).Succeeded.Should().BeFalse();
        (await db.SendAsync<SurveyDetail?>(new GetSurveyQuery(survey)))!.Questions.Should().HaveCount(4);
    }

    private async Task<string?> Save(SaveSurveyCommand command) => (await db.SendAsync<SaveSurveyResult>(command)).Error?.Text;

    private static SubmitSurveyResponseCommand Answer(Guid member, int survey, Dictionary<int, string[]> answers) =>
        new(member, survey, answers.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value));

    private Task<List<int>> OpenAsync(Guid member) =>
        db.WithScopeAsync<Club.Application.Abstractions.IClubDbFactory, List<int>>(async factory =>
        {
            await using var context = await factory.CreateAsync();
            return await SurveyTargeting.OpenSurveysForAsync(context, member, DateTimeOffset.UtcNow, default);
        });

    private Task<int> ResponsesAsync(int survey) =>
        db.WithScopeAsync<ClubDbContext, int>(context => context.SurveyResponses.CountAsync(r => r.SurveyId == survey));

    /// <summary>A survey with a required single choice (One/Two/Three), an optional multiple choice, a required rating and optional text.</summary>
    private async Task<int> CreateAsync(string title, SurveyTarget target, string? partner = null, int? days = null, int points = 100,
        DateTimeOffset? opens = null, DateTimeOffset? closes = null)
    {
        var now = DateTimeOffset.UtcNow;
        var saved = await db.SendAsync<SaveSurveyResult>(new SaveSurveyCommand(
            null, "tests", title, null, target, partner, days, opens ?? now.AddDays(-1), closes ?? now.AddDays(7), points));
        saved.Error.Should().BeNull();
        var id = saved.SurveyId!.Value;
        foreach (var (text, kind, required, options) in new[]
        {
            ("Single", QuestionKind.SingleChoice, true, "One\nTwo\nThree"),
            ("Multiple", QuestionKind.MultipleChoice, false, "A\nB"),
            ("Rating", QuestionKind.Rating, true, (string?)null),
            ("Text", QuestionKind.FreeText, false, null),
        })
        {
            (await db.SendAsync<Result>(new AddSurveyQuestionCommand(id, text, kind, required, options, false))).Succeeded.Should().BeTrue();
        }

        return id;
    }

    private async Task<(int Single, int Multiple, int Rating, int Text)> QuestionsAsync(int survey)
    {
        var questions = (await db.SendAsync<SurveyDetail?>(new GetSurveyQuery(survey)))!.Questions;
        int Of(string text) => questions.Single(q => q.Text == text).Id;
        return (Of("Single"), Of("Multiple"), Of("Rating"), Of("Text"));
    }
}
