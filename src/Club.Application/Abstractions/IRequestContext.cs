namespace Club.Application.Abstractions;

/// <summary>
/// Who is acting and from where, for the audit log: the signed-in user of the current web request, or
/// <see cref="BackgroundActor"/>'s name ("system" for scheduled jobs, "cli" for command-line commands).
/// </summary>
public interface IRequestContext
{
    RequestActor Actor { get; }
}

/// <param name="UserId">The signed-in user; null for jobs and commands.</param>
/// <param name="Name">What the log shows: the user's email, or "system" / "cli".</param>
/// <param name="ClientAddress">The client's address after trusted proxies' forwarded headers; null outside a request.</param>
public sealed record RequestActor(Guid? UserId, string Name, string? ClientAddress);

/// <summary>The actor of work done outside a web request: "system" unless the process is a command ("cli").</summary>
public sealed class BackgroundActor
{
    public const string System = "system";
    public const string Cli = "cli";

    public string Name { get; set; } = System;

    public RequestActor Actor => new(null, Name, null);
}

/// <summary>Outside the web host (jobs' own processes, tools, tests): always the background actor.</summary>
public sealed class BackgroundRequestContext(BackgroundActor background) : IRequestContext
{
    public RequestActor Actor => background.Actor;
}
