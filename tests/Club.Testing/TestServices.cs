using Club.Application;
using Club.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Club.Testing;

/// <summary>The application and infrastructure services as the site wires them, without the web host.</summary>
public static class TestServices
{
    public static ServiceProvider Build(string connectionString, bool seedDemoData = false, string? mailFolder = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Club"] = connectionString,
                ["Club:SeedDemoData"] = seedDemoData ? "true" : "false",
                ["Club:Keys:Serial"] = TestKeys.Serial,
                ["Club:Keys:Scratch"] = TestKeys.Scratch,
                ["Club:Mail:PickupDirectory"] = mailFolder ?? Path.Combine(Path.GetTempPath(), "club-tests-mail", Guid.NewGuid().ToString("N")),
            })
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment
        {
            EnvironmentName = "Testing",
            ApplicationName = "Club.Tests",
            ContentRootPath = AppContext.BaseDirectory,
        });
        services.AddLogging();
        services.AddClubApplication();
        services.AddClubInfrastructure(configuration);
        services.UseTestPasswordHashing();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
