using Club.Testing;

// The longest classes start first (docs/benchmarks.md, "Test suite").
[assembly: TestCollectionOrderer(LongestFirst.TypeName, LongestFirst.AssemblyName)]
