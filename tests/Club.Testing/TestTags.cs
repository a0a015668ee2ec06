using Club.Application.Abstractions;
using Club.Application.Features.Tags;
using Club.Domain.Tags;
using Club.Domain.Members;
using Club.Infrastructure.Identity;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Testing;

/// <summary>A printed label as the buyer sees it: the serial in the QR URL and the code under the foil.</summary>
public sealed record PrintedTag(string Serial, string ScratchCode);

/// <summary>Real tags and buyers made through the app's own use cases, for registration and scan tests.</summary>
public static class TestTags
{
    private static int accounts;

    /// <summary>The partner that batches on sale are shipped to unless a test moves its batch itself; no promotion or seller names it.</summary>
    public const string StockPartner = "Тестовый склад";

    /// <summary>
    /// Creates a batch of <paramref name="sku"/> and returns its labels from the print file. The batch
    /// is on sale (printed, shipped to <see cref="StockPartner"/>, active), as tags are when buyers
    /// register them; with <paramref name="onSale"/> false it stays as the factory made it (Generated).
    /// </summary>
    public static async Task<(int BatchId, IReadOnlyList<PrintedTag> Tags)> CreateBatchAsync(
        IServiceProvider services, int quantity, string sku = "AQ-SEA-R01", bool onSale = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "club-test-tags", Guid.NewGuid().ToString("N"));
        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var result = await mediator.Send(new CreateTagBatchCommand(sku, quantity, null, "a4-sheet-3x8.json", "tests", folder, "https://club.example"));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Error?.Text);
        }

        // Columns: serial, url, grouped scratch code, batch, product.
        var tags = File.ReadLines(result.Batch!.PrintFile).Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => new PrintedTag(cells[0], cells[2]))
            .ToList();
        Directory.Delete(folder, recursive: true);
        if (onSale)
        {
            await PutOnSaleAsync(services, result.Batch.BatchId);
        }

        return (result.Batch.BatchId, tags);
    }

    /// <summary>The ids of <paramref name="quantity"/> new tags on sale, for tests that write to tags by id (the scan log).</summary>
    public static async Task<long[]> CreateTagIdsAsync(IServiceProvider services, int quantity)
    {
        var (_, tags) = await CreateBatchAsync(services, quantity);
        var codes = services.GetRequiredService<ITagCodes>();
        return [.. tags.Select(tag => codes.TryDecodeSerial(tag.Serial, out var id) is SerialCheck.Valid ? id : throw new InvalidOperationException(tag.Serial))];
    }

    /// <summary>Moves a new batch through Printed and Shipped (to <paramref name="partner"/>, else <see cref="StockPartner"/>) to Active.</summary>
    public static async Task PutOnSaleAsync(IServiceProvider services, int batchId, string? partner = null)
    {
        if (partner is null)
        {
            await EnsureStockPartnerAsync(services);
        }

        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        foreach (var (state, shipTo) in new[] { (TagBatchState.Printed, null), (TagBatchState.Shipped, partner ?? StockPartner), (TagBatchState.Active, (string?)null) })
        {
            var moved = await mediator.Send(new ChangeTagBatchStateCommand(batchId, state, shipTo));
            if (!moved.Succeeded)
            {
                throw new InvalidOperationException(moved.Errors[0].ErrorMessage);
            }
        }
    }

    /// <summary>Adds <see cref="StockPartner"/> unless it exists: many tests share a database, the unique name decides a race.</summary>
    public static async Task EnsureStockPartnerAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IClubDbFactory>().CreateAsync();
        await db.Database.ExecuteSqlAsync($"INSERT INTO partners (name) VALUES ({StockPartner}) ON CONFLICT DO NOTHING");
    }

    /// <summary>A new buyer account (each with its own email and phone); returns its member id.</summary>
    public static async Task<(Guid Id, string Email)> CreateBuyerAsync(IServiceProvider services, string password = "buyer-pass-1")
    {
        var n = Interlocked.Increment(ref accounts);
        var unique = Guid.NewGuid().ToString("N")[..8];
        var email = $"buyer-{unique}-{n}@tests.example";
        var phone = $"+7 9{Random.Shared.Next(10, 99)} {Random.Shared.Next(1_000_000, 9_999_999)}";
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<MemberAccounts>()
            .CreateAsync(new NewAccount(email, phone, password, $"Покупатель {n}", Roles.Buyer));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors));
        }

        return (result.User!.Id, email);
    }

    /// <summary>A new seller account at <paramref name="shopId"/> of <paramref name="partnerId"/> (its own email and phone); returns its member id.</summary>
    public static async Task<(Guid Id, string Email)> CreateSellerAsync(
        IServiceProvider services, int partnerId, int shopId, SellerStatus status = SellerStatus.Active, string name = "Продавец", string password = "seller-pass-1",
        string? phone = null)
    {
        var n = Interlocked.Increment(ref accounts);
        var email = $"seller-{Guid.NewGuid().ToString("N")[..8]}-{n}@tests.example";
        phone ??= $"+7 9{Random.Shared.Next(10, 99)} {Random.Shared.Next(1_000_000, 9_999_999)}";
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<MemberAccounts>()
            .CreateAsync(new NewAccount(email, phone, password, name, Roles.Seller, PartnerId: partnerId, ShopId: shopId, SellerStatus: status));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors));
        }

        return (result.User!.Id, email);
    }
}
