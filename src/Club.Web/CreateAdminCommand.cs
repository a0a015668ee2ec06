using Club.Application.Abstractions;
using Club.Application.Features.Staff;
using Mediator;

namespace Club.Web;

/// <summary>
/// <c>dotnet run --project src/Club.Web -- create-admin --email admin@example.com [--name "..."]</c>: on a
/// database without an administrator, creates one without a password and prints the single-use link
/// (72 hours, from Club:PublicBaseUrl) that sets it. The audit log records it as "cli".
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args)
    {
        services.GetRequiredService<BackgroundActor>().Name = BackgroundActor.Cli;
        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var result = await mediator.Send(new CreateFirstAdminCommand(CliOptions.Value(args, "--email"), CliOptions.Value(args, "--name")));
        if (result.Link is null)
        {
            await Console.Error.WriteLineAsync(result.Error);
            return 1;
        }

        await Console.Out.WriteLineAsync("The administrator's account is created. Open this link within 72 hours to choose the password (it works once):");
        await Console.Out.WriteLineAsync(result.Link);
        return 0;
    }
}

/// <summary>Options of the site's command-line commands: "--name value" or "--name=value".</summary>
public static class CliOptions
{
    public static string? Value(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == name && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }
}
