using Mt.Data.Datasets;
using Mt.Data.Experiments;
using static TorchSharp.torch;

namespace Mt.Learning.Training;

/// <summary>
/// Network inputs and targets of a <see cref="DataSet"/> as float32 tensors. Inputs [B, C, nf, ns]: per mode (TE for
/// 2 channels, TE then TM for 4) log10 apparent resistivity then phase (degrees), frequencies ascending (row 0 the lowest)
/// or, with <see cref="FrequencyOrder.Descending"/>, descending (row 0 the highest, the shallowest sensing). Targets
/// [B, 1, nz, ny]: log10 resistivity. The U-Net maps an input grid to an output grid of the same size, so the data set
/// must have nf = nz and ns = ny (60 x 121 for the paper grid).
/// <para>Mirroring a sample left-right (y to -y) reverses its station axis and its model columns. For the data sets this
/// gives exactly the sample of the mirrored model: the stations sit at the centres of equal model columns, and the TE and
/// TM apparent resistivities and phases of a mirrored 2D model are those of the model at the mirrored stations
/// (Zxy = Ex/Hy and Zyx = Ey/Hx do not change sign under y to -y).</para>
/// </summary>
public static class TrainingTensors
{
    /// <summary>Modes (0 TE, 1 TM) used for <paramref name="inputChannels"/> channels.</summary>
    public static int[] Modes(int inputChannels) => inputChannels switch
    {
        2 => [0],
        4 => [0, 1],
        _ => throw new ArgumentException($"input channels must be 2 or 4, not {inputChannels}", nameof(inputChannels)),
    };

    /// <summary>Throws <see cref="ArgumentException"/> unless the response grid equals the model grid.</summary>
    public static void CheckGrid(DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Nf != data.Nz || data.Ns != data.Ny)
            throw new ArgumentException(
                $"the network needs responses [nf, ns] on the model grid [nz, ny]; this data set has [{data.Nf}, {data.Ns}] and [{data.Nz}, {data.Ny}]");
    }

    /// <summary>Inputs of the samples <paramref name="indices"/>; <paramref name="noiseLevel"/> (sample index to level,
    /// 0 for none) and <paramref name="noiseSeed"/> add <see cref="NoiseModel"/> noise per sample;
    /// <paramref name="mirrored"/> (sample index to whether) reverses the station axis of a sample (after its noise);
    /// <paramref name="frequencyOrder"/> orders the frequency rows.</summary>
    public static Tensor Inputs(DataSet data, IReadOnlyList<int> indices, int inputChannels,
        Func<int, double>? noiseLevel = null, long noiseSeed = 0, NoiseModel? noise = null, Func<int, bool>? mirrored = null,
        FrequencyOrder frequencyOrder = FrequencyOrder.Ascending)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        int[] modes = Modes(inputChannels);
        int nf = data.Nf, ns = data.Ns, plane = nf * ns;
        var values = new float[indices.Count * inputChannels * plane];
        noise ??= new NoiseModel();
        bool descending = frequencyOrder == FrequencyOrder.Descending;
        for (int b = 0; b < indices.Count; b++)
        {
            int i = indices[b];
            double level = noiseLevel?.Invoke(i) ?? 0;
            bool mirror = mirrored?.Invoke(i) ?? false;
            double[,,]? rho = null, phase = null;
            if (level > 0)
            {
                DataSample sample = data.Sample(i);
                (rho, phase) = noise.Apply(sample.Log10RhoApp, sample.PhaseDeg, level, noiseSeed, i);
            }
            for (int k = 0; k < modes.Length; k++)
            {
                int m = modes[k];
                int rhoOffset = (b * inputChannels + 2 * k) * plane, phaseOffset = rhoOffset + plane;
                for (int f = 0; f < nf; f++)
                    for (int s = 0; s < ns; s++)
                    {
                        int to = (descending ? nf - 1 - f : f) * ns + (mirror ? ns - 1 - s : s);
                        values[rhoOffset + to] = (float)(rho is null ? data.Log10RhoApp[i, m, f, s] : rho[m, f, s]);
                        values[phaseOffset + to] = (float)(phase is null ? data.PhaseDeg[i, m, f, s] : phase[m, f, s]);
                    }
            }
        }
        return tensor(values, new long[] { indices.Count, inputChannels, nf, ns });
    }

    /// <summary>Targets [B, 1, nz, ny] of the samples <paramref name="indices"/>; <paramref name="mirrored"/> reverses the
    /// lateral axis of a sample, as it does the stations in <see cref="Inputs"/>.</summary>
    public static Tensor Targets(DataSet data, IReadOnlyList<int> indices, Func<int, bool>? mirrored = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        int nz = data.Nz, ny = data.Ny;
        var values = new float[indices.Count * nz * ny];
        for (int b = 0; b < indices.Count; b++)
        {
            bool mirror = mirrored?.Invoke(indices[b]) ?? false;
            for (int z = 0; z < nz; z++)
                for (int y = 0; y < ny; y++)
                    values[(b * nz + z) * ny + (mirror ? ny - 1 - y : y)] = (float)data.Log10Resistivity[indices[b], z, y];
        }
        return tensor(values, new long[] { indices.Count, 1, nz, ny });
    }
}
