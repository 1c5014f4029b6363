using Mt.Data.Datasets;
using static TorchSharp.torch;

namespace Mt.Learning.Training;

/// <summary>
/// Network inputs and targets of a <see cref="DataSet"/> as float32 tensors. Inputs [B, C, nf, ns]: per mode (TE for
/// 2 channels, TE then TM for 4) log10 apparent resistivity then phase (degrees), frequencies ascending. Targets
/// [B, 1, nz, ny]: log10 resistivity. The U-Net maps an input grid to an output grid of the same size, so the data set
/// must have nf = nz and ns = ny (60 x 121 for the paper grid).
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
    /// 0 for none) and <paramref name="noiseSeed"/> add <see cref="NoiseModel"/> noise per sample.</summary>
    public static Tensor Inputs(DataSet data, IReadOnlyList<int> indices, int inputChannels,
        Func<int, double>? noiseLevel = null, long noiseSeed = 0, NoiseModel? noise = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        int[] modes = Modes(inputChannels);
        int nf = data.Nf, ns = data.Ns, plane = nf * ns;
        var values = new float[indices.Count * inputChannels * plane];
        noise ??= new NoiseModel();
        for (int b = 0; b < indices.Count; b++)
        {
            int i = indices[b];
            double level = noiseLevel?.Invoke(i) ?? 0;
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
                        values[rhoOffset + f * ns + s] = (float)(rho is null ? data.Log10RhoApp[i, m, f, s] : rho[m, f, s]);
                        values[phaseOffset + f * ns + s] = (float)(phase is null ? data.PhaseDeg[i, m, f, s] : phase[m, f, s]);
                    }
            }
        }
        return tensor(values, new long[] { indices.Count, inputChannels, nf, ns });
    }

    /// <summary>Targets [B, 1, nz, ny] of the samples <paramref name="indices"/>.</summary>
    public static Tensor Targets(DataSet data, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        int nz = data.Nz, ny = data.Ny;
        var values = new float[indices.Count * nz * ny];
        for (int b = 0; b < indices.Count; b++)
            for (int z = 0; z < nz; z++)
                for (int y = 0; y < ny; y++)
                    values[(b * nz + z) * ny + y] = (float)data.Log10Resistivity[indices[b], z, y];
        return tensor(values, new long[] { indices.Count, 1, nz, ny });
    }
}
