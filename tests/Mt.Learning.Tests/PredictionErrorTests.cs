using Mt.Learning.Training;

namespace Mt.Learning.Tests;

public sealed class PredictionErrorTests
{
    [Fact]
    public void RmseIsPerModelAndPooled()
    {
        var truth = new double[2, 2, 3];
        var predicted = new double[2, 2, 3];
        // Model 0 off by 0.3 everywhere; model 1 off by 0.4 in half its cells and exact elsewhere.
        for (int z = 0; z < 2; z++)
            for (int y = 0; y < 3; y++)
            {
                truth[0, z, y] = 1 + y;
                predicted[0, z, y] = truth[0, z, y] - 0.3;
                truth[1, z, y] = 2;
                predicted[1, z, y] = z == 0 ? 2.4 : 2;
            }
        PredictionError error = PredictionError.Of(predicted, truth);
        Assert.Equal(0.3, error.PerModel[0], 12);
        Assert.Equal(Math.Sqrt(0.16 / 2), error.PerModel[1], 12);
        Assert.Equal(Math.Sqrt((6 * 0.09 + 3 * 0.16) / 12), error.Overall, 12);
        Assert.Equal(0, PredictionError.Of(truth, truth).Overall);
    }

    [Fact]
    public void ShapesMustAgree() =>
        Assert.Throws<ArgumentException>(() => PredictionError.Of(new double[2, 2, 3], new double[2, 3, 2]));
}
