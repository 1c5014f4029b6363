using System.Globalization;
using Mt.Data.Datasets;
using Mt.Learning.Training;

/// <summary>
/// <c>rmse --truth test.h5 --predicted pred.h5</c>: RMSE of the predicted log10 resistivity (a file of
/// <c>mt predict</c>) against the true models, pooled over all cells and per model (<see cref="PredictionError"/>).
/// A stop-gap for reporting training runs until the evaluation stage exists.
/// </summary>
internal static class RmseCommand
{
    public static int Run(string[] args)
    {
        string truthPath = CommandLine.Value(args, "--truth", "");
        string predictedPath = CommandLine.Value(args, "--predicted", "");
        if (truthPath.Length == 0 || predictedPath.Length == 0)
        {
            Console.Error.WriteLine("usage: Mt.Benchmarks rmse --truth test.h5 --predicted pred.h5");
            return 2;
        }
        DataSet truth = DataSetFile.Read(truthPath), predicted = DataSetFile.Read(predictedPath);
        PredictionError error = PredictionError.Of(predicted.Log10Resistivity, truth.Log10Resistivity);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RMSE log10 resistivity {error.Overall:F4} over {error.PerModel.Length} models, per model {error.PerModel.Min():F4} to {error.PerModel.Max():F4}:"));
        Console.WriteLine(string.Join(" ", error.PerModel.Select(e => e.ToString("F4", CultureInfo.InvariantCulture))));
        return 0;
    }
}
