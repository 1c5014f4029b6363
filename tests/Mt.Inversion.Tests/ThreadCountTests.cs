using Mt.Forward;
using Mt.Inversion;

namespace Mt.Inversion.Tests;

/// <summary>The inversion's forward map and gradient do not depend on the thread count: every system is solved by one
/// thread and the per-system gradients are summed in a fixed order, so 1 and 2 workers give the same numbers bit for
/// bit (an NLCG run is then the same on any number of cores).</summary>
public class ThreadCountTests
{
    [Fact]
    public void PredictedDataAndGradientAreBitIdenticalOnOneAndTwoThreads()
    {
        var (model, data) = DerivativeTests.SmallProblem(11, [Mode.TE, Mode.TM]);
        double[] m = model.ToParameters();
        var misfit = new DataMisfit(data);
        (double[] Predicted, double[] Gradient) Run(int threads)
        {
            var simulation = new FixedMeshSimulation(model, data.Survey, ForwardOptions.Default with { MaxDegreeOfParallelism = threads });
            return simulation.PredictWithGradient(m, misfit.Derivative);
        }

        var one = Run(1);
        var two = Run(2);

        Assert.Equal(one.Predicted.Select(BitConverter.DoubleToInt64Bits), two.Predicted.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(one.Gradient.Select(BitConverter.DoubleToInt64Bits), two.Gradient.Select(BitConverter.DoubleToInt64Bits));
    }
}
