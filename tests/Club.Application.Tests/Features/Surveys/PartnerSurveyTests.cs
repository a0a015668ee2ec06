using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Application.Features.Sales;
using Club.Application.Features.Surveys;
using Club.Application.Tests.Features.Activities;
using Club.Application.Tests.Features.Sales;
using Club.Domain.Activities;
using Club.Domain.Sales;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Surveys;

/// <summary>
/// Surveys a partner's managers run among the partner's buyers: who is asked, who may edit and read them
/// (every handler is tried on another partner's survey and on a brand survey), the results and the CSV.
/// </summary>
public class PartnerSurveyTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_partner_survey_reaches_the_owners_of_items_shipped_to_the_partner_only()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (own, other) = await PartnerIdsAsync(manager);
        var ownBuyer = await OwnerOfItemShippedToAsync(own);
        var otherBuyer = await OwnerOfItemShippedToAsync(other);
        var noItem = (await TestTags.CreateBuyerAsync(db.Services)).Id;

        var survey = await CreateAsync(manager);

        (await OpenAsync(ownBuyer)).Should().Contain(survey);
        (await OpenAsync(otherBuyer)).Should().NotContain(survey);
        (await OpenAsync(noItem)).Should().NotContain(survey);
        (await db.SendAsync<SurveyToAnswer?>(new GetSurveyToAnswerQuery(otherBuyer, survey))).Should().BeNull();
        (await db.SendAsync<Result>(await AnswerAsync(otherBuyer, survey, 0, "4"))).Succeeded.Should().BeFalse();
        var detail = (await db.SendAsync<SurveyDetail?>(new GetSurveyQuery(survey) { PartnerManagerId = manager }))!;
        (detail.Survey.Target, detail.PartnerId, detail.Survey.Points).Should().Be((SurveyTarget.PartnerBuyers, own, 0));
    }

    [Fact]
    public async Task A_partner_survey_reaches_the_buyer_of_an_item_its_seller_sold_though_shipped_to_another_partner()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (own, other) = await PartnerIdsAsync(manager);
        var ownSeller = await db.SellerAsync(of: await PartnerNameAsync(own));
        var buyer = await BuyerOfConfirmedSaleAsync(ownSeller, shippedTo: await PartnerNameAsync(other));

        var survey = await CreateAsync(manager);

        (await OpenAsync(buyer)).Should().Contain(survey, "the item was sold by one of the partner's sellers");
        (await db.SendAsync<SurveyToAnswer?>(new GetSurveyToAnswerQuery(buyer, survey))).Should().NotBeNull();
    }

    [Fact]
    public async Task A_partner_survey_skips_the_buyer_of_an_item_neither_shipped_to_the_partner_nor_sold_by_its_sellers()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (_, other) = await PartnerIdsAsync(manager);
        var otherName = await PartnerNameAsync(other);
        var otherSeller = await db.SellerAsync(of: otherName);
        var buyer = await BuyerOfConfirmedSaleAsync(otherSeller, shippedTo: otherName);

        var survey = await CreateAsync(manager);

        (await OpenAsync(buyer)).Should().NotContain(survey);
        (await db.SendAsync<SurveyToAnswer?>(new GetSurveyToAnswerQuery(buyer, survey))).Should().BeNull();
    }

    [Fact]
    public async Task Results_count_each_answer_and_the_managers_csv_leaves_out_who_answered()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (own, _) = await PartnerIdsAsync(manager);
        var survey = await CreateAsync(manager);
        foreach (var (option, rating) in new[] { (0, "5"), (1, "4"), (0, "5") })
        {
            var buyer = await OwnerOfItemShippedToAsync(own);
            (await db.SendAsync<Result>(await AnswerAsync(buyer, survey, option, rating))).Succeeded.Should().BeTrue();
        }

        var results = await db.SendAsync<IReadOnlyList<QuestionResult>>(new GetSurveyResultsQuery(survey) { PartnerManagerId = manager });
        var choice = results.Single(r => r.Kind == QuestionKind.SingleChoice);
        choice.Answered.Should().Be(3);
        choice.Counts.Select(c => (c.Answer, c.Count)).Should().Equal(("Да", 2), ("Нет", 1));
        var ratings = results.Single(r => r.Kind == QuestionKind.Rating);
        ratings.AverageRating.Should().Be(4.67);
        ratings.Counts.Single(c => c.Answer == "5").Count.Should().Be(2);

        var managersCsv = await db.SendAsync<string?>(new ExportSurveyAnswersQuery(survey) { PartnerManagerId = manager });
        var brandCsv = await db.SendAsync<string?>(new ExportSurveyAnswersQuery(survey));
        managersCsv!.Split("\r\n")[0].Should().NotContain("member");
        managersCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(4);
        brandCsv!.Split("\r\n")[0].Should().Contain("member_name");
    }

    [Fact]
    public async Task A_partner_manager_cannot_read_or_change_another_partners_survey_or_a_brand_survey()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var (_, other) = await PartnerIdsAsync(manager);
        var now = DateTimeOffset.UtcNow;
        var otherName = await db.WithScopeAsync<ClubDbContext, string>(c => c.Partners.Where(p => p.Id == other).Select(p => p.Name).SingleAsync());
        var brandSurvey = (await db.SendAsync<SaveSurveyResult>(new SaveSurveyCommand(null, "brand", "Бренд", null, SurveyTarget.Buyers, null, null, now.AddDays(-1), now.AddDays(7), 10))).SurveyId!.Value;
        var otherSurvey = (await db.SendAsync<SaveSurveyResult>(new SaveSurveyCommand(null, "brand", "Чужой", null, SurveyTarget.PartnerBuyers, otherName, null, now.AddDays(-1), now.AddDays(7), 0))).SurveyId!.Value;

        foreach (var survey in new[] { brandSurvey, otherSurvey })
        {
            IMessage[] messages =
            [
                new GetSurveyQuery(survey) { PartnerManagerId = manager },
                new GetSurveyResultsQuery(survey) { PartnerManagerId = manager },
                new ExportSurveyAnswersQuery(survey) { PartnerManagerId = manager },
                new AddSurveyQuestionCommand(survey, "Чужой вопрос", QuestionKind.FreeText, false, null, false) { PartnerManagerId = manager },
                new RemoveSurveyQuestionCommand(survey, 1) { PartnerManagerId = manager },
                new SaveSurveyCommand(survey, "forger", "Подмена", null, SurveyTarget.PartnerBuyers, null, null, now, now.AddDays(1), 0) { PartnerManagerId = manager },
            ];
            foreach (var message in messages)
            {
                var act = () => db.SendAsync<object?>(message);
                (await act.Should().ThrowAsync<NotFoundException>(message.GetType().Name)).WithMessage(SurveyScope.NotYours);
            }

            var after = (await db.SendAsync<SurveyDetail?>(new GetSurveyQuery(survey)))!;
            after.Survey.Title.Should().BeOneOf("Бренд", "Чужой");
            after.Questions.Should().BeEmpty();
        }

        var listed = await db.SendAsync<IReadOnlyList<SurveyRow>>(new ListSurveysQuery { PartnerManagerId = manager });
        listed.Select(s => s.Id).Should().NotContain([brandSurvey, otherSurvey]);
        listed.Should().OnlyContain(s => s.Target == SurveyTarget.PartnerBuyers);
    }

    [Fact]
    public async Task A_survey_of_a_partners_buyers_pays_no_points()
    {
        var manager = await db.IdOfAsync("partner@club.demo");
        var now = DateTimeOffset.UtcNow;

        var saved = await db.SendAsync<SaveSurveyResult>(new SaveSurveyCommand(
            null, "partner", "С баллами", null, SurveyTarget.Buyers, null, null, now, now.AddDays(1), 50) { PartnerManagerId = manager });

        saved.Error!.Text.Should().Be(SurveyScope.PartnerSurveyPaysNoPoints);
        saved.SurveyId.Should().BeNull();
    }

    /// <summary>A survey of the manager's buyers with a Да/Нет question and a rating, made by the manager (the form's target is ignored).</summary>
    private async Task<int> CreateAsync(Guid manager)
    {
        var now = DateTimeOffset.UtcNow;
        var saved = await db.SendAsync<SaveSurveyResult>(new SaveSurveyCommand(
            null, "partner", "Опрос партнёра", null, SurveyTarget.Buyers, null, null, now.AddDays(-1), now.AddDays(7), 0) { PartnerManagerId = manager });
        saved.Error.Should().BeNull();
        var id = saved.SurveyId!.Value;
        (await db.SendAsync<Result>(new AddSurveyQuestionCommand(id, "Понравилось?", QuestionKind.SingleChoice, true, "Да\nНет", false) { PartnerManagerId = manager }))
            .Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new AddSurveyQuestionCommand(id, "Оценка", QuestionKind.Rating, true, null, false) { PartnerManagerId = manager }))
            .Succeeded.Should().BeTrue();
        return id;
    }

    private async Task<SubmitSurveyResponseCommand> AnswerAsync(Guid member, int survey, int option, string rating)
    {
        var questions = (await db.SendAsync<SurveyDetail?>(new GetSurveyQuery(survey)))!.Questions;
        return new SubmitSurveyResponseCommand(member, survey, new Dictionary<int, IReadOnlyList<string>>
        {
            [questions.Single(q => q.Kind == QuestionKind.SingleChoice).Id] = [option.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            [questions.Single(q => q.Kind == QuestionKind.Rating).Id] = [rating],
        });
    }

    /// <summary>A new buyer who registered an item from a batch shipped to <paramref name="partnerId"/>.</summary>
    private async Task<Guid> OwnerOfItemShippedToAsync(int partnerId)
    {
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var (batch, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        await db.SqlAsync($"UPDATE tag_batches SET partner_id = {partnerId} WHERE id = {batch}");
        (await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode))).Should().NotBeNull();
        return buyer;
    }

    /// <summary>
    /// A new buyer of an item from a batch shipped to <paramref name="shippedTo"/>, sold by <paramref name="seller"/>,
    /// the sale confirmed (a sale of another partner's stock is held first, and the brand approves it).
    /// </summary>
    private async Task<Guid> BuyerOfConfirmedSaleAsync((Guid Id, string PartnerName) seller, string shippedTo)
    {
        var tags = await db.ActiveTagsAsync(seller, 1, shipTo: shippedTo);
        var recorded = await db.RecordAsync(seller, tags[0].Serial);
        recorded.Recorded.Should().BeTrue(recorded.Message);
        var buyer = await db.RegisterAsync(tags[0]);
        // A sale recorded before the registration is confirmed by it, unless it was held for review.
        if (recorded.State == SaleState.Flagged)
        {
            (await db.SendAsync<Result>(new ReviewSaleCommand(recorded.SaleId!.Value, Approve: true))).Succeeded.Should().BeTrue();
        }

        var state = await db.WithScopeAsync<ClubDbContext, SaleState>(c => c.Sales.Where(s => s.Id == recorded.SaleId).Select(s => s.State).SingleAsync());
        state.Should().Be(SaleState.Confirmed);
        return buyer;
    }

    private Task<string> PartnerNameAsync(int partnerId) =>
        db.WithScopeAsync<ClubDbContext, string>(c => c.Partners.Where(p => p.Id == partnerId).Select(p => p.Name).SingleAsync());

    private async Task<(int Own, int Other)> PartnerIdsAsync(Guid manager)
    {
        var own = await db.WithScopeAsync<ClubDbContext, int>(c => c.Members.Where(m => m.Id == manager).Select(m => m.PartnerId!.Value).SingleAsync());
        var other = await db.WithScopeAsync<ClubDbContext, int>(c => c.Partners.Where(p => p.Id != own).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        return (own, other);
    }

    private Task<List<int>> OpenAsync(Guid member) =>
        db.WithScopeAsync<IClubDbFactory, List<int>>(async factory =>
        {
            await using var context = await factory.CreateAsync();
            return await SurveyTargeting.OpenSurveysForAsync(context, member, DateTimeOffset.UtcNow, default);
        });
}
