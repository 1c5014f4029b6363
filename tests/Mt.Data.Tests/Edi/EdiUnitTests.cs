using System.Numerics;
using Mt.Data.Edi;
using Mt.Forward;

namespace Mt.Data.Tests.Edi;

/// <summary>Angle parsing, unit conversion, missing values, writer round trips and forward-model export (no data files needed).</summary>
public class EdiUnitTests
{
    [Theory]
    [InlineData("-23.64535", -23.64535)]
    [InlineData("-23:38:43.26", -23.64535)]
    [InlineData("116:37:26.04", 116.6239)]
    [InlineData("+10:15", 10.25)]
    [InlineData("-0:30:00", -0.5)]
    [InlineData(" 0:00:36 ", 0.01)]
    public void Degrees_parse_from_decimal_or_degrees_minutes_seconds(string text, double expectedDeg) =>
        Assert.Equal(expectedDeg, EdiCoordinates.ParseDegrees(text), 12);

    [Theory]
    [InlineData("abc")]
    [InlineData("23:60:00")]
    [InlineData("23:10:60")]
    [InlineData("1:2:3:4")]
    [InlineData("-23:-5:00")]
    [InlineData("23::00")]
    [InlineData("NaN")]
    public void Malformed_degrees_are_refused(string text) =>
        Assert.Throws<FormatException>(() => EdiCoordinates.ParseDegrees(text));

    [Fact]
    public void Header_coordinates_in_degrees_minutes_seconds_are_read_as_decimal_degrees()
    {
        string text = EdiSamples.Synthetic().ToEdiText();
        string lat = text.Split('\n').Single(l => l.StartsWith("  LAT=", StringComparison.Ordinal));
        string lon = text.Split('\n').Single(l => l.StartsWith("  LONG=", StringComparison.Ordinal));
        var edi = EdiFile.Parse(text.Replace(lat, "  LAT=-23:38:43.26").Replace(lon, "  LONG=116:37:26.04"), "dms.edi");

        Assert.Equal(-23.64535, edi.Position.LatitudeDeg, 12);
        Assert.Equal(116.6239, edi.Position.LongitudeDeg, 12);
    }

    [Theory]
    [InlineData(250.0, 107.49, 52.067)]
    [InlineData(1.0, 1.2, -0.3)]
    [InlineData(0.001221, -0.0040348, -0.0235766)]
    public void Field_units_convert_to_ohms_consistently_with_apparent_resistivity(double frequencyHz, double re, double im)
    {
        var zField = new Complex(re, im);
        var component = new EdiImpedanceComponent([zField], [0.25]);
        double periodS = 1 / frequencyHz;

        double rhoFieldOhmM = 0.2 * periodS * zField.Magnitude * zField.Magnitude;
        double rhoOhmM = component.ValuesOhm[0].Magnitude * component.ValuesOhm[0].Magnitude
                         / (2 * Math.PI * frequencyHz * Impedance.Mu0);

        Assert.Equal(1, rhoOhmM / rhoFieldOhmM, 12);
        Assert.Equal(1, Impedance.RhoAppOhmM(component.ValuesOhm[0], frequencyHz) / rhoFieldOhmM, 12);
        Assert.Equal(1, EdiUnits.OhmPerMvPerKmPerNt / (4 * Math.PI * 1e-4), 15);
        Assert.Equal(0.25 * EdiUnits.OhmPerMvPerKmPerNt * EdiUnits.OhmPerMvPerKmPerNt, component.VariancesOhmSquared![0]);
    }

    [Fact]
    public void Empty_values_become_masked_NaN_and_are_written_back_as_the_empty_value()
    {
        var synthetic = EdiSamples.Synthetic();
        string text = synthetic.ToEdiText();
        Assert.Contains("  EMPTY=1E+32\n", text);

        var edi = EdiFile.Parse(text, "empty.edi");

        Assert.Equal(1.0E32, edi.Header.EmptyValue);
        Assert.True(edi.Zxy.IsMissing[3]);
        Assert.Equal(1, edi.Zxy.IsMissing.Count(m => m));
        Assert.True(double.IsNaN(edi.Zxy.ValuesOhm[3].Real) && double.IsNaN(edi.Zxy.ValuesOhm[3].Imaginary));
        Assert.True(double.IsNaN(edi.Zxy.VariancesOhmSquared![3]));
        Assert.DoesNotContain(true, edi.Zyx.IsMissing);
    }

