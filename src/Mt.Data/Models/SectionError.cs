namespace Mt.Data.Models;

/// <summary>The difference between two sections of log10 resistivity ([nz, ny], log10 ohm-m): the one definition of the
/// RMSE that the evaluation, the figures and the training report.</summary>
public static class SectionError
{
    /// <summary>Sum over every cell of the squared difference (cells in row-major order).</summary>
    public static double SumOfSquares(double[,] predicted, double[,] truth)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (predicted.GetLength(0) != truth.GetLength(0) || predicted.GetLength(1) != truth.GetLength(1))
            throw new ArgumentException($"sections of {predicted.GetLength(0)} x {predicted.GetLength(1)} and {truth.GetLength(0)} x {truth.GetLength(1)} cells differ in shape");
        double sum = 0;
        for (int i = 0; i < truth.GetLength(0); i++)
            for (int j = 0; j < truth.GetLength(1); j++)
            {
                double d = predicted[i, j] - truth[i, j];
                sum += d * d;
            }
        return sum;
    }

    /// <summary>Root-mean-square difference over every cell (log10 units; 0 is perfect, 1 a factor of 10).</summary>
    public static double Rmse(double[,] predicted, double[,] truth) => Math.Sqrt(SumOfSquares(predicted, truth) / truth.Length);
}
