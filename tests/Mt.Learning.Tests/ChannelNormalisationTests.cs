using Mt.Learning;
using static TorchSharp.torch;

namespace Mt.Learning.Tests;

[Collection(TorchTestCollection.Name)]
public sealed class ChannelNormalisationTests
{
    [Fact]
    public void ComputeAndApplyGiveZeroMeanUnitStd()
    {
        TorchSettings.Seed(5);
        using var raw = randn(8, 2, 6, 7);
        using var scale = tensor(new float[] { 3f, 0.5f }).reshape(1, 2, 1, 1);
        using var shift = tensor(new float[] { 2f, -45f }).reshape(1, 2, 1, 1);
        using var data = raw * scale + shift;

        var normalisation = ChannelNormalisation.Compute(data);
        Assert.Equal(2, normalisation.Channels);
        Assert.InRange(normalisation.Mean[0], 1.5, 2.5);
        Assert.InRange(normalisation.Mean[1], -45.2, -44.8);

        using var normalised = normalisation.Apply(data);
        var again = ChannelNormalisation.Compute(normalised);
        Assert.All(again.Mean, m => Assert.InRange(m, -1e-5, 1e-5));
        Assert.All(again.Std, s => Assert.InRange(s, 1 - 1e-5, 1 + 1e-5));
    }

    [Fact]
    public void ConstantChannelDoesNotDivideByZero()
    {
        using var data = ones(2, 1, 3, 3);
        var normalisation = ChannelNormalisation.Compute(data);
        Assert.Equal(ChannelNormalisation.MinimumStd, normalisation.Std[0]);
        using var normalised = normalisation.Apply(data);
        Assert.Equal(0f, normalised.abs().max().item<float>());
    }

    [Fact]
    public void JsonRoundTripBesideWeights()
    {
        var normalisation = new ChannelNormalisation(new[] { 1.25, -0.1, 2.0 / 3.0, 45 }, new[] { 0.5, 1e-3, 7.0, 1.0 / 3.0 });
        var folder = Directory.CreateTempSubdirectory("mt-learning-");
        try
        {
            string path = ChannelNormalisation.PathBeside(Path.Combine(folder.FullName, "unet.dat"));
            Assert.Equal(Path.Combine(folder.FullName, "unet.normalisation.json"), path);
            normalisation.Save(path);
            var loaded = ChannelNormalisation.Load(path);
            Assert.Equal(normalisation.Mean, loaded.Mean);
            Assert.Equal(normalisation.Std, loaded.Std);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void MalformedJsonIsRejected() =>
        Assert.Throws<System.Text.Json.JsonException>(() => ChannelNormalisation.FromJson("{\"Mean\":[1,2],\"Std\":[1]}"));
}
