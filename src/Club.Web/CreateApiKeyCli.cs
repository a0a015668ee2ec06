using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Application.Features.PartnerApi;
using Club.Domain.PartnerApi;
using Mediator;

namespace Club.Web;

/// <summary>
/// <c>dotnet Club.Web.dll create-api-key --partner "Лазурит" --name "till 1" [--scopes ReadTags,RecordSales]
/// [--per-minute 600]</c>: creates a partner's API key as the API keys page does and prints it (for scripts,
/// such as tools/Club.Bench/scan-wrk.sh, and for a first key before anyone can sign in). The audit log
/// records it as "cli".
/// </summary>
public static class CreateApiKeyCli
{
    public const string Name = "create-api-key";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args)
    {
        services.GetRequiredService<BackgroundActor>().Name = BackgroundActor.Cli;
        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var partnerName = CliOptions.Value(args, "--partner");
        var partner = (await mediator.Send(new ListPartnerChoicesQuery())).FirstOrDefault(p => p.Name == partnerName);
        if (partner is null)
        {
            await Console.Error.WriteLineAsync($"No active partner is named \"{partnerName}\".");
            return 1;
        }

        var scopes = ApiScopes.None;
        foreach (var name in (CliOptions.Value(args, "--scopes") ?? nameof(ApiScopes.ReadTags)).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Enum.TryParse<ApiScopes>(name, ignoreCase: true, out var parsed) || parsed == ApiScopes.None)
            {
                await Console.Error.WriteLineAsync($"Unknown scope \"{name}\"; use ReadTags, RecordSales, ReadMembers, ReadReports.");
                return 1;
            }

            scopes |= parsed;
        }

        var perMinute = int.TryParse(CliOptions.Value(args, "--per-minute"), out var n) ? n : ApiKey.DefaultRequestsPerMinute;
        var result = await mediator.Send(new CreateApiKeyCommand(partner.Id, CliOptions.Value(args, "--name") ?? "cli", scopes, null, perMinute, null));
        if (result.Key is null)
        {
            await Console.Error.WriteLineAsync(result.Errors[0].Message.Text);
            return 1;
        }

        await Console.Out.WriteLineAsync(result.Key);
        return 0;
    }
}
