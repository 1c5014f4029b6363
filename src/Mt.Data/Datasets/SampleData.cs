using Mt.Forward;

namespace Mt.Data.Datasets;

/// <summary>
/// One sample of a synthetic data set: the model (log10 resistivity, [depth, lateral]) and its forward response
/// (log10 apparent resistivity and phase in degrees, [mode (TE, TM), frequency, station]).
/// </summary>
public sealed class SampleData
{
    /// <summary>Creates a sample; the arrays are kept, not copied.</summary>
    public SampleData(int index, double[,] log10Resistivity, double[,,] log10RhoApp, double[,,] phaseDeg)
    {
        if (log10RhoApp.GetLength(0) != 2 || phaseDeg.GetLength(0) != 2)
            throw new ArgumentException("responses must hold two modes (TE, TM)");
        if (log10RhoApp.GetLength(1) != phaseDeg.GetLength(1) || log10RhoApp.GetLength(2) != phaseDeg.GetLength(2))
            throw new ArgumentException("apparent resistivity and phase must have the same shape");
        Index = index;
        Log10Resistivity = log10Resistivity;
        Log10RhoApp = log10RhoApp;
        PhaseDeg = phaseDeg;
    }

    /// <summary>Index of the sample in its split.</summary>
    public int Index { get; }

    /// <summary>log10 resistivity (log10 ohm-m), [depth cell, lateral cell].</summary>
    public double[,] Log10Resistivity { get; }

    /// <summary>log10 apparent resistivity, [mode, frequency, station]; mode 0 = TE, 1 = TM.</summary>
    public double[,,] Log10RhoApp { get; }

    /// <summary>Phase in degrees (first quadrant for a half-space in both modes), [mode, frequency, station].</summary>
    public double[,,] PhaseDeg { get; }

    /// <summary>The modes, in the order of the first axis of the responses.</summary>
    public static IReadOnlyList<Mode> Modes { get; } = [Mode.TE, Mode.TM];

    /// <summary>Forward-models <paramref name="model"/> at the stations and frequencies and packs the sample.</summary>
    public static SampleData Compute(int index, ResistivityModel model, double[] stationsM, double[] frequenciesHz, ForwardOptions? options = null)
    {
        var response = Forward2D.Compute(model, stationsM, frequenciesHz, Modes, options);
        double[,] logRho = model.Log10();
        var rhoApp = new double[2, frequenciesHz.Length, stationsM.Length];
        var phase = new double[2, frequenciesHz.Length, stationsM.Length];
        for (int m = 0; m < 2; m++)
            for (int f = 0; f < frequenciesHz.Length; f++)
                for (int s = 0; s < stationsM.Length; s++)
                {
                    rhoApp[m, f, s] = Math.Log10(response.RhoAppOhmM(Modes[m], f, s));
                    phase[m, f, s] = response.PhaseDeg(Modes[m], f, s);
                }
        return new SampleData(index, logRho, rhoApp, phase);
    }

    /// <summary>Packs samples (in the order given) into a data set on the given grid, stations and frequencies.</summary>
    public static DataSet ToDataSet(IReadOnlyList<SampleData> samples, double[] frequenciesHz, double[] stationsM,
        double[] yEdgesM, double[] zEdgesM, DataSetAttributes attributes)
    {
        if (samples.Count == 0) throw new ArgumentException("a data set needs at least one sample", nameof(samples));
        int n = samples.Count, nz = zEdgesM.Length - 1, ny = yEdgesM.Length - 1, nf = frequenciesHz.Length, ns = stationsM.Length;
        var model = new double[n, nz, ny];
        var rho = new double[n, 2, nf, ns];
        var phase = new double[n, 2, nf, ns];
        for (int i = 0; i < n; i++)
        {
            var sample = samples[i];
            if (sample.Log10Resistivity.GetLength(0) != nz || sample.Log10Resistivity.GetLength(1) != ny
                || sample.Log10RhoApp.GetLength(1) != nf || sample.Log10RhoApp.GetLength(2) != ns)
                throw new ArgumentException($"sample {sample.Index} does not match the grid, stations and frequencies");
            Buffer.BlockCopy(sample.Log10Resistivity, 0, model, i * nz * ny * sizeof(double), nz * ny * sizeof(double));
            Buffer.BlockCopy(sample.Log10RhoApp, 0, rho, i * 2 * nf * ns * sizeof(double), 2 * nf * ns * sizeof(double));
            Buffer.BlockCopy(sample.PhaseDeg, 0, phase, i * 2 * nf * ns * sizeof(double), 2 * nf * ns * sizeof(double));
        }
        return new DataSet(frequenciesHz, stationsM, yEdgesM, zEdgesM, model, rho, phase, attributes);
    }
}
