using System.Diagnostics;

namespace Club.Web.Tests.Security;

/// <summary>The site started as a real process, as an operator would, with settings that must stop it.</summary>
public class StartupCheckTests
{
    [Fact]
    public async Task A_start_on_its_own_database_without_a_public_address_refuses_and_says_what_to_set()
    {
        var (exitCode, output) = await RunSiteAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Club"] = "Host=127.0.0.1;Port=1;Database=none",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        exitCode.Should().Be(1);
        output.Should().Contain("Club cannot start").And.Contain("Club:PublicBaseUrl").And.Contain("Club__PublicBaseUrl=https://");
    }

    [Fact]
    public async Task A_proxy_that_is_not_an_address_refuses_the_start()
    {
        var (exitCode, output) = await RunSiteAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Club"] = "Host=127.0.0.1;Port=1;Database=none",
            ["Club__PublicBaseUrl"] = "https://club.example",
            ["Club__Proxy__KnownProxies"] = "nginx.local",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });

        exitCode.Should().Be(1);
        output.Should().Contain("Club:Proxy:KnownProxies: 'nginx.local' is not an IP address");
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://192.0.2.10:0")]
    public async Task Development_refuses_to_listen_beyond_this_machine(string urls)
    {
        var (exitCode, output) = await RunSiteAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = urls,
        });

        exitCode.Should().Be(1);
        output.Should().Contain("may only listen on this machine").And.Contain("ASPNETCORE_ENVIRONMENT=Production");
    }

    /// <summary>Runs the built site (Club.Web.dll beside the tests) in an empty folder and waits for it to exit.</summary>
    private static async Task<(int ExitCode, string Output)> RunSiteAsync(Dictionary<string, string> environment)
    {
        var folder = Directory.CreateTempSubdirectory("club-start-");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Club.Web.dll")])
        {
            WorkingDirectory = folder.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Club__AppData"] = folder.FullName;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            folder.Delete(recursive: true);
        }

        return (process.ExitCode, await output + await error);
    }
}
