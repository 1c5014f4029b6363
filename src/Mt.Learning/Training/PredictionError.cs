namespace Mt.Learning.Training;

/// <summary>Root-mean-square error of predicted log10 resistivity against the true models, over all cells.</summary>
/// <param name="Overall">RMSE over every cell of every model (all models have the same grid, so this is the root of
/// the mean of the per-model mean squared errors).</param>
/// <param name="PerModel">RMSE of each model over its cells.</param>
public sealed record PredictionError(double Overall, double[] PerModel)
{
    /// <summary>The error of <paramref name="predicted"/> against <paramref name="truth"/>, both [N, nz, ny].</summary>
    public static PredictionError Of(double[,,] predicted, double[,,] truth)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        for (int d = 0; d < 3; d++)
            if (predicted.GetLength(d) != truth.GetLength(d))
                throw new ArgumentException($"predicted [{Shape(predicted)}] and true [{Shape(truth)}] models differ in shape");
        int n = truth.GetLength(0), nz = truth.GetLength(1), ny = truth.GetLength(2);
        if (n == 0 || nz * ny == 0) throw new ArgumentException("no cells to compare");
        var perModel = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = Mt.Data.Models.SectionError.SumOfSquares(Slice(predicted, i), Slice(truth, i));
            total += sum;
            perModel[i] = Math.Sqrt(sum / (nz * ny));
        }
        return new PredictionError(Math.Sqrt(total / ((double)n * nz * ny)), perModel);
    }

    private static double[,] Slice(double[,,] a, int i)
    {
        var s = new double[a.GetLength(1), a.GetLength(2)];
        Buffer.BlockCopy(a, i * s.Length * sizeof(double), s, 0, s.Length * sizeof(double));
        return s;
    }

    private static string Shape(double[,,] a) => $"{a.GetLength(0)}, {a.GetLength(1)}, {a.GetLength(2)}";
}
