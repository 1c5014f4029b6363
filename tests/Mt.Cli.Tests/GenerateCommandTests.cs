using System.Globalization;
using Mt.Cli.Verbs;
using Mt.Data.Datasets;
using Mt.Data.Geology;
using Mt.Data.Models;
using Mt.Data.Responses;
using Mt.Forward;

namespace Mt.Cli.Tests;

/// <summary><c>mt generate</c>: the stored data are the forward response of the stored models; interrupted runs
/// resume from the journal; shards hold exactly the samples of a whole run; bad input gives one line.</summary>
public sealed class GenerateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A two-test-model experiment on the paper grid, extending the repository's ci.json.</summary>
    private string TinyExperiment()
    {
        string ci = RepoFile("experiments", "ci.json");
        string extends = ci.Replace("\\", "/", StringComparison.Ordinal);
        return _folder.Write("tiny.json", "{\"extends\": \"" + extends + "\", \"data\": {\"test_models\": 2}}");
    }

    /// <summary>A file of the repository, found above the test assembly.</summary>
    internal static string RepoFile(params string[] parts) => Mt.Evaluation.Tests.ResultsFixture.RepoFile(parts);

    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Generate(string experiment, string name, string shard = "1/1")
    {
        string outPath = _folder.File(name);
        var (code, _, err) = Run("generate", "--experiment", experiment, "--split", "test", "--shard", shard, "--out", outPath);
        Assert.True(code == 0, err);
        Assert.False(Directory.Exists(outPath + ".parts"), "the journal is removed once the data set is written");
        return outPath;
    }

    /// <summary>For both samples, <c>mt forward</c> of the stored model (written as a model file) at the stored stations
    /// (the mesh has a node at each) and three of the frequencies reproduces the stored log10 apparent resistivity and
    /// phase (to 1e-9 in log10 and 1e-7 degrees: the model is stored as log10 resistivity, which does not return the
    /// resistivity bit for bit).</summary>
    [Fact]
    public void StoredDataEqualAFreshForwardOfTheStoredModel()
    {
        var data = DataSetFile.Read(Generate(TinyExperiment(), "test.h5"));
        Assert.Equal(2, data.Count);
        int[] frequencyIndex = [0, 30, 59];
        for (int i = 0; i < data.Count; i++)
        {
            int nz = data.ZEdgesM.Length - 1, ny = data.YEdgesM.Length - 1;
            var rho = new double[nz, ny];
            for (int k = 0; k < nz; k++)
                for (int j = 0; j < ny; j++) rho[k, j] = Math.Pow(10, data.Log10Resistivity[i, k, j]);
            string modelPath = _folder.File($"model{i}.json");
            ModelFile.Write(modelPath, new ResistivityModel(data.YEdgesM, data.ZEdgesM, rho));
            string csv = _folder.File($"response{i}.csv");
            var (code, _, err) = Run("forward", "--model", modelPath,
                "--stations", string.Join(",", data.StationsM.Select(s => s.ToString("R", CultureInfo.InvariantCulture))),
                "--frequencies", string.Join(",", frequencyIndex.Select(f => data.FrequenciesHz[f].ToString("R", CultureInfo.InvariantCulture))),
                "--out", csv);
            Assert.True(code == 0, err);
            foreach (var row in ResponseCsv.Read(csv))
            {
                int m = row.Mode == Mode.TE ? 0 : 1;
                int s = Array.IndexOf(data.StationsM, row.StationM);
                int f = Array.IndexOf(data.FrequenciesHz, row.FrequencyHz);
                Assert.True(s >= 0 && f >= 0, $"row {row} matches a stored station and frequency");
                Assert.True(Math.Abs(data.Log10RhoApp[i, m, f, s] - Math.Log10(row.RhoAppOhmM)) <= 1e-9, $"sample {i}: {row}");
                Assert.True(Math.Abs(data.PhaseDeg[i, m, f, s] - row.PhaseDeg) <= 1e-7, $"sample {i}: {row}");
            }
        }
    }

    /// <summary>A data set of a family mixture carries the mixture's generator name, one of the paper's keeps the paper's;
    /// the stored models are the mixture's (test 0 the paper family, test 1 thin layers: cheap to forward-model).</summary>
    [Fact]
    public void A_mixture_data_set_is_stamped_with_the_families_generator()
    {
        string extends = RepoFile("experiments", "ci.json").Replace("\\", "/", StringComparison.Ordinal);
        string mixture = _folder.Write("mixture.json", "{\"extends\": \"" + extends
            + "\", \"data\": {\"test_models\": 2, \"geology\": {\"families\": {\"paper\": {}, \"thin_layers\": {}}}}}");

        var data = DataSetFile.Read(Generate(mixture, "mixture.h5"));
        var paper = DataSetFile.Read(Generate(TinyExperiment(), "paper.h5"));

        Assert.Equal(Mt.Data.Geology.Families.GeologyMixture.MixtureName, data.Attributes.Generator);
        Assert.Equal(GeologyGenerator.Name, paper.Attributes.Generator);
        var expected = Mt.Data.Geology.Families.GeologyMixture.FromData(Mt.Data.Experiments.ExperimentLoader.Load(mixture).Data);
        for (int i = 0; i < 2; i++)
        {
            double[,] rho = expected.Generate(DataSplit.Test, i).Model.ResistivityOhmM;
            Assert.Equal(Math.Log10(rho[40, 60]), data.Log10Resistivity[i, 40, 60], 12);
        }
        Assert.Equal(paper.Log10Resistivity[0, 40, 60], data.Log10Resistivity[0, 40, 60]);
    }

    /// <summary>An interrupted run left sample 1 in the journal: the rerun takes it from there instead of computing it
    /// (a marked phase shows it), computes sample 0, and removes the journal.</summary>
    [Fact]
    public void ARerunResumesFromTheJournal()
    {
        string experimentPath = TinyExperiment();
        var experiment = Mt.Data.Experiments.ExperimentLoader.Load(experimentPath);
        var generator = GeologyGenerator.FromData(experiment.Data);
        var grid = generator.Grid;
        string outPath = _folder.File("resumed.h5");
        var journal = SampleJournal.Open(outPath, DataSetBuilder.JournalKey(experiment, DataSplit.Test, Shard.All),
            grid.Nz, grid.Ny, grid.FrequenciesHz.Count, grid.StationYM.Count);
        var marked = new SampleData(1, new double[grid.Nz, grid.Ny], new double[2, grid.FrequenciesHz.Count, grid.StationYM.Count],
            new double[2, grid.FrequenciesHz.Count, grid.StationYM.Count]);
        marked.PhaseDeg[0, 0, 0] = 12.345;
        journal.Add(marked);

        var data = DataSetFile.Read(Generate(experimentPath, "resumed.h5"));
        Assert.Equal(12.345, data.PhaseDeg[1, 0, 0, 0]);
        Assert.NotEqual(0, data.Log10Resistivity[0, 0, 0]);
    }

    /// <summary>Shards 1/2 and 2/2 hold exactly the samples of a whole run, bit for bit, and a rerun gives the same.</summary>
    [Fact]
    public void ShardsHoldTheSamplesOfAWholeRun()
    {
        string experiment = TinyExperiment();
        var whole = DataSetFile.Read(Generate(experiment, "whole.h5"));
        var again = DataSetFile.Read(Generate(experiment, "again.h5"));
        var first = DataSetFile.Read(Generate(experiment, "first.h5", "1/2"));
        var second = DataSetFile.Read(Generate(experiment, "second.h5", "2/2"));
        Assert.Equal(whole.Log10RhoApp, again.Log10RhoApp);
        Assert.Equal(1, first.Count);
        Assert.Equal(1, second.Count);
        for (int m = 0; m < 2; m++)
            for (int f = 0; f < whole.FrequenciesHz.Length; f++)
                for (int s = 0; s < whole.StationsM.Length; s++)
                {
                    Assert.Equal(whole.Log10RhoApp[0, m, f, s], first.Log10RhoApp[0, m, f, s]);
                    Assert.Equal(whole.PhaseDeg[1, m, f, s], second.PhaseDeg[0, m, f, s]);
                }
    }

    /// <summary>The tiny experiment's test set as a whole run (whole.h5) and as shards 1/2 and 2/2 (first.h5, second.h5).</summary>
    private (string Experiment, string Whole, string First, string Second) WholeAndHalves()
    {
        string experiment = TinyExperiment();
        return (experiment, Generate(experiment, "whole.h5"), Generate(experiment, "first.h5", "1/2"), Generate(experiment, "second.h5", "2/2"));
    }

    /// <summary>The shards, merged in any order, give the file of a whole run (arrays and attributes); the noisy copies
    /// too; a missing shard is refused.</summary>
    [Fact]
    public void MergedShardsEqualAWholeRun()
    {
        var (experiment, whole, first, second) = WholeAndHalves();
        foreach (string suffix in new[] { "", "-noise-0.05" })
        {
            string merged = _folder.File($"merged{suffix}.h5");
            var (code, _, err) = Run("merge", "--out", merged, _folder.File($"second{suffix}.h5"), _folder.File($"first{suffix}.h5"));
            Assert.True(code == 0, err);
            var a = DataSetFile.Read(_folder.File($"whole{suffix}.h5"));
            var b = DataSetFile.Read(merged);
            Assert.Equal(a.Log10Resistivity, b.Log10Resistivity);
            Assert.Equal(a.Log10RhoApp, b.Log10RhoApp);
            Assert.Equal(a.PhaseDeg, b.PhaseDeg);
            Assert.Equal(a.Attributes, b.Attributes);
        }
        var (missingCode, _, missingErr) = Run("merge", "--out", _folder.File("partial.h5"), first);
        Assert.NotEqual(0, missingCode);
        Assert.Contains("in no shard", missingErr, StringComparison.Ordinal);
        Assert.True(File.Exists(whole));
    }

    /// <summary>With the experiment, the merge finishes a sharded stage as a whole run would: the merged set and its
    /// noisy copies have the whole run's bytes, the record is the generate-test stage's, with the shards' time added
    /// up; shards of another data section are refused.</summary>
    [Fact]
    public void MergeWithTheExperimentWritesTheFilesAndRecordOfAWholeRun()
    {
        var (experiment, whole, first, second) = WholeAndHalves();
        string merged = _folder.File("merged.h5");
        var (code, _, err) = Run("merge", "--experiment", experiment, "--out", merged, second, first);
        Assert.True(code == 0, err);
        foreach (string suffix in new[] { "", "-noise-0.02", "-noise-0.05" })
            Assert.Equal(Mt.Data.IO.FileHash.Sha256(_folder.File($"whole{suffix}.h5")), Mt.Data.IO.FileHash.Sha256(_folder.File($"merged{suffix}.h5")));
        var record = Mt.Data.Provenance.StageRecord.Read(merged + ".stage.json");
        Assert.Equal("generate-test", record.Stage);
        Assert.Equal(3, record.Outputs.Count);
        Assert.True(record.TotalWorkSeconds > 0);

        string other = _folder.Write("other.json", File.ReadAllText(experiment).Replace("\"test_models\": 2", "\"test_models\": 3", StringComparison.Ordinal));
        var (otherCode, _, otherErr) = Run("merge", "--experiment", other, "--out", _folder.File("refused.h5"), first, second);
        Assert.NotEqual(0, otherCode);
        Assert.Contains("data section", otherErr, StringComparison.Ordinal);
        Assert.True(File.Exists(whole));
    }

    /// <summary><c>--count</c> prints the split's model count (what a scheduler caps its shards at) and writes nothing.</summary>
    [Theory]
    [InlineData("test", "2")]
    [InlineData("train", "256")]
    public void CountPrintsTheModelsOfTheSplit(string split, string expected)
    {
        var (code, stdout, err) = Run("generate", "--experiment", TinyExperiment(), "--split", split, "--count");
        Assert.True(code == 0, err);
        Assert.Equal(expected, stdout.Trim());
    }

    [Theory]
    [InlineData("--split", "validation", "--split")]
    [InlineData("--shard", "3/2", "--shard")]
    [InlineData("--shard", "one", "--shard")]
    [InlineData("--experiment", "missing.json", "missing.json")]
    public void BadInputGivesOneLine(string option, string value, string mention)
    {
        var args = new Dictionary<string, string>
        {
            ["--experiment"] = TinyExperiment(),
            ["--split"] = "test",
            ["--shard"] = "1/1",
            ["--out"] = _folder.File("bad.h5"),
        };
        args[option] = option == "--experiment" ? _folder.File(value) : value;
        var (code, _, err) = Run(["generate", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);
        Assert.NotEqual(0, code);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(mention, err, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("bad.h5")));
    }
}