    [Fact]
    public void Synthetic_station_with_every_feature_round_trips_bit_exactly()
    {
        var synthetic = EdiSamples.Synthetic();
        var reread = EdiFile.Parse(synthetic.ToEdiText(), "synthetic.edi");

        EdiSamples.AssertBitIdentical(synthetic, reread);
        Assert.True(reread.FrequenciesHz.Zip(reread.FrequenciesHz.Skip(1)).All(p => p.First < p.Second), "ascending kept as read");
        Assert.Contains(">FREQ NFREQ=12 ORDER=INC // 12", synthetic.ToEdiText());
    }

    [Fact]
    public void Forward_model_result_exports_to_edi_and_reads_back_within_one_rounding()
    {
        double[] freqs = [100, 10, 1, 0.1];
        var te = new Complex[4, 2];
        var tm = new Complex[4, 2];
        for (int f = 0; f < 4; f++)
            for (int s = 0; s < 2; s++)
            {
                // A 100 ohm-m half-space: Z = sqrt(i w mu0 rho), TM in the third quadrant.
                var z = Complex.Sqrt(new Complex(0, 2 * Math.PI * freqs[f] * Impedance.Mu0 * 100 * (s + 1)));
                te[f, s] = z;
                tm[f, s] = -z;
            }
        var response = new ForwardResponse([0, 500], freqs, new Dictionary<Mode, Complex[,]> { [Mode.TE] = te, [Mode.TM] = tm });

        var edi = EdiFile.FromForwardResponse(response, 1, "FWD02", new EdiCoordinates(-24, 117, 0));
        var reread = EdiFile.Parse(edi.ToEdiText(), "fwd02.edi");

        EdiSamples.AssertBitIdentical(edi, reread);
        for (int f = 0; f < 4; f++)
        {
            AssertRelative(te[f, 1], reread.Zxy.ValuesOhm[f]);
            AssertRelative(tm[f, 1], reread.Zyx.ValuesOhm[f]);
            Assert.Equal(200, Impedance.RhoAppOhmM(reread.Zxy.ValuesOhm[f], freqs[f]), 9);
            Assert.Equal(Complex.Zero, reread.Zxx.ValuesOhm[f]);
        }
    }

    [Fact]
    public void Forward_model_mode_not_computed_is_exported_as_missing()
    {
        var response = new ForwardResponse([0], [1.0], new Dictionary<Mode, Complex[,]> { [Mode.TE] = new Complex[,] { { new(1e-3, 1e-3) } } });

        var reread = EdiFile.Parse(EdiFile.FromForwardResponse(response, 0, "TE", default).ToEdiText(), "te.edi");

        Assert.Equal([true], reread.Zyx.IsMissing);
        Assert.Equal([false], reread.Zxy.IsMissing);
    }

    [Fact]
    public void Info_line_that_would_start_a_block_is_refused_on_write()
    {
        var edi = EdiSamples.Synthetic();
        var bad = new EdiFile
        {
            Header = edi.Header, Info = "ok\n >ZXXR", DefineMeas = edi.DefineMeas, FrequenciesHz = edi.FrequenciesHz,
            Zxx = edi.Zxx, Zxy = edi.Zxy, Zyx = edi.Zyx, Zyy = edi.Zyy,
        };

        Assert.Throws<InvalidOperationException>(() => bad.ToEdiText());
    }

    /// <summary>Ohm -> field units -> text -> field units -> ohm: one division and one multiplication, so one rounding each.</summary>
    private static void AssertRelative(Complex expected, Complex actual)
    {
        const double relativeTolerance = 1e-15;
        Assert.True(Math.Abs(expected.Real - actual.Real) <= relativeTolerance * Math.Abs(expected.Real), $"{expected} vs {actual}");
        Assert.True(Math.Abs(expected.Imaginary - actual.Imaginary) <= relativeTolerance * Math.Abs(expected.Imaginary), $"{expected} vs {actual}");
    }
}
