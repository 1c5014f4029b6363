using System.Numerics;
using Mt.Data.Edi;

namespace Mt.Data.Tests.Edi;

/// <summary>Synthetic stations and bitwise comparison of stations.</summary>
internal static class EdiSamples
{
    /// <summary>A station with every feature: ZROT, variances, tipper, EMPTY-masked values, ascending frequencies.</summary>
    public static EdiFile Synthetic(int nFreq = 12, int seed = 7)
    {
        var rng = new Random(seed);
        double[] freqs = [.. Enumerable.Range(0, nFreq).Select(i => 0.001 * Math.Pow(10, 0.4 * i + rng.NextDouble() * 0.01))];
        Complex[] Values(double scale) => [.. freqs.Select(_ => new Complex(scale * (rng.NextDouble() - 0.5), scale * (rng.NextDouble() - 0.5)))];
        double[] Variances(double scale) => [.. freqs.Select(_ => scale * rng.NextDouble())];
        var zxy = Values(100);
        zxy[3] = new Complex(double.NaN, double.NaN);
        var zxyVar = Variances(1);
        zxyVar[3] = double.NaN;
        var file = EdiFile.Create("SYN01", new EdiCoordinates(-23.5 - rng.NextDouble(), 116 + rng.NextDouble(), 312.25), freqs,
            new EdiImpedanceComponent(Values(10), Variances(0.1)),
            new EdiImpedanceComponent(zxy, zxyVar),
            new EdiImpedanceComponent(Values(100), Variances(1)),
            new EdiImpedanceComponent(Values(10), null),
            new EdiTipperComponent(Values(0.5), Variances(0.01)),
            new EdiTipperComponent(Values(0.5), Variances(0.01)));
        return new EdiFile
        {
            Header = file.Header with { AcquiredBy = "Test suite", EmptyValue = 1.0E32, OtherFields = [new EdiField("STDVERS", "SEG 1.0")] },
            Info = "Synthetic station\n  second line",
            DefineMeas = file.DefineMeas,
            MtSection = file.MtSection,
            FrequenciesHz = file.FrequenciesHz,
            ZRotDeg = [.. freqs.Select(_ => 15.0)],
            Zxx = file.Zxx,
            Zxy = file.Zxy,
            Zyx = file.Zyx,
            Zyy = file.Zyy,
            Tx = file.Tx,
            Ty = file.Ty,
        };
    }

    /// <summary>Asserts that two stations hold the same values, comparing doubles bit for bit.</summary>
    public static void AssertBitIdentical(EdiFile expected, EdiFile actual)
    {
        Assert.Equal(expected.Header with { OtherFields = [] }, actual.Header with { OtherFields = [] });
        Assert.Equal(expected.Header.OtherFields, actual.Header.OtherFields);
        Assert.Equal(expected.Info, actual.Info);
        Assert.Equal(expected.DefineMeas with { Measurements = [], OtherFields = [] }, actual.DefineMeas with { Measurements = [], OtherFields = [] });
        Assert.Equal(expected.DefineMeas.Measurements, actual.DefineMeas.Measurements);
        Assert.Equal(expected.DefineMeas.OtherFields, actual.DefineMeas.OtherFields);
        Assert.Equal(expected.MtSection with { OtherFields = [] }, actual.MtSection with { OtherFields = [] });
        Assert.Equal(expected.MtSection.OtherFields, actual.MtSection.OtherFields);
        AssertBits(expected.FrequenciesHz, actual.FrequenciesHz);
        AssertBits(expected.ZRotDeg, actual.ZRotDeg);
        foreach (var (e, a) in expected.ImpedanceComponents.Zip(actual.ImpedanceComponents))
        {
            AssertBits(e.ValuesMvPerKmPerNt, a.ValuesMvPerKmPerNt);
            AssertBits(e.ValuesOhm, a.ValuesOhm);
            AssertBits(e.VariancesMvPerKmPerNtSquared, a.VariancesMvPerKmPerNtSquared);
            AssertBits(e.VariancesOhmSquared, a.VariancesOhmSquared);
            Assert.Equal(e.IsMissing, a.IsMissing);
        }
        foreach (var (e, a) in new[] { (expected.Tx, actual.Tx), (expected.Ty, actual.Ty) })
        {
            Assert.Equal(e is null, a is null);
            if (e is null || a is null) continue;
            AssertBits(e.Values, a.Values);
            AssertBits(e.Variances, a.Variances);
            Assert.Equal(e.IsMissing, a.IsMissing);
        }
    }

    private static void AssertBits(Complex[] expected, Complex[] actual)
    {
        AssertBits([.. expected.Select(z => z.Real)], [.. actual.Select(z => z.Real)]);
        AssertBits([.. expected.Select(z => z.Imaginary)], [.. actual.Select(z => z.Imaginary)]);
    }

    private static void AssertBits(double[]? expected, double[]? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is null || actual is null) return;
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
    }
}
