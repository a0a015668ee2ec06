using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Reports;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>Staff have looked at an alert: it is acknowledged with their notes (what was found, what was done).</summary>
public sealed record AcknowledgeScanAlertCommand(Guid ViewerId, long AlertId, string? Notes) : ICommand<Result>;

public sealed class AcknowledgeScanAlertHandler(IClubDbFactory dbFactory, IAuditTrail audit, TimeProvider clock) : ICommandHandler<AcknowledgeScanAlertCommand, Result>
{
    public async ValueTask<Result> Handle(AcknowledgeScanAlertCommand command, CancellationToken cancellationToken)
    {
        var notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        if (notes is { Length: > ScanAlert.MaxNotesLength })
        {
            return Result.Fail(new UserMessage("Notes and replies: at most {0} characters.", [ScanAlert.MaxNotesLength]));
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await ReportScope.PartnerForAsync(db, command.ViewerId, null, cancellationToken);
        var alert = await db.ScanAlerts.SingleOrDefaultAsync(a => a.Id == command.AlertId && (partner == null || a.PartnerId == partner), cancellationToken);
        if (alert is null)
        {
            return Result.Fail("No such alert.");
        }

        var before = new { alert.AcknowledgedAt, alert.Notes };
        alert.AcknowledgedAt ??= clock.GetUtcNow();
        alert.AcknowledgedBy ??= command.ViewerId;
        alert.Notes = notes;
        await audit.RecordAsync(new AuditChange("scan-alert.acknowledge", "scan-alert", alert.Id.ToString(CultureInfo.InvariantCulture), before,
            new { alert.AcknowledgedAt, alert.Notes }), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
