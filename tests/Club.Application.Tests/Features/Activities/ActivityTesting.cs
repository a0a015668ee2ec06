using System.Collections.Concurrent;
using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Application.Features.Sellers;
using Club.Domain.Members;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Club.Application.Features.Activities;

namespace Club.Application.Tests.Features.Activities;

/// <summary>The SMS "gateway" of the activity tests: keeps each message so a test can read the code.</summary>
public sealed class CapturedSms : ISmsSender
{
    public ConcurrentQueue<(string Phone, string Text)> Sent { get; } = new();

    public Task SendAsync(string phone, string text, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue((phone, text));
        return Task.CompletedTask;
    }

    public string LastCode => new(Sent.Last().Text.Where(char.IsAsciiDigit).Take(6).ToArray());
}

/// <summary>A database of its own with captured SMS.</summary>
public sealed class ActivitiesFixture : DatabaseFixture
{
    public CapturedSms Sms { get; } = new();

    protected override void Configure(IServiceCollection services) => services.AddSingleton<ISmsSender>(Sms);
}

internal static class ActivityTesting
{
    public static async Task<int> BalanceAsync(this DatabaseFixture db, Guid member) =>
        (await db.SendAsync<MyPoints>(new GetMyPointsQuery(member))).Balance;

    public static Task<int> SqlAsync(this DatabaseFixture db, FormattableString sql) =>
        db.WithScopeAsync<ClubDbContext, int>(context => context.Database.ExecuteSqlAsync(sql));

    public static async Task SetSettingsAsync(this DatabaseFixture db, bool autoApprove, int buyerProfile = 200, int sellerProfile = 300, int buyerSocial = 50, int sellerSocial = 70)
    {
        var current = await db.SendAsync<ActivitySettingsView>(new GetActivitySettingsQuery());
        var result = await db.SendAsync<Result>(new SaveActivitySettingsCommand("tests", current with
        {
            SocialAutoApprove = autoApprove,
            BuyerProfile = buyerProfile,
            SellerProfile = sellerProfile,
            BuyerSocial = buyerSocial,
            SellerSocial = sellerSocial,
            OkUrl = "https://ok.ru/club",
            VkUrl = "https://vk.com/club",
        }));
        result.Succeeded.Should().BeTrue();
    }

    /// <summary>An active seller at the first shop (or one of <paramref name="partnerName"/>); returns id and partner.</summary>
    public static async Task<(Guid Id, string PartnerName, int PartnerId)> CreateSellerAsync(this DatabaseFixture db, SellerStatus status = SellerStatus.Active, string? partnerName = null)
    {
        var shops = await db.SendAsync<IReadOnlyList<ShopChoice>>(new ListShopChoicesQuery());
        var shop = shops.First(s => partnerName is null || s.PartnerName == partnerName);
        var (id, _) = await TestTags.CreateSellerAsync(db.Services, shop.PartnerId, shop.ShopId, status);
        return (id, shop.PartnerName, shop.PartnerId);
    }

    /// <summary>Runs the same call many times at once, as parallel clicks or nodes would.</summary>
    public static Task<T[]> InParallelAsync<T>(int times, Func<Task<T>> call) =>
        Task.WhenAll(Enumerable.Range(0, times).Select(_ => Task.Run(call)));
}
