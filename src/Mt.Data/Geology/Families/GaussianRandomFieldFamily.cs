using Mt.Data.Experiments;

namespace Mt.Data.Geology.Families;

/// <summary>The draws of one Gaussian random field.</summary>
/// <param name="MeanLog10">Mean of log10 resistivity.</param>
/// <param name="StdLog10">Standard deviation of log10 resistivity.</param>
/// <param name="LateralLengthM">Lateral correlation length (m).</param>
/// <param name="VerticalLengthM">Vertical correlation length (m).</param>
/// <param name="Noise">nz x ny standard normal white noise.</param>
public sealed record GaussianRandomFieldSection(double MeanLog10, double StdLog10, double LateralLengthM, double VerticalLengthM, double[,] Noise);

/// <summary>
/// log10 resistivity = mean + std x (A_z W A_y^T), with W white noise on the cells and A_z, A_y the
/// <see cref="GaussianSmoother"/> matrices of the vertical and lateral correlation lengths (drawn independently, so
/// fields are anisotropic); resistivities are clamped to the family's range. Draws, in order: mean, std, lateral
/// length, vertical length, then the noise row by row.
/// </summary>
public sealed class GaussianRandomFieldFamily(ModelGrid grid, long experimentSeed, GaussianRandomFieldSettings settings)
    : DrawnFamily<GaussianRandomFieldSection>(grid, experimentSeed)
{
    /// <inheritdoc />
    public override GeologyFamily Family => GeologyFamily.GaussianRandomField;

    /// <inheritdoc />
    protected override GaussianRandomFieldSection Draw(Random random)
    {
        double mean = Draws.Uniform(random, settings.MeanLog10);
        double std = Draws.Uniform(random, settings.StdLog10);
        double lateral = Draws.LogUniform(random, settings.LateralLengthM);
        double vertical = Draws.LogUniform(random, settings.VerticalLengthM);
        var noise = new double[Grid.Nz, Grid.Ny];
        for (int k = 0; k < Grid.Nz; k++)
            for (int j = 0; j < Grid.Ny; j++) noise[k, j] = Draws.Normal(random);
        return new GaussianRandomFieldSection(mean, std, lateral, vertical, noise);
    }

    /// <summary>The unit-variance field of a section (before mean, std and clamping).</summary>
    public double[,] Field(GaussianRandomFieldSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        (double[] zc, double[] zw) = GaussianSmoother.DepthCells(Grid);
        (double[] yc, double[] yw) = GaussianSmoother.LateralCells(Grid);
        return GaussianSmoother.Apply(GaussianSmoother.Matrix(zc, zw, section.VerticalLengthM), section.Noise,
            GaussianSmoother.Matrix(yc, yw, section.LateralLengthM));
    }

    /// <inheritdoc />
    public override double[,] Rasterise(GaussianRandomFieldSection section)
    {
        double[,] field = Field(section);
        return Log10Field.ToResistivity(field, v => section.MeanLog10 + section.StdLog10 * v, settings.ResistivityOhmM);
    }
}

/// <summary>Turns fields of log10 resistivity into resistivities within a range.</summary>
internal static class Log10Field
{
    /// <summary>10^log10(value) of every cell, clamped to <paramref name="range"/>.</summary>
    public static double[,] ToResistivity(double[,] values, Func<double, double> log10, Bounds<double> range)
    {
        int nz = values.GetLength(0), ny = values.GetLength(1);
        var resistivity = new double[nz, ny];
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
                resistivity[k, j] = Math.Clamp(Math.Pow(10, log10(values[k, j])), range.Min, range.Max);
        return resistivity;
    }
}
