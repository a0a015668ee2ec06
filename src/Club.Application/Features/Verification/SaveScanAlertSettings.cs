using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>A program manager sets the thresholds; the next run of the alert job uses them. Audited.</summary>
public sealed record SaveScanAlertSettingsCommand(
    int ClonedLabelVisitors, int UnknownSerialScans, int WrongCodesPerTag, bool DailyDigest, int RepeatBuyerItems, int RepeatBuyerHours) : ICommand<Result>;

public sealed class SaveScanAlertSettingsHandler(IClubDbFactory dbFactory, IAuditTrail audit) : ICommandHandler<SaveScanAlertSettingsCommand, Result>
{
    public async ValueTask<Result> Handle(SaveScanAlertSettingsCommand command, CancellationToken cancellationToken)
    {
        if (new[] { command.ClonedLabelVisitors, command.UnknownSerialScans, command.WrongCodesPerTag, command.RepeatBuyerItems }
                .Any(n => n < 1 || n > ScanAlertSettings.MaxThreshold))
        {
            return Result.Fail(new UserMessage("Each threshold is a whole number from 1 to {0}.", [ScanAlertSettings.MaxThreshold]));
        }

        if (command.RepeatBuyerHours is < 1 or > ScanAlertSettings.MaxRepeatBuyerHours)
        {
            return Result.Fail(new UserMessage("The repeat buyer's window is a whole number of hours from 1 to {0}.", [ScanAlertSettings.MaxRepeatBuyerHours]));
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var settings = await db.ScanAlertSettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new ScanAlertSettings();
            db.ScanAlertSettings.Add(settings);
        }

        var before = new { settings.ClonedLabelVisitors, settings.UnknownSerialScans, settings.WrongCodesPerTag, settings.RepeatBuyerItems, settings.RepeatBuyerHours, settings.DailyDigest };
        settings.ClonedLabelVisitors = command.ClonedLabelVisitors;
        settings.UnknownSerialScans = command.UnknownSerialScans;
        settings.WrongCodesPerTag = command.WrongCodesPerTag;
        settings.RepeatBuyerItems = command.RepeatBuyerItems;
        settings.RepeatBuyerHours = command.RepeatBuyerHours;
        settings.DailyDigest = command.DailyDigest;
        await audit.RecordAsync(new AuditChange("scan-alert.settings", "scan-alert-settings", ScanAlertSettings.SingletonId.ToString(CultureInfo.InvariantCulture),
            before, new { settings.ClonedLabelVisitors, settings.UnknownSerialScans, settings.WrongCodesPerTag, settings.RepeatBuyerItems, settings.RepeatBuyerHours, settings.DailyDigest }),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
