using Mt.Data.Geology;
using Mt.Data.Geology.Families;

namespace Mt.Forward.Tests;

/// <summary>
/// The model families the forward engine is benchmarked and tested on, each deterministic from its index: the
/// generator's blocky models, smooth models (a Gaussian random field in log10 resistivity with lateral correlation
/// length 5-50 km on a smooth depth trend), network-like models (generator models smoothed, as a network's predictions
/// are) and NLCG-iterate-like models (those, plus a small rough perturbation). Shared by Mt.Benchmarks and the tests.
/// </summary>
public static class ModelFamilies
{
    /// <summary>The family names, in the benchmark's order.</summary>
    public static readonly string[] Names = ["generator", "smooth", "network", "nlcg"];

    /// <summary>Model <paramref name="index"/> of <paramref name="family"/> on the generator's grid.</summary>
    public static ResistivityModel Model(string family, GeologyGenerator generator, int index)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var grid = generator.Grid;
        var blocky = generator.Generate(DataSplit.Train, index).Model;
        return family switch
        {
            "generator" => blocky,
            "smooth" => Smooth(grid, index),
            "network" => Smoothed(grid, blocky.Log10()).Model,
            "nlcg" => Perturbed(grid, Smoothed(grid, blocky.Log10()).Log10, index),
            _ => throw new ArgumentException($"unknown family {family}", nameof(family)),
        };
    }

    /// <summary>log10 rho = a linear trend in log depth (from about 1-3 at the top to 0-3 at the bottom) plus a Gaussian
    /// random field of standard deviation 0.3-0.6, lateral correlation length 5-50 km and vertical 3-20 km.</summary>
    private static ResistivityModel Smooth(ModelGrid grid, int index)
    {
        var random = new Random(1000 + index);
        double lateral = 5_000 * Math.Pow(10, random.NextDouble()), vertical = 3_000 + 17_000 * random.NextDouble();
        double top = 1 + 2 * random.NextDouble(), bottom = 3 * random.NextDouble(), sd = 0.3 + 0.3 * random.NextDouble();
        var (yc, yw) = GaussianSmoother.LateralCells(grid);
        var (zc, zw) = GaussianSmoother.DepthCells(grid);
        var noise = new double[grid.Nz, grid.Ny];
        for (int k = 0; k < grid.Nz; k++)
            for (int j = 0; j < grid.Ny; j++) noise[k, j] = Normal(random);
        var field = GaussianSmoother.Apply(GaussianSmoother.Matrix(zc, zw, vertical), noise, GaussianSmoother.Matrix(yc, yw, lateral));
        double l0 = Math.Log(zc[0]), l1 = Math.Log(zc[^1]);
        var log10 = new double[grid.Nz, grid.Ny];
        for (int k = 0; k < grid.Nz; k++)
        {
            double trend = top + (bottom - top) * (Math.Log(zc[k]) - l0) / (l1 - l0);
            for (int j = 0; j < grid.Ny; j++) log10[k, j] = Math.Clamp(trend + sd * field[k, j], -0.5, 4);
        }
        return ResistivityModel.FromLog10([.. grid.YEdgesM], [.. grid.ZEdgesM], log10);
    }

    /// <summary>Gaussian smoothing of log10 rho (weights exp(-d^2/L^2), normalised; 10 km laterally, 1.5 rows
    /// vertically), as a network's prediction blurs the contacts of the model it was trained on.</summary>
    private static (ResistivityModel Model, double[,] Log10) Smoothed(ModelGrid grid, double[,] log10)
    {
        int nz = grid.Nz, ny = grid.Ny;
        var rows = new double[nz, ny];
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
            {
                double sum = 0, weight = 0;
                for (int l = 0; l < ny; l++)
                {
                    double u = (grid.CellCentreYM(j) - grid.CellCentreYM(l)) / 10_000, w = Math.Exp(-u * u);
                    sum += w * log10[k, l];
                    weight += w;
                }
                rows[k, j] = sum / weight;
            }
        var result = new double[nz, ny];
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
            {
                double sum = 0, weight = 0;
                for (int i = 0; i < nz; i++)
                {
                    double u = (k - i) / 1.5, w = Math.Exp(-u * u);
                    sum += w * rows[i, j];
                    weight += w;
                }
                result[k, j] = sum / weight;
            }
        return (ResistivityModel.FromLog10([.. grid.YEdgesM], [.. grid.ZEdgesM], result), result);
    }

    /// <summary>A smooth model plus independent normal noise of 0.05 in log10 rho per cell (the roughness an NLCG
    /// iterate keeps after a few gradient steps).</summary>
    private static ResistivityModel Perturbed(ModelGrid grid, double[,] log10, int index)
    {
        var random = new Random(2000 + index);
        var result = (double[,])log10.Clone();
        for (int k = 0; k < grid.Nz; k++)
            for (int j = 0; j < grid.Ny; j++) result[k, j] += 0.05 * Normal(random);
        return ResistivityModel.FromLog10([.. grid.YEdgesM], [.. grid.ZEdgesM], result);
    }

    /// <summary>Columns <paramref name="first"/>..<paramref name="last"/> (inclusive) of <paramref name="model"/>.</summary>
    public static ResistivityModel Crop(ResistivityModel model, int first, int last)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rho = new double[model.Nz, last - first + 1];
        for (int k = 0; k < model.Nz; k++)
            for (int j = first; j <= last; j++) rho[k, j - first] = model.ResistivityOhmM[k, j];
        return new ResistivityModel(model.YEdgesM[first..(last + 2)], model.ZEdgesM, rho);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
