using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using Mt.Data.Geology;

namespace Mt.Data.Datasets;

/// <summary>
/// The noise model of the data sets: relative Gaussian error on the impedance, with floors, expressed on the quantities
/// the network and the inversion see, plus an optional static shift.
/// <list type="bullet">
/// <item>A relative impedance error <c>e</c> (the noise level, e.g. 0.02) perturbs the apparent resistivity by a
/// relative <c>2e</c> (rho_a is proportional to |Z|^2) and the phase by <c>e</c> radians: log10 rho_a gets
/// N(0, (2 max(e, floor) / ln 10)^2) and the phase N(0, (max(e, floor) 180 / pi)^2) degrees, independently per
/// mode, frequency and station. <see cref="Floor"/> bounds the error from below when noise is added at all.</item>
/// <item>A static shift multiplies all apparent resistivities of one station and mode by 10^N(0, s^2) (phases
/// unchanged), s = <see cref="StaticShiftLog10"/>; 0 disables it.</item>
/// </list>
/// The draws of sample i come from a seed derived from (seed, i, level) alone, so a noisy copy is reproducible sample by
/// sample. Level 0 returns the data unchanged.
/// </summary>
/// <param name="Floor">Smallest relative impedance error used when the level is positive.</param>
/// <param name="StaticShiftLog10">Standard deviation of the static shift in log10 units (0: none).</param>
public sealed record NoiseModel(double Floor = 0, double StaticShiftLog10 = 0)
{
    /// <summary>A noisy copy of one sample's responses ([mode, frequency, station]) at relative level <paramref name="level"/>.</summary>
    public (double[,,] Log10RhoApp, double[,,] PhaseDeg) Apply(double[,,] log10RhoApp, double[,,] phaseDeg, double level, long seed, int sampleIndex)
    {
        if (!(level >= 0) || !double.IsFinite(level)) throw new ArgumentOutOfRangeException(nameof(level), level, "noise level must be finite and >= 0");
        var rho = (double[,,])log10RhoApp.Clone();
        var phase = (double[,,])phaseDeg.Clone();
        if (level == 0) return (rho, phase);
        double e = Math.Max(level, Floor);
        ulong mixed = SampleSeed.SplitMix64(SampleSeed.SplitMix64(unchecked((ulong)seed) ^ (ulong)(uint)sampleIndex)
            ^ (ulong)BitConverter.DoubleToInt64Bits(level));
        var random = new Xoshiro256StarStar(SampleSeed.ToInt32(mixed));
        var rhoNoise = new Normal(0, 2 * e / Math.Log(10), random);
        var phaseNoise = new Normal(0, e * 180 / Math.PI, random);
        var shift = new Normal(0, Math.Max(StaticShiftLog10, double.Epsilon), random);
        int modes = rho.GetLength(0), nf = rho.GetLength(1), ns = rho.GetLength(2);
        for (int m = 0; m < modes; m++)
            for (int s = 0; s < ns; s++)
            {
                double stationShift = StaticShiftLog10 > 0 ? shift.Sample() : 0;
                for (int f = 0; f < nf; f++)
                {
                    rho[m, f, s] += rhoNoise.Sample() + stationShift;
                    phase[m, f, s] += phaseNoise.Sample();
                }
            }
        return (rho, phase);
    }

    /// <summary>A noisy copy of a whole data set at <paramref name="level"/>; sample i of the set is sample
    /// <paramref name="firstIndex"/> + i of its split and is seeded from (seed, that index, level), so a shard gets the
    /// noise of the same samples in a whole run. The attributes record the level, the seed and the model.</summary>
    public DataSet Apply(DataSet data, double level, long seed, int firstIndex = 0)
    {
        var rho = (double[,,,])data.Log10RhoApp.Clone();
        var phase = (double[,,,])data.PhaseDeg.Clone();
        int per = 2 * data.Nf * data.Ns;
        for (int i = 0; i < data.Count; i++)
        {
            var sample = data.Sample(i);
            var (r, p) = Apply(sample.Log10RhoApp, sample.PhaseDeg, level, seed, firstIndex + i);
            Buffer.BlockCopy(r, 0, rho, i * per * sizeof(double), per * sizeof(double));
            Buffer.BlockCopy(p, 0, phase, i * per * sizeof(double), per * sizeof(double));
        }
        var extra = new Dictionary<string, string>(data.Attributes.Extra)
        {
            ["noise_level"] = level.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["noise_seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["noise_model"] = $"relative impedance error, floor {Floor:R}, static shift {StaticShiftLog10:R} (log10)",
        };
        return new DataSet(data.FrequenciesHz, data.StationsM, data.YEdgesM, data.ZEdgesM, data.Log10Resistivity, rho, phase,
            data.Attributes with { Extra = extra });
    }
}
