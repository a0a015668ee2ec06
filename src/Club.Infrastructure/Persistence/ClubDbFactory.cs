using Club.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Club.Infrastructure.Persistence;

internal sealed class ClubDbFactory(IDbContextFactory<ClubDbContext> factory) : IClubDbFactory
{
    public async Task<IClubDb> CreateAsync(CancellationToken cancellationToken = default) =>
        await factory.CreateDbContextAsync(cancellationToken);
}
