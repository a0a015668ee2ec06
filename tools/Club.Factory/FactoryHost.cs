using Club.Application;
using Club.Application.Abstractions;
using Club.Infrastructure;
using Club.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Club.Factory;

/// <summary>
/// The application's services for one CLI command, over the same database and keys as the site:
/// ConnectionStrings:Club when set, else the site's embedded database (used while the site runs,
/// started and stopped around the command when it does not).
/// </summary>
internal static class FactoryHost
{
    public static async Task<IHost> StartAsync(string? appData, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration[ClubPaths.AppDataKey] = appData ?? builder.Configuration[ClubPaths.AppDataKey] ?? DefaultAppData();
        builder.Configuration["Club:EmbeddedPostgres:AttachIfRunning"] = "true";
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddClubApplication();
        // The audit log names the factory tool's changes "cli".
        builder.Services.AddSingleton(new BackgroundActor { Name = BackgroundActor.Cli });
        builder.Services.AddClubInfrastructure(builder.Configuration);

        var host = builder.Build();
        try
        {
            await host.Services.PrepareClubDatabaseAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    /// <summary>Inside a checkout: the site's App_Data, so the CLI and `dotnet run` share data and keys.</summary>
    private static string DefaultAppData()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Club.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Club.Web", "App_Data");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "App_Data");
    }

    /// <summary>The samples/labels folder of the checkout, where the label templates live.</summary>
    public static string? SamplesLabels()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "labels");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
