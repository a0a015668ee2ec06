using System.Reflection;
using System.Text.RegularExpressions;
using Club.Testing;
using Mediator;
using NetArchTest.Rules;

namespace Club.Architecture.Tests;

/// <summary>
/// The project's shape as rules that fail the build's tests when broken: what may depend on what, where
/// handlers live, and who may write the points tables.
/// </summary>
public partial class LayeringTests
{
    private static readonly Assembly Domain = typeof(Club.Domain.Tags.TagBatch).Assembly;
    private static readonly Assembly Application = typeof(Club.Application.DependencyInjection).Assembly;
    private static readonly Assembly Web = typeof(Club.Web.DependencyInjection).Assembly;

    [Fact]
    public void The_domain_knows_nothing_of_ef_core_or_aspnet()
    {
        var result = Types.InAssembly(Domain)
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql")
            .GetResult();

        result.FailingTypeNames.Should().BeNullOrEmpty();
    }

    [Fact]
    public void The_application_knows_nothing_of_infrastructure_or_the_web()
    {
        var result = Types.InAssembly(Application)
            .ShouldNot().HaveDependencyOnAny("Club.Infrastructure", "Club.Web", "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Http")
            .GetResult();

        result.FailingTypeNames.Should().BeNullOrEmpty();
    }

    /// <summary>
    /// Pages, endpoints and helpers reach the database and the outside world through the mediator;
    /// only the composition root wires Infrastructure in.
    /// </summary>
    [Fact]
    public void Web_code_outside_the_composition_root_does_not_use_infrastructure()
    {
        var result = Types.InAssembly(Web)
            .That().DoNotHaveName(CompositionRoot)
            .And().DoNotHaveNameStartingWith("<")
            .ShouldNot().HaveDependencyOn("Club.Infrastructure")
            .GetResult();

        result.FailingTypeNames.Should().BeNullOrEmpty();
    }

    /// <summary>The start-up code that wires services and settings together.</summary>
    private static readonly string[] CompositionRoot =
    [
        "Program", nameof(Club.Web.DependencyInjection), nameof(Club.Web.Security.ProxySettings), nameof(Club.Web.Security.StartupChecks),
        nameof(Club.Web.Observability.Telemetry),
    ];

    [Fact]
    public void Every_handler_lives_in_its_feature_folder()
    {
        var handlerInterfaces = new[]
        {
            typeof(ICommandHandler<,>), typeof(IQueryHandler<,>), typeof(IRequestHandler<,>), typeof(INotificationHandler<>),
        };
        var handlers = Application.GetTypes()
            .Where(type => type is { IsAbstract: false, IsInterface: false } && type.GetInterfaces()
                .Any(i => i.IsGenericType && handlerInterfaces.Contains(i.GetGenericTypeDefinition())))
            .ToList();

        handlers.Should().NotBeEmpty();
        handlers.Where(type => type.Namespace is null || !FeatureNamespace().IsMatch(type.Namespace))
            .Select(type => type.FullName).Should().BeEmpty("a handler belongs in Club.Application.Features.<Feature>");
    }

    /// <summary>The namespace of every source file under Features/ names its folder, so a handler's namespace tells where it is.</summary>
    [Fact]
    public void Feature_namespaces_match_their_folders()
    {
        var features = RepositoryRoot.Combine("src", "Club.Application", "Features");
        var mismatched = Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories)
            .Select(file => (file, expected: "Club.Application.Features." + Path.GetRelativePath(features, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '.')))
            .Where(f => NamespaceLine().Match(File.ReadAllText(f.file)) is not { Success: true } match || match.Groups[1].Value != f.expected)
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f.file));

        mismatched.Should().BeEmpty();
    }

    /// <summary>
    /// Points move only through the ledger module: no statement elsewhere in the product writes the
    /// ledger's tables (the benchmarks' raw baselines in tools/ are the deliberate exception).
    /// </summary>
    [Fact]
    public void Only_the_ledger_module_writes_the_points_tables()
    {
        var ledger = Path.Combine("src", "Club.Application", "Features", "Points", "Ledger") + Path.DirectorySeparatorChar;
        var writers = SourceFiles()
            .Where(file => !file.StartsWith(ledger, StringComparison.Ordinal))
            .Where(file => PointsWrite().IsMatch(File.ReadAllText(RepositoryRoot.Combine(file))))
            .ToList();

        writers.Should().BeEmpty("entries, lots and balances are written by Features/Points/Ledger only");
    }

    /// <summary>Mail is queued in one place (the outbox writer); the delivery only marks what it sent.</summary>
    [Fact]
    public void Only_the_outbox_writer_queues_mail()
    {
        var writer = Path.Combine("src", "Club.Application", "Features", "Mail", "MailOutboxWriter.cs");
        var queuers = SourceFiles()
            .Where(file => file != writer && OutboxInsert().IsMatch(File.ReadAllText(RepositoryRoot.Combine(file))))
            .ToList();

        queuers.Should().BeEmpty("mail_outbox rows are inserted by MailOutboxWriter only");
    }

    private static IEnumerable<string> SourceFiles()
    {
        var migrations = Path.Combine("Persistence", "Migrations") + Path.DirectorySeparatorChar;
        var obj = $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}";
        return Directory.EnumerateFiles(RepositoryRoot.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(RepositoryRoot.Path, file))
            .Where(file => !file.Contains(migrations, StringComparison.Ordinal) && !file.Contains(obj, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"INSERT\s+INTO\s+mail_outbox\b|\.MailOutbox\s*\.\s*Add", RegexOptions.IgnoreCase)]
    private static partial Regex OutboxInsert();

    [GeneratedRegex(@"^Club\.Application\.Features\.[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)?$")]
    private static partial Regex FeatureNamespace();

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(
        @"(INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO|COPY)\s+points_(entries|lots|balances|debts)\b" +
        @"|\.Points(Entries|Lots|Balances)\s*\.\s*(Add|AddRange|Remove|RemoveRange|Update|ExecuteUpdate|ExecuteDelete)",
        RegexOptions.IgnoreCase)]
    private static partial Regex PointsWrite();
}
