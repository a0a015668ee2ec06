using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Domain.Collector;
using Mediator;

namespace Club.Application.Features.Collector;

/// <summary>
/// The 1 January job: grants the hidden status for the current year (in the club's time zone) to every
/// member whose items registered in the previous calendar year reach the threshold. One set-based
/// statement; a re-run, a run on another day or a second node grants nothing twice. Returns members granted.
/// </summary>
public sealed record GrantCollectorStatusesCommand : ICommand<int>;

public sealed class GrantCollectorStatusesHandler(IClubDbFactory dbFactory, PointsSettings settings, TimeProvider clock)
    : ICommandHandler<GrantCollectorStatusesCommand, int>
{
    public async ValueTask<int> Handle(GrantCollectorStatusesCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var year = CollectorYears.Of(now, settings.Zone);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return await CollectorYears.GrantAsync(db, year, year - 1, CollectorGrant.PreviousYear, null, settings.Zone, now, cancellationToken);
    }
}
