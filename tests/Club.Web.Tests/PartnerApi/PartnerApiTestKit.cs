using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.PartnerApi;

/// <summary>What the API and webhook tests share: sending through the site's mediator, its database, new sellers.</summary>
internal static class PartnerApiTestKit
{
    public static async Task<T> SendAsync<T>(this ClubWebFactory site, object message)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (T)(await scope.ServiceProvider.GetRequiredService<IMediator>().Send(message))!;
    }

    public static async Task<T> WithDbAsync<T>(this ClubWebFactory site, Func<IClubDb, Task<T>> work)
    {
        await using var scope = site.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IClubDbFactory>().CreateAsync();
        return await work(db);
    }

    /// <summary>A new seller of the partner at the shop, with a phone of its own.</summary>
    public static async Task<(Guid Id, string Phone)> SellerAsync(this ClubWebFactory site, int partnerId, int shopId, SellerStatus status = SellerStatus.Active)
    {
        var phone = $"+7955{Random.Shared.Next(1_000_000, 9_999_999)}";
        var (id, _) = await TestTags.CreateSellerAsync(site.Services, partnerId, shopId, status, "Продавец API", phone: phone);
        return (id, phone);
    }
}
