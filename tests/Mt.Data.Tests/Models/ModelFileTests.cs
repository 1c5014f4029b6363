using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Forward;

namespace Mt.Data.Tests.Models;

public sealed class ModelFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void WriteThenReadGivesIdenticalArrays()
    {
        double[] yEdgesM = [-12345.678901234567, -0.1, 2e-300, 1.0 / 3, 7.7e12];
        double[] zEdgesM = [0, 0.30000000000000004, Math.PI * 100, 1e6 / 7];
        var rhoOhmM = new double[3, 4];
        for (int k = 0; k < 3; k++)
            for (int j = 0; j < 4; j++)
                rhoOhmM[k, j] = Math.Exp(k - 0.7 * j) * 10.123456789012345 + double.Epsilon * (k + j + 1);
        var model = new ResistivityModel(yEdgesM, zEdgesM, rhoOhmM);
        string path = _folder.File("model.json");

        ModelFile.Write(path, model);
        ResistivityModel read = ModelFile.Read(path);

        Assert.Equal(Bits(yEdgesM), Bits(read.YEdgesM));
        Assert.Equal(Bits(zEdgesM), Bits(read.ZEdgesM));
        Assert.Equal(Bits(rhoOhmM.Cast<double>()), Bits(read.ResistivityOhmM.Cast<double>()));
        Assert.Equal(["model.json"], _folder.FileNames());
    }

    [Fact]
    public void ErrorsNameTheFileAsGivenAndThePlace()
    {
        const string json = """{"y_edges_m": [0, 1, 2], "z_edges_m": [0, 5], "resistivity_ohm_m": [[1, 2, 3]]}""";
        var ex = Assert.Throws<DataFileException>(() => ModelFile.Parse(json, "in/m.json"));
        Assert.Equal("in/m.json: resistivity_ohm_m row 0 has 3 values, expected 2", ex.Message);

        var malformed = Assert.Throws<DataFileException>(() => ModelFile.Parse("{\n  \"y_edges_m\": [0,,1]\n}", "m.json"));
        Assert.Equal(2, malformed.LineNumber);
        Assert.StartsWith("m.json line 2: malformed JSON", malformed.Message);
    }

    private static long[] Bits(IEnumerable<double> values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
