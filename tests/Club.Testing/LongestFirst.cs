using Xunit;
using Xunit.Abstractions;

namespace Club.Testing;

/// <summary>
/// Marks a test class that takes far longer than the others (a route walk, a site started as a process):
/// <see cref="LongestFirst"/> starts it before them, so it does not begin last and hold the run alone.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongRunningAttribute : Attribute;

/// <summary>
/// Runs the test classes marked <see cref="LongRunningAttribute"/> first, then the others in the order found.
/// Only a few classes run at once (xunit.runner.json), so a long class that starts last makes the whole run wait for it.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public const string TypeName = "Club.Testing.LongestFirst";
    public const string AssemblyName = "Club.Testing";

    // xUnit names a class's own collection "Test collection for <full class name>".
    private const string ClassCollectionPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(collection => RunsLong(collection) ? 0 : 1);

    private static bool RunsLong(ITestCollection collection)
    {
        var type = collection.CollectionDefinition
            ?? (collection.DisplayName.StartsWith(ClassCollectionPrefix, StringComparison.Ordinal)
                ? collection.TestAssembly.Assembly.GetType(collection.DisplayName[ClassCollectionPrefix.Length..])
                : null);
        return type?.GetCustomAttributes(typeof(LongRunningAttribute).AssemblyQualifiedName!).Any() == true;
    }
}
