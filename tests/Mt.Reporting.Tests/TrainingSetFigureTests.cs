using Mt.Reporting;

namespace Mt.Reporting.Tests;

public sealed class TrainingSetFigureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mt-reporting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A paper-sized synthetic sample: 60 graded layers to 180 km, 121 cells of 5 km, 60 frequencies, 121 stations.</summary>
    internal static FigureSample Synthetic(int seed)
    {
        const int nz = 60, ny = 121, nf = 60, ns = 121;
        // Thicknesses grow geometrically so the bottom edge is exactly 180 km.
        double ratio = 1.06, first = 180e3 * (ratio - 1) / (Math.Pow(ratio, nz) - 1);
        var z = new double[nz + 1];
        for (int i = 0; i < nz; i++)
            z[i + 1] = z[i] + first * Math.Pow(ratio, i);
        z[nz] = 180e3;
        double[] y = Enumerable.Range(0, ny + 1).Select(j => j * 5e3).ToArray();
        double[] stations = Enumerable.Range(0, ns).Select(k => 2.5e3 + k * 5e3).ToArray();
        double[] freqs = Enumerable.Range(0, nf).Select(f => Math.Pow(10, -3 + 5.0 * f / (nf - 1))).ToArray();
        double centre = 150e3 + 100e3 * seed, depth = 20e3 + 15e3 * seed;
        var model = new double[nz, ny];
        for (int i = 0; i < nz; i++)
            for (int j = 0; j < ny; j++)
            {
                double zc = 0.5 * (z[i] + z[i + 1]), yc = 0.5 * (y[j] + y[j + 1]);
                double body = Math.Exp(-Math.Pow((yc - centre) / 60e3, 2) - Math.Pow((zc - depth) / 15e3, 2));
                model[i, j] = 2.3 + 0.8 * Math.Tanh((zc - 40e3) / 20e3) - 1.4 * body + 0.1 * Math.Sin(yc / 40e3 + seed);
            }
        var rho = new double[nf, ns];
        var phase = new double[nf, ns];
        for (int f = 0; f < nf; f++)
            for (int k = 0; k < ns; k++)
            {
                double logT = -Math.Log10(freqs[f]);
                double anomaly = Math.Exp(-Math.Pow((stations[k] - centre) / 80e3, 2) - Math.Pow(logT - 0.5 - 0.3 * seed, 2));
                rho[f, k] = 2.0 + 0.3 * logT - 1.0 * anomaly;
                phase[f, k] = 45 - 12 * Math.Tanh(logT - 1) + 15 * anomaly;
            }
        return new FigureSample($"Sample {seed + 1} (TE)", y, z, model, stations, freqs, rho, phase);
    }

    [Fact]
    public void Renders_four_samples_to_a_png_of_the_requested_size_and_a_long_csv()
    {
        FigureSample[] samples = Enumerable.Range(0, 4).Select(Synthetic).ToArray();
        string png = Path.Combine(_dir, "figure", "training-set.png");

        string csv = TrainingSetFigure.Render(samples, png,
            new TrainingSetFigureOptions { Width = 1800, Height = 1600, Log10ResistivityRange = new ValueRange(0.7, 3.7) });

        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        // IHDR: width and height, big-endian, at bytes 16..23.
        Assert.Equal(1800, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(1600, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        Assert.InRange(bytes.Length, 50_000, 20_000_000);

        Assert.Equal(Path.ChangeExtension(png, ".csv"), csv);
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal("sample,panel,x,y,value", lines[0]);
        Assert.Equal(1 + 4 * (60 * 121 + 2 * 60 * 121), lines.Length);
        Assert.StartsWith("1,model,2.5,", lines[1]);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(png)!, "*.tmp"));

        string keep = Environment.GetEnvironmentVariable("MT_REPORTING_KEEP_FIGURE") ?? "";
        if (keep.Length > 0)
            File.Copy(png, keep, overwrite: true);
    }

    [Theory]
    [InlineData("Log10Resistivity")]
    [InlineData("Log10RhoApp")]
    [InlineData("PhaseDeg")]
    [InlineData("ZEdgesM")]
    public void Mismatched_shapes_throw_naming_the_array(string array)
    {
        FigureSample good = Synthetic(0);
        FigureSample bad = array switch
        {
            "Log10Resistivity" => good with { Log10Resistivity = new double[59, 121] },
            "Log10RhoApp" => good with { Log10RhoApp = new double[60, 120] },
            "PhaseDeg" => good with { PhaseDeg = new double[121, 60] },
            _ => good with { ZEdgesM = good.ZEdgesM.Reverse().ToArray() },
        };
        string png = Path.Combine(_dir, "bad.png");

        var error = Assert.Throws<ArgumentException>(() => TrainingSetFigure.Render([good, bad], png));

        Assert.Contains($"samples[1].{array}", error.Message);
        Assert.False(File.Exists(png));
    }

    [Fact]
    public void The_bundled_font_is_the_one_scottplot_resolves()
    {
        BundledFonts.Register();

        Assert.Equal(BundledFonts.FamilyName, ScottPlot.Fonts.Default);
        foreach (bool bold in new[] { false, true })
        {
            SkiaSharp.SKTypeface face = ScottPlot.Fonts.GetTypeface(BundledFonts.FamilyName, bold, italic: false);
            Assert.Equal("DejaVu Sans", face.FamilyName);
            Assert.Equal(bold, face.IsBold);
            Assert.True(face.ContainsGlyphs("Ω·°⁻¹"));
        }
        BundledFonts.EnsureResolves(BundledFonts.FamilyName); // throws if the typeface came from elsewhere
        Assert.Throws<InvalidOperationException>(() => BundledFonts.EnsureResolves("No Such Font"));
        Assert.IsType<ScottPlot.Plot>(new ScottPlot.Plot()); // a new plot's fonts default to the bundled one
        Assert.Equal(BundledFonts.FamilyName, new ScottPlot.Plot().Axes.Bottom.TickLabelStyle.FontName);
    }

    [Fact]
    public void Resistivity_ticks_match_the_papers_colour_bar()
    {
        Assert.Equal(new double[] { 5, 10, 50, 100, 500, 1000, 5000 }, FigureStyle.ResistivityTicks(new ValueRange(0.7, 3.7)));
    }
}
