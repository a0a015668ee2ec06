using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>A program manager sets the thresholds; the next run of the alert job uses them. Audited.</summary>
public sealed record SaveScanAlertSettingsCommand(int ClonedLabelVisitors, int UnknownSerialScans, int WrongCodesPerTag, bool DailyDigest) : ICommand<Result>;

public sealed class SaveScanAlertSettingsHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<SaveScanAlertSettingsCommand, Result>
{
    public async ValueTask<Result> Handle(SaveScanAlertSettingsCommand command, CancellationToken cancellationToken)
    {
        if (new[] { command.ClonedLabelVisitors, command.UnknownSerialScans, command.WrongCodesPerTag }.Any(n => n < 1 || n > ScanAlertSettings.MaxThreshold))
        {
            return Result.Fail(new UserMessage("Each threshold is a whole number from 1 to {0}.", [ScanAlertSettings.MaxThreshold]));
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var settings = await db.ScanAlertSettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new ScanAlertSettings();
            db.ScanAlertSettings.Add(settings);
        }

        var before = new { settings.ClonedLabelVisitors, settings.UnknownSerialScans, settings.WrongCodesPerTag, settings.DailyDigest };
        settings.ClonedLabelVisitors = command.ClonedLabelVisitors;
        settings.UnknownSerialScans = command.UnknownSerialScans;
        settings.WrongCodesPerTag = command.WrongCodesPerTag;
        settings.DailyDigest = command.DailyDigest;
        await audit.RecordAsync(new AuditChange("scan-alert.settings", "scan-alert-settings", ScanAlertSettings.SingletonId.ToString(CultureInfo.InvariantCulture),
            before, new { settings.ClonedLabelVisitors, settings.UnknownSerialScans, settings.WrongCodesPerTag, settings.DailyDigest }), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
