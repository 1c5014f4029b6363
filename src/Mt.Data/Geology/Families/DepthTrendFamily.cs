using Mt.Data.Experiments;

namespace Mt.Data.Geology.Families;

/// <summary>The draws of one depth trend.</summary>
/// <param name="ControlDepthsM">Depths of the control points (m), log-spaced from the first to the last cell centre.</param>
/// <param name="ControlLog10">log10 resistivity at each control point.</param>
/// <param name="LateralAmplitudeLog10">Amplitude of the lateral variation (0: none).</param>
/// <param name="LateralLengthM">Its correlation length (m).</param>
/// <param name="LateralNoise">ny standard normal values smoothed into the lateral variation (empty without one).</param>
public sealed record DepthTrendSection(double[] ControlDepthsM, double[] ControlLog10, double LateralAmplitudeLog10, double LateralLengthM, double[] LateralNoise);

/// <summary>
/// log10 resistivity is a smooth function of depth: between neighbouring control points (log-spaced in depth) it follows
/// a cosine ease in log depth, so it is continuous with a continuous slope and never leaves the values of the two
/// points. With probability <c>lateral_variation_probability</c> every column is shifted by amplitude x g(y), g a
/// unit-variance lateral Gaussian random field (<see cref="GaussianSmoother"/>). Draws, in order: the point count, the
/// point values (log-uniform resistivities), whether it varies laterally, then its amplitude, length and noise.
/// </summary>
public sealed class DepthTrendFamily(ModelGrid grid, long experimentSeed, DepthTrendSettings settings)
    : DrawnFamily<DepthTrendSection>(grid, experimentSeed)
{
    /// <inheritdoc />
    public override GeologyFamily Family => GeologyFamily.DepthTrend;

    /// <inheritdoc />
    protected override DepthTrendSection Draw(Random random)
    {
        int n = Draws.Integer(random, settings.ControlPoints);
        double top = Math.Log(Grid.CellCentreZM(0)), bottom = Math.Log(Grid.CellCentreZM(Grid.Nz - 1));
        double[] depths = [.. Enumerable.Range(0, n).Select(i => Math.Exp(top + (bottom - top) * i / (n - 1)))];
        double[] values = [.. Enumerable.Range(0, n).Select(_ => Math.Log10(Draws.LogUniform(random, settings.ResistivityOhmM)))];
        if (!Draws.Chance(random, settings.LateralVariationProbability)) return new DepthTrendSection(depths, values, 0, 0, []);
        double amplitude = Draws.Uniform(random, settings.LateralAmplitudeLog10);
        double length = Draws.LogUniform(random, settings.LateralLengthM);
        double[] noise = [.. Enumerable.Range(0, Grid.Ny).Select(_ => Draws.Normal(random))];
        return new DepthTrendSection(depths, values, amplitude, length, noise);
    }

    /// <summary>log10 resistivity of the trend at depth <paramref name="depthM"/> (without lateral variation).</summary>
    public static double Trend(DepthTrendSection section, double depthM)
    {
        ArgumentNullException.ThrowIfNull(section);
        double[] z = section.ControlDepthsM, v = section.ControlLog10;
        if (depthM <= z[0]) return v[0];
        if (depthM >= z[^1]) return v[^1];
        int i = Array.FindLastIndex(z, d => d <= depthM);
        double t = (Math.Log(depthM) - Math.Log(z[i])) / (Math.Log(z[i + 1]) - Math.Log(z[i]));
        double ease = 0.5 - 0.5 * Math.Cos(Math.PI * t);
        return v[i] + (v[i + 1] - v[i]) * ease;
    }

    /// <summary>The lateral shift of log10 resistivity of each column (zeros without lateral variation).</summary>
    public double[] LateralShift(DepthTrendSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (section.LateralNoise.Length == 0) return new double[Grid.Ny];
        (double[] yc, double[] yw) = GaussianSmoother.LateralCells(Grid);
        double[,] b = GaussianSmoother.Matrix(yc, yw, section.LateralLengthM);
        return [.. Enumerable.Range(0, Grid.Ny).Select(j => section.LateralAmplitudeLog10 * Enumerable.Range(0, Grid.Ny).Sum(l => b[j, l] * section.LateralNoise[l]))];
    }

    /// <inheritdoc />
    public override double[,] Rasterise(DepthTrendSection section)
    {
        double[] shift = LateralShift(section);
        var log10 = new double[Grid.Nz, Grid.Ny];
        for (int k = 0; k < Grid.Nz; k++)
        {
            double trend = Trend(section, Grid.CellCentreZM(k));
            for (int j = 0; j < Grid.Ny; j++) log10[k, j] = trend + shift[j];
        }

        return Log10Field.ToResistivity(log10, v => v, settings.ResistivityOhmM);
    }
}
