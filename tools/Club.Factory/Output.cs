using System.Globalization;
using Club.Infrastructure;
using Spectre.Console;

namespace Club.Factory;

/// <summary>How the tool talks to the operator: plain messages, red errors, non-zero exit codes.</summary>
internal static class Output
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public static int Error(string message)
    {
        AnsiConsole.MarkupLineInterpolated(CultureInfo.CurrentCulture, $"[red]Error:[/] {message}");
        return Failed;
    }

    public static int Usage(string message)
    {
        AnsiConsole.MarkupLineInterpolated(CultureInfo.CurrentCulture, $"[red]Error:[/] {message}");
        AnsiConsole.MarkupLine("Run with [bold]--help[/] to see the options.");
        return BadArguments;
    }

    public static void Secret(string message) =>
        AnsiConsole.MarkupLineInterpolated(CultureInfo.CurrentCulture, $"[black on yellow] SECRET [/] {message}");

    /// <summary>Runs a command body, turning setup problems and Ctrl+C into messages and exit codes.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (ClubSetupException ex)
        {
            return Error(ex.Message);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled.[/] Nothing was kept.");
            return 130;
        }
        catch (Club.Application.Abstractions.NotFoundException ex)
        {
            return Error(ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or Npgsql.NpgsqlException)
        {
            // A bad print file, a missing font, a full disk, a database that went away: one line, not a stack trace.
            return Error(ex.Message);
        }
    }
}
