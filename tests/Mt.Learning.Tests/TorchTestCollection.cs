using Mt.Learning;

namespace Mt.Learning.Tests;

/// <summary>All torch tests share one collection: run one at a time, on one libtorch thread.</summary>
[CollectionDefinition(Name)]
public sealed class TorchTestCollection : ICollectionFixture<TorchTestCollection.Setup>
{
    /// <summary>Collection name.</summary>
    public const string Name = "torch";

    /// <summary>Sets libtorch to one thread before the first torch test.</summary>
    public sealed class Setup
    {
        /// <summary>Runs once per test run.</summary>
        public Setup() => TorchSettings.SetThreads(1);
    }
}
