using System.Text.Json;
using static TorchSharp.torch;

namespace Mt.Learning;

/// <summary>
/// Per-channel input normalisation (x - mean) / std, computed from the training inputs and applied before the
/// network. Stored as JSON beside the weights (<see cref="PathBeside"/>) so that inference uses the same numbers.
/// </summary>
/// <param name="Mean">Mean of each input channel.</param>
/// <param name="Std">Standard deviation of each input channel (population, floored at <see cref="MinimumStd"/>).</param>
public sealed record ChannelNormalisation(double[] Mean, double[] Std)
{
    /// <summary>Floor on a channel's standard deviation, so a constant channel does not divide by zero.</summary>
    public const double MinimumStd = 1e-6;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Number of channels.</summary>
    public int Channels => Mean.Length;

    /// <summary>Mean and standard deviation of each channel of training inputs [N, C, H, W].</summary>
    public static ChannelNormalisation Compute(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.dim() != 4) throw new ArgumentException("expected [N, C, H, W]", nameof(inputs));
        using var scope = NewDisposeScope();
        var values = inputs.to_type(ScalarType.Float64).transpose(0, 1).reshape(inputs.shape[1], -1);
        var (std, mean) = std_mean(values, dimensions: new long[] { 1 }, unbiased: false);
        return new ChannelNormalisation(
            mean.data<double>().ToArray(),
            std.clamp_min(MinimumStd).data<double>().ToArray());
    }

    /// <summary>Normalises [B, C, H, W] (or [C, H, W]) inputs; keeps their dtype and device.</summary>
    public Tensor Apply(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        long channelDim = inputs.dim() - 3;
        if (channelDim < 0 || inputs.shape[channelDim] != Channels)
            throw new ArgumentException($"expected {Channels} channels in [B, C, H, W]", nameof(inputs));
        using var scope = NewDisposeScope();
        var shape = new long[] { Channels, 1, 1 };
        var mean = tensor(Mean, dtype: inputs.dtype, device: inputs.device).reshape(shape);
        var std = tensor(Std, dtype: inputs.dtype, device: inputs.device).reshape(shape);
        return ((inputs - mean) / std).MoveToOuterDisposeScope();
    }

    /// <summary>JSON text of this normalisation.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a normalisation from JSON text written by <see cref="ToJson"/>.</summary>
    public static ChannelNormalisation FromJson(string json)
    {
        var value = JsonSerializer.Deserialize<ChannelNormalisation>(json, JsonOptions)
            ?? throw new JsonException("normalisation JSON is null");
        if (value.Mean is null || value.Std is null || value.Mean.Length != value.Std.Length)
            throw new JsonException("normalisation JSON needs Mean and Std of equal length");
        return value;
    }

    /// <summary>Writes the JSON file.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson());

    /// <summary>Reads a JSON file written by <see cref="Save"/>.</summary>
    public static ChannelNormalisation Load(string path) => FromJson(File.ReadAllText(path));

    /// <summary>Where the normalisation of a weights file lives: "unet.dat" gives "unet.normalisation.json" beside it.</summary>
    public static string PathBeside(string weightsPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(weightsPath)) ?? ".",
            Path.GetFileNameWithoutExtension(weightsPath) + ".normalisation.json");
}
