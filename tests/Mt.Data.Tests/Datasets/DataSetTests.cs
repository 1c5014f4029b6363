using Mt.Data.Datasets;
using Mt.Data.Geology;

namespace Mt.Data.Tests.Datasets;

public sealed class DataSetTests
{
    private static readonly DataSetAttributes Attributes = new("e", 1, DataSplit.Train, "g", "v");

    public static TheoryData<string, int[], string> BadShapes => new()
    {
        { "log10Resistivity", [3, 4, 6], "log10Resistivity has shape [3, 4, 6], expected [N, nz, ny] = [3, 4, 5]" },
        { "log10RhoApp", [3, 2, 6, 4], "log10RhoApp has shape [3, 2, 6, 4], expected [N, 2, nf, ns] = [3, 2, 6, 5]" },
        { "phaseDeg", [2, 2, 6, 5], "phaseDeg has shape [2, 2, 6, 5], expected [N, 2, nf, ns] = [3, 2, 6, 5]" },
    };

    [Theory]
    [MemberData(nameof(BadShapes))]
    public void Constructor_names_the_array_and_the_expected_shape(string name, int[] shape, string message)
    {
        var arrays = new Dictionary<string, Array>
        {
            ["log10Resistivity"] = new double[3, 4, 5],
            ["log10RhoApp"] = new double[3, 2, 6, 5],
            ["phaseDeg"] = new double[3, 2, 6, 5],
        };
        arrays[name] = Array.CreateInstance(typeof(double), shape);

        var ex = Assert.Throws<ArgumentException>(() => new DataSet(
            [1, 2, 3, 4, 5, 6], new double[5], new double[6], new double[5],
            (double[,,])arrays["log10Resistivity"], (double[,,,])arrays["log10RhoApp"], (double[,,,])arrays["phaseDeg"], Attributes));

        Assert.Equal(name, ex.ParamName);
        Assert.StartsWith(message, ex.Message);
    }

    [Fact]
    public void Frequencies_must_ascend()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DataSet(
            [2, 1], new double[1], new double[2], new double[2], new double[1, 1, 1], new double[1, 2, 2, 1], new double[1, 2, 2, 1], Attributes));

        Assert.Equal("frequenciesHz", ex.ParamName);
    }

    [Fact]
    public void Extra_attributes_may_not_take_a_reserved_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => Attributes with { Extra = new Dictionary<string, string> { ["modes"] = "x" } });

        Assert.Contains("'modes'", ex.Message);
    }
}
