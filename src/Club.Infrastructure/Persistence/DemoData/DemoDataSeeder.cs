using Club.Domain.Catalog;
using Club.Domain.Members;
using Club.Domain.Points;
using Club.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Club.Infrastructure.Persistence.DemoData;

/// <summary>
/// Loads the demo brand, partners, shops, products and accounts. Every item is looked up by its
/// natural key first, and the whole run holds an advisory lock, so restarts and several nodes
/// starting at once never duplicate anything.
/// </summary>
internal static class DemoDataSeeder
{
    // Any constant unique to this purpose; pg_advisory_xact_lock takes a bigint.
    private const long SeedLockKey = 0x436C_7562_5365_6564; // "ClubSeed"

    public static async Task SeedAsync(IServiceProvider provider, ILogger logger, bool withHistory, CancellationToken cancellationToken)
    {
        var db = provider.GetRequiredService<ClubDbContext>();
        var users = provider.GetRequiredService<UserManager<ClubUser>>();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", cancellationToken);

        var added = 0;
        if (!await db.Brand.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Loading the demo data (brand, catalogue, shops, accounts, a year of history)");
            db.Brand.Add(DemoCatalog.Brand());
            added++;
        }

        foreach (var partner in DemoCatalog.Partners())
        {
            if (!await db.Partners.AnyAsync(p => p.Name == partner.Name, cancellationToken))
            {
                db.Partners.Add(partner);
                added++;
            }
        }

        var existingTerms = await db.CatalogueTerms.Select(t => new { t.List, t.Code }).ToListAsync(cancellationToken);
        foreach (var term in DemoCatalog.Terms().Where(t => !existingTerms.Contains(new { t.List, t.Code })))
        {
            db.CatalogueTerms.Add(term);
            added++;
        }

        var existingSkus = await db.Products.Select(p => p.Sku).ToListAsync(cancellationToken);
        foreach (var product in DemoCatalog.Products().Where(p => !existingSkus.Contains(p.Sku)))
        {
            db.Products.Add(product);
            added++;
        }

        // Before the accounts: joining accepts the versions published then.
        if (!await db.LegalDocuments.AnyAsync(cancellationToken))
        {
            db.LegalDocuments.AddRange(DemoLegal.All(DateTimeOffset.UtcNow));
            added += 2;
        }

        added += await DemoActivities.AddAsync(db, cancellationToken);
        // Birthday points, so the BirthdayRewards job (and its "run now") pays something in the demo.
        foreach (var kind in new[] { PointsRuleKind.BuyerBirthday, PointsRuleKind.SellerBirthday })
        {
            if (!await db.PointsRules.AnyAsync(r => r.Kind == kind, cancellationToken))
            {
                db.PointsRules.Add(new PointsRule { Kind = kind, Points = 200, UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "demo" });
                added++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        added += await DemoTraining.AddAsync(db, cancellationToken);

        var firstPartner = await db.Partners.Include(p => p.Shops).OrderBy(p => p.Id).FirstAsync(cancellationToken);
        if (!await db.Gifts.AnyAsync(cancellationToken))
        {
            var gifts = DemoGifts.All(firstPartner.Id, DateTimeOffset.UtcNow);
            db.Gifts.AddRange(gifts);
            await db.SaveChangesAsync(cancellationToken);
            added += gifts.Count;
        }

        added += await AddGiftPicturesAsync(db, firstPartner.Id, cancellationToken);

        var accounts = provider.GetRequiredService<MemberAccounts>();
        foreach (var account in DemoAccounts.All)
        {
            if (await users.FindByEmailAsync(account.Email) is { } existing)
            {
                await EnrolDemoAuthenticatorAsync(users, existing, account.Role);
                continue;
            }

            var result = await accounts.CreateAsync(new NewAccount(
                account.Email,
                account.Phone,
                DemoAccounts.Password,
                account.FullName,
                account.Role,
                PartnerId: account.AtPartner ? firstPartner.Id : null,
                ShopId: account.Role == Roles.Seller ? firstPartner.Shops.OrderBy(s => s.Id).First().Id : null,
                SellerStatus: SellerStatus.Active));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {account.Email}: {string.Join("; ", result.Errors)}");
            }

            await EnrolDemoAuthenticatorAsync(users, result.User!, account.Role);
            added++;
        }

        // After the accounts: the history's points go through the ledger, and the accounts stay out of it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var history = withHistory ? await DemoHistory.AddAsync(db, DateTimeOffset.UtcNow, cancellationToken) : 0;
        if (history > 0)
        {
            logger.LogInformation("A year of demo history loaded in {Seconds:F1} s", clock.Elapsed.TotalSeconds);
            added += history;
        }

        await transaction.CommitAsync(cancellationToken);
        if (added > 0)
        {
            logger.LogInformation("Demo data loaded ({Count} new items)", added);
        }
    }

    /// <summary>
    /// Drawn pictures for the demo gifts that have none (also in a demo database seeded before there were
    /// pictures), so the catalogue does not read "photo coming soon" throughout. A photo a manager uploaded stays.
    /// </summary>
    private static async Task<int> AddGiftPicturesAsync(ClubDbContext db, int partnerId, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var titles = DemoGifts.All(partnerId, now).Select(g => g.Title).ToList();
        var bare = await db.Gifts
            .Where(g => titles.Contains(g.Title) && !db.GiftPhotos.Any(p => p.GiftId == g.Id))
            .ToListAsync(cancellationToken);
        foreach (var gift in bare)
        {
            db.GiftPhotos.Add(new GiftPhoto { GiftId = gift.Id, ContentType = DemoGiftPictures.ContentType, Content = DemoGiftPictures.Draw(gift.Title), UploadedAt = now });
            gift.PhotoVersion++;
            gift.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return bare.Count;
    }

    /// <summary>Demo staff sign in with the documented demo key (<see cref="DemoAccounts.AuthenticatorKey"/>), as staff must.</summary>
    private static async Task EnrolDemoAuthenticatorAsync(UserManager<ClubUser> users, ClubUser user, string role)
    {
        if (!Roles.NeedSecondFactor.Contains(role) || await users.GetTwoFactorEnabledAsync(user))
        {
            return;
        }

        // Where Identity's user store keeps the authenticator key (UserStoreBase's internal names).
        await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", DemoAccounts.AuthenticatorKey);
        await users.SetTwoFactorEnabledAsync(user, true);
    }
}
