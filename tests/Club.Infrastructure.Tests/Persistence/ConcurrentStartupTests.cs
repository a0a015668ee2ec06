using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Infrastructure.Tests.Persistence;

/// <summary>Nodes of a fresh installation start at the same moment on one empty database.</summary>
public class ConcurrentStartupTests
{
    [Fact]
    public async Task Two_nodes_starting_together_on_an_empty_database_migrate_and_seed_once()
    {
        var name = "e_" + Guid.NewGuid().ToString("N");
        var connectionString = await TestPostgres.CreateDatabaseAsync(name);
        try
        {
            await using var nodeA = TestServices.Build(connectionString, seedDemoData: true);
            await using var nodeB = TestServices.Build(connectionString, seedDemoData: true);

            // Before the startup lock, one of the two died with 42P07 "relation already exists".
            await Task.WhenAll(nodeA.PrepareClubDatabaseAsync(), nodeB.PrepareClubDatabaseAsync());

            await using var scope = nodeA.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
            (await context.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
            (await context.Database.GetAppliedMigrationsAsync()).Should().OnlyHaveUniqueItems();
            (await context.Brand.CountAsync(), await context.Partners.CountAsync(), await context.Products.CountAsync())
                .Should().Be((1, 2, 20));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(name);
        }
    }
}
