using Club.Testing;

// The route walks and the site-process tests start first (docs/benchmarks.md, "Test suite").
[assembly: TestCollectionOrderer(LongestFirst.TypeName, LongestFirst.AssemblyName)]
