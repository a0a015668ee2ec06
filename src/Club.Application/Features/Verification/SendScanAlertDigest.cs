using System.Globalization;
using Club.Application.Abstractions;
using Club.Domain.Members;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>
/// The daily digest: each program manager gets one mail with the last day's scan alerts counted by
/// rule, when there were any and the digest is on. Keyed by manager and day, so a re-run sends nothing
/// more. Returns how many mails were queued.
/// </summary>
public sealed record SendScanAlertDigestCommand : ICommand<int>;

public sealed class SendScanAlertDigestHandler(IClubDbFactory dbFactory, IMailOutbox outbox, TimeProvider clock) : ICommandHandler<SendScanAlertDigestCommand, int>
{
    public const string Template = "ScanAlertDigest";

    /// <summary>The rules' names in the mail (the page's are resource strings; a mail is written before any page).</summary>
    private static readonly Dictionary<ScanAlertRule, (string Ru, string En)> RuleNames = new()
    {
        [ScanAlertRule.ClonedLabel] = ("Копия бирки (много разных посетителей)", "Copied label (many distinct visitors)"),
        [ScanAlertRule.WithdrawnTagScanned] = ("Проверка отозванной бирки", "Withdrawn tag scanned"),
        [ScanAlertRule.UnreleasedTagScanned] = ("Проверка бирки, не выпущенной в продажу", "Tag not released for sale scanned"),
        [ScanAlertRule.UnknownSerialBurst] = ("Всплеск неизвестных номеров нашего формата", "Burst of unknown serials in our format"),
        [ScanAlertRule.StolenItemScanned] = ("Проверка украденного или потерянного изделия", "Lost or stolen item scanned"),
        [ScanAlertRule.TagUnderAttack] = ("Подбор кода к бирке", "Tag under attack (code guessing)"),
    };

    public async ValueTask<int> Handle(SendScanAlertDigestCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var settings = await db.ScanAlertSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new ScanAlertSettings();
        if (!settings.DailyDigest)
        {
            return 0;
        }

        var since = now.AddDays(-1);
        var counts = await db.ScanAlerts.AsNoTracking().Where(a => a.CreatedAt >= since)
            .GroupBy(a => a.Rule).Select(g => new { Rule = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        if (counts.Count == 0)
        {
            return 0;
        }

        var open = await db.ScanAlerts.CountAsync(a => a.AcknowledgedAt == null, cancellationToken);
        var managers = await db.Database.SqlQuery<Guid>($"""
            SELECT ur.user_id AS "Value" FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE r.name = {Roles.ProgramManager}
            """).ToListAsync(cancellationToken);
        var ordered = counts.OrderBy(c => c.Rule).ToList();
        var russian = string.Join("\n", ordered.Select(c => $"{RuleNames[c.Rule].Ru}: {c.Count.ToString(CultureInfo.InvariantCulture)}"));
        var english = string.Join("\n", ordered.Select(c => $"{RuleNames[c.Rule].En}: {c.Count.ToString(CultureInfo.InvariantCulture)}"));
        var day = DateOnly.FromDateTime(now.UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var manager in managers)
        {
            await outbox.EnqueueAsync($"scan-alert-digest:{manager:N}:{day}", new MemberMail(manager, Template, new Dictionary<string, string>
            {
                ["AlertsRu"] = russian,
                ["AlertsEn"] = english,
                ["Open"] = open.ToString(CultureInfo.InvariantCulture),
            }), cancellationToken);
        }

        return managers.Count;
    }
}
