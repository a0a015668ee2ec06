using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Club.Testing;

/// <summary>
/// The real site over a fresh copy of the demo database, with mail going to a temp pickup folder.
/// Use as a class fixture; <see cref="StartKestrel"/> serves it on a real loopback port for a browser.
/// </summary>
public class ClubWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string databaseName = "w_" + Guid.NewGuid().ToString("N");
    private string connectionString = "";
    private readonly Lock kestrelLock = new();
    private string? kestrelAddress;

    /// <summary>Whether this site runs its Quartz scheduler (clustered with any other on the same database).</summary>
    protected virtual bool SchedulerEnabled => false;

    /// <summary>False keeps Identity's full hashing cost, for tests that time a hashed path against another (<see cref="TestPasswords"/>).</summary>
    protected virtual bool CheapPasswordHashing => true;

    /// <summary>False for a fresh production-like database: migrated by the site on start, no demo data.</summary>
    protected virtual bool DemoData => true;

    /// <summary>The site's database, for a command-line run of the site (<see cref="SiteProcess"/>) on the same data.</summary>
    public string ConnectionString => connectionString;

    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "club-tests-mail", Guid.NewGuid().ToString("N"));

    /// <summary>The site's private folder (print files) for this fixture only.</summary>
    public string AppData { get; } = Path.Combine(Path.GetTempPath(), "club-tests-appdata", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() =>
        connectionString = await TestPostgres.CreateDatabaseAsync(databaseName, template: DemoData ? await TemplateDatabase.GetAsync() : null);

    /// <summary>Starts Kestrel on a free loopback port and returns its base address.</summary>
    public string StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary>The connection string the site is given for its fresh database (a factory may route it through a <see cref="TcpRelay"/>).</summary>
    protected virtual string SiteConnectionString(string databaseConnectionString) => databaseConnectionString;

    /// <summary>
    /// Another node of the same site, as behind a balancer: the same database and settings, its own services,
    /// memory and private folder. Disposed with this factory.
    /// </summary>
    public WebApplicationFactory<Program> AnotherNode() =>
        WithWebHostBuilder(builder => builder.UseSetting("Club:AppData", Path.Combine(AppData, "another-node")));

    /// <summary>Like <see cref="StartKestrel"/>, for fixtures shared by several tests: starts on the first call only.</summary>
    public string StartKestrelOnce()
    {
        lock (kestrelLock)
        {
            return kestrelAddress ??= StartKestrel();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Club", SiteConnectionString(connectionString));
        builder.UseSetting("Club:SeedDemoData", "false");
        builder.UseSetting("Club:Keys:Serial", TestKeys.Serial);
        builder.UseSetting("Club:Keys:Scratch", TestKeys.Scratch);
        builder.UseSetting("Club:Mail:PickupDirectory", MailFolder);
        builder.UseSetting("Club:AppData", AppData);
        builder.UseSetting("Club:PublicBaseUrl", "https://club.example");
        // The scheduler stays off unless a test needs it: no jobs firing in the background of page tests.
        builder.UseSetting("Club:Jobs:Enabled", SchedulerEnabled ? "true" : "false");
        // Every test client comes from the same (unknown) address, and a test class signs in many times;
        // tests of these limits set their own low numbers.
        builder.UseSetting("Club:RateLimits:SignInPerAddressPerMinute", "100000");
        builder.UseSetting("Club:RateLimits:SignUpPerAddressPerHour", "100000");
        if (CheapPasswordHashing)
        {
            builder.ConfigureServices(services => services.UseTestPasswordHashing());
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestPostgres.DropDatabaseAsync(databaseName);
        foreach (var folder in new[] { MailFolder, AppData })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
