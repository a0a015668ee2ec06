using Club.Application.Abstractions;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>The scan alerts' thresholds as they stand (the defaults until a program manager saves some).</summary>
public sealed record GetScanAlertSettingsQuery : IQuery<ScanAlertSettings>;

public sealed class GetScanAlertSettingsHandler(IClubDbFactory dbFactory) : IQueryHandler<GetScanAlertSettingsQuery, ScanAlertSettings>
{
    public async ValueTask<ScanAlertSettings> Handle(GetScanAlertSettingsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await db.ScanAlertSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new ScanAlertSettings();
    }
}
