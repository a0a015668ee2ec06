using Club.Application;
using Club.Infrastructure;
using Club.Infrastructure.Persistence;
using Club.Web;
using Club.Web.Observability;
using Club.Web.Security;

var builder = WebApplication.CreateBuilder(args);
// The one-shot commands work beside a running site: they use its embedded server instead of refusing it.
if (args.Length > 0 && args[0] is CreateAdminCommand.Name or CreateApiKeyCli.Name)
{
    builder.Configuration["Club:EmbeddedPostgres:AttachIfRunning"] = "true";
}
// Serve wwwroot from the build output in every environment, not only Development (tests, staging on
// a build); a published app has no runtime manifest and this does nothing there.
builder.WebHost.UseStaticWebAssets();
// No "Server: Kestrel": nothing to tell a scanner which server and version to try.
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes;
});
builder.Services.AddClubApplication();
builder.Services.AddClubInfrastructure(builder.Configuration);
builder.Services.AddClubWeb();
builder.Services.AddClubTelemetry(builder.Configuration);

await using var app = builder.Build();
app.UseClubWeb();

try
{
    StartupChecks.Run(app);
    // Before serving: start the embedded server if no connection string is set, migrate, load demo data.
    await app.Services.PrepareClubDatabaseAsync();
}
catch (ClubSetupException ex)
{
    await Console.Error.WriteLineAsync($"Club cannot start.{Environment.NewLine}{ex.Message}");
    return 1;
}

// `dotnet Club.Web.dll migrate` applies the migrations to ConnectionStrings:Club and exits (for deployments).
if (args.Contains("migrate", StringComparer.OrdinalIgnoreCase))
{
    await Console.Out.WriteLineAsync("Database is up to date.");
    return 0;
}

// `create-admin --email ...` makes the first administrator of an empty database and prints the link that sets the password.
if (args.Length > 0 && args[0] == CreateAdminCommand.Name)
{
    return await CreateAdminCommand.RunAsync(app.Services, args);
}

// `create-api-key --partner NAME [--name ...] [--scopes ReadTags,...] [--per-minute N]` prints a new partner API key.
if (args.Length > 0 && args[0] == CreateApiKeyCli.Name)
{
    return await CreateApiKeyCli.RunAsync(app.Services, args);
}

app.Lifetime.ApplicationStarted.Register(() => app.PrintWelcome());
try
{
    await app.RunAsync();
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    await Console.Error.WriteLineAsync(
        $"Club cannot listen: {ex.Message}{Environment.NewLine}" +
        "Another program (perhaps another Club) uses that port. Stop it, or choose another port: " +
        "dotnet run --project src/Club.Web --urls http://localhost:5090");
    return 1;
}

return 0;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
