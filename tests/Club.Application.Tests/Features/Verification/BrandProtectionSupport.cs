using Club.Application.Abstractions;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Verification;

/// <summary>Staff of the demo data and a partner manager's own partner, for the reports desk and alerts.</summary>
internal static class BrandProtectionSupport
{
    public static async Task<Guid> MemberIdAsync(DatabaseFixture db, string email)
    {
        await using var context = await CreateAsync(db);
        return (await context.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM users WHERE email = {email}").ToListAsync())[0];
    }

    public static Task<Guid> ManagerAsync(DatabaseFixture db) => MemberIdAsync(db, "manager@club.demo");

    /// <summary>The demo partner manager and the name of their partner.</summary>
    public static async Task<(Guid Id, string Partner)> PartnerManagerAsync(DatabaseFixture db)
    {
        var id = await MemberIdAsync(db, "partner@club.demo");
        await using var context = await CreateAsync(db);
        var partner = await (from m in context.Members join p in context.Partners on m.PartnerId equals p.Id where m.Id == id select p.Name).SingleAsync();
        return (id, partner);
    }

    public static async Task<IClubDb> CreateAsync(DatabaseFixture db) => await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
}
