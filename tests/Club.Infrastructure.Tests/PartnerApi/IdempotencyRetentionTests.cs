using Club.Application.Abstractions;
using Club.Application.Features.PartnerApi;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Infrastructure.Tests.PartnerApi;

public class IdempotencyRetentionTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Idempotency_records_past_the_retention_are_deleted_and_recent_ones_kept()
    {
        var settings = db.Services.GetRequiredService<PartnerApiSettings>();
        var prefix = "retention-" + Guid.NewGuid().ToString("N")[..8];
        var old = DateTimeOffset.UtcNow.AddDays(-settings.IdempotencyRetentionDays).AddHours(-1);
        var recent = DateTimeOffset.UtcNow.AddDays(-settings.IdempotencyRetentionDays).AddHours(1);
        await using (var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync())
        {
            await context.Database.ExecuteSqlAsync($"""
                INSERT INTO api_idempotency (partner_id, key, request_hash, response, created_at)
                SELECT p.id, {prefix} || k.suffix, '\x01'::bytea, jsonb_build_object('outcome', 0), k.at
                FROM (SELECT min(id) AS id FROM partners) AS p,
                     (VALUES ('-old', {old}), ('-recent', {recent})) AS k(suffix, at)
                """);
        }

        (await db.SendAsync<int>(new ForgetOldIdempotencyKeysCommand())).Should().BeGreaterThanOrEqualTo(1);
        (await db.SendAsync<int>(new ForgetOldIdempotencyKeysCommand())).Should().Be(0, "a second run finds nothing left to delete");

        await using var check = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        var kept = await check.ApiIdempotency.Where(r => r.Key.StartsWith(prefix)).Select(r => r.Key).ToListAsync();
        kept.Should().Equal(prefix + "-recent");
    }
}
