using Club.Application.Features.Tags;
using Club.Domain.Members;
using Club.Infrastructure.Identity;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Testing;

/// <summary>A printed label as the buyer sees it: the serial in the QR URL and the code under the foil.</summary>
public sealed record PrintedTag(string Serial, string ScratchCode);

/// <summary>Real tags and buyers made through the app's own use cases, for registration and scan tests.</summary>
public static class TestTags
{
    private static int accounts;

    /// <summary>Creates a batch of <paramref name="sku"/> and returns its labels from the print file.</summary>
    public static async Task<(int BatchId, IReadOnlyList<PrintedTag> Tags)> CreateBatchAsync(IServiceProvider services, int quantity, string sku = "AQ-SEA-R01")
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
        return (result.Batch.BatchId, tags);
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
}
