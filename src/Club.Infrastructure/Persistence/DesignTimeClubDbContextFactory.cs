using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Club.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the site or a server.</summary>
public sealed class DesignTimeClubDbContextFactory : IDesignTimeDbContextFactory<ClubDbContext>
{
    public ClubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ClubDbContext>();
        DependencyInjection.ConfigureNpgsql(options, "Host=localhost;Database=club_design_time");
        return new ClubDbContext(options.Options);
    }
}
