using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Club.Application.Abstractions;
using Club.Application.Features.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Collector;

/// <summary>
/// The holder opens the hidden status's benefits for the first time: "activated by use". Records the
/// moment, issues the year's personal coupons and mails their codes, all once: a second click, a second
/// tab or a retry finds the status opened and changes nothing. Returns false when the member holds no status.
/// </summary>
public sealed record OpenCollectorBenefitsCommand(Guid MemberId) : ICommand<bool>;

public sealed class OpenCollectorBenefitsHandler(IClubDbFactory dbFactory, IPublicAddress address, TimeProvider clock)
    : ICommandHandler<OpenCollectorBenefitsCommand, bool>
{
    public const string MailTemplate = "CollectorCoupons";

    private const string CodeSymbols = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public async ValueTask<bool> Handle(OpenCollectorBenefitsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var status = await db.CollectorStatuses
            .FromSql($"""
                SELECT * FROM collector_statuses
                WHERE member_id = {command.MemberId} AND valid_from <= {now} AND valid_until > {now}
                FOR UPDATE
                """)
            .SingleOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return false;
        }

        if (status.OpenedAt is not null)
        {
            return true;
        }

        // The row is locked: a parallel opening waits here, then finds it opened above.
        status.OpenedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        var rules = await CollectorRules.CurrentAsync(db, cancellationToken);
        var coupons = rules.CouponPercents.Select((percent, i) => (Position: i + 1, Percent: percent, Code: NewCode())).ToList();
        foreach (var coupon in coupons)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO collector_coupons (member_id, year, position, percent, code, issued_at, valid_until)
                VALUES ({command.MemberId}, {status.Year}, {coupon.Position}, {coupon.Percent}, {coupon.Code}, {now}, {status.ValidUntil})
                ON CONFLICT (member_id, year, position) DO NOTHING
                """, cancellationToken);
        }

        if (coupons.Count > 0)
        {
            var values = new Dictionary<string, string>
            {
                ["Coupons"] = string.Join("\n", coupons.Select(c => $"−{c.Percent.ToString(CultureInfo.InvariantCulture)} %: {c.Code}")),
                ["Link"] = address.Link("/cabinet"),
            };
            await MailOutboxWriter.InsertAsync(db.Database, $"collector-coupons:{command.MemberId}:{status.Year}", command.MemberId, MailTemplate,
                JsonSerializer.Serialize(values), [], now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>"COL-" and 8 random symbols (40 bits): a shop cannot guess another holder's code.</summary>
    public static string NewCode() =>
        "COL-" + new string(RandomNumberGenerator.GetItems<char>(CodeSymbols, 8));
}
