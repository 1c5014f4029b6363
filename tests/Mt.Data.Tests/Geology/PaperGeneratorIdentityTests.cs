using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Mt.Data.Experiments;
using Mt.Data.Geology;
using Mt.Data.Geology.Families;
using Mt.Data.Tests.Experiments;

namespace Mt.Data.Tests.Geology;

/// <summary>
/// The paper's generator stays untouched: the first training and test models of every experiment that uses it hash to
/// the values recorded from the generator as it was before the geology families were added (commit 8f39675). A change
/// to the draws, their order or the rasterisation changes these hashes; such a change needs a new generator name, not
/// new hashes here.
/// </summary>
public sealed class PaperGeneratorIdentityTests
{
    /// <summary>SHA-256 of the little-endian bytes of the nz x ny resistivity array (row-major), per sample. The five
    /// experiments share the paper's data section apart from the set sizes, so they share these hashes.</summary>
    private static readonly string[] TrainHashes =
    [
        "57003f52dc0e0ddac6cf472de449e9395505e6ac2f49be491afc40dbbb0dd686",
        "493fda53180c9e1f70f08bcd658b4c9182bdfaea3aa38af44b8b1a2f50d75d3a",
        "110174faeaf9fa40121956da349966215f59c2fda8c3bcf4102116a6f0775520",
        "206d48a1e7cd528a56b28b904b105483a81c239bc8f579add5a28ae0a5a8ee47",
        "e9b05675ed2b2441a902c14471f499aac11c825fdacb1f5410d7036887f7f069",
    ];

    private static readonly string[] TestHashes =
    [
        "61e9c058eb7306f431772633a1b677c21c62ba3760ece9437e6adb604f4c1a82",
        "479a6f928936a5ad7968d2857d3ab50ccdc596ea1be1b6ef4faf410804aa5c09",
        "3ce0aae010a2c6e45e1eb8d005e914bf805265ceb60472e4d44fd1cf0beca698",
    ];

    [Theory]
    [InlineData("paper.json")]
    [InlineData("cpu.json")]
    [InlineData("cpu-4ch.json")]
    [InlineData("cpu-2ch-cosine-mirror.json")]
    [InlineData("ci.json")]
    public void First_models_hash_as_before_the_families(string experimentFile)
    {
        DataSection data = ExperimentLoader.Load(ExperimentFiles.PathOf(experimentFile)).Data;

        Assert.Equal(TrainHashes, Hashes(data, DataSplit.Train, TrainHashes.Length));
        Assert.Equal(TestHashes, Hashes(data, DataSplit.Test, TestHashes.Length));
    }

    private static string[] Hashes(DataSection data, DataSplit split, int count)
    {
        // Through the mixture, as DataSetBuilder draws them: without families it must be the paper's generator.
        var generator = GeologyMixture.FromData(data);
        Assert.Equal(GeologyGenerator.Name, generator.GeneratorName);
        return [.. Enumerable.Range(0, count).Select(i => Sha256(generator.Generate(split, i).Model.ResistivityOhmM))];
    }

    internal static string Sha256(double[,] values) =>
        Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref values[0, 0], values.Length))));
}
