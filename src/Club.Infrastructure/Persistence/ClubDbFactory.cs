using Club.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Club.Infrastructure.Persistence;

internal sealed class ClubDbFactory(IDbContextFactory<ClubDbContext> factory) : IClubDbFactory
{
    // Not async on purpose: CurrentClubDb's AsyncLocal set here must stay visible to the calling handler
    // (an async method would restore the caller's value on return). Leasing from the pool does no I/O.
    public Task<IClubDb> CreateAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var context = factory.CreateDbContext();
        CurrentClubDb.Enter(context);
        return Task.FromResult<IClubDb>(context);
    }
}
