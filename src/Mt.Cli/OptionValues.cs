using System.CommandLine;
using Mt.Data.Experiments;
using Mt.Data.IO;
using Mt.Data.Responses;
using Mt.Data.Results;
using Mt.Evaluation;
using Mt.Forward;

namespace Mt.Cli;

/// <summary>Parses and checks option values shared by verbs; problems become <see cref="UsageException"/>s naming the option.</summary>
internal static class OptionValues
{
    /// <summary>A comma-separated list of distinct finite numbers, e.g. <c>-500,0,500</c>.</summary>
    public static double[] Numbers(string text, string option) =>
        Distinct(Items(text, option).Select(item =>
            InvariantNumber.TryParseFinite(item, out double value)
                ? value
                : throw new UsageException($"{option}: \"{item}\" is not a number")).ToArray(), option, InvariantNumber.Format);

    /// <summary>The value when it is positive (and finite), else a <see cref="UsageException"/> naming the option.</summary>
    public static double Positive(double value, string option) =>
        value > 0 && double.IsFinite(value) ? value : throw new UsageException($"{option}: must be positive");

    /// <summary>The value when it is at least 0, else a <see cref="UsageException"/> naming the option.</summary>
    public static int NonNegative(int value, string option) =>
        value >= 0 ? value : throw new UsageException($"{option}: {value} must be >= 0");

    /// <summary>The value named by <paramref name="text"/> among <paramref name="choices"/>, the first choice when
    /// <paramref name="text"/> is null (the option was not given); any other text is a <see cref="UsageException"/>
    /// listing the choices.</summary>
    public static T Choice<T>(string? text, string option, params (string Name, T Value)[] choices)
    {
        if (text is null) return choices[0].Value;
        foreach (var (name, value) in choices)
            if (name == text) return value;
        string names = string.Join(", ", choices[..^1].Select(c => c.Name)) + " or " + choices[^1].Name;
        throw new UsageException($"{option}: '{text}' is not {names}");
    }

    /// <summary>A new <c>--device</c> option: cpu, cuda or auto (the default: cuda when available).</summary>
    public static Option<string> DeviceOption() => new("--device")
    {
        HelpName = "cpu|cuda|auto",
        Description = "Device (auto: cuda when available).",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>The libtorch device named by a <c>--device</c> value; an unknown or unavailable device is a
    /// <see cref="UsageException"/>.</summary>
    public static TorchSharp.torch.Device Device(string choice, string option)
    {
        try
        {
            return Mt.Learning.TorchSettings.ResolveDevice(choice);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new UsageException($"{option}: {ex.Message}");
        }
    }

    /// <summary>Sets libtorch's thread count from a <c>--threads</c> value (at least 1).</summary>
    public static void SetTorchThreads(int threads, string option)
    {
        if (threads < 1) throw new UsageException($"{option}: {threads} must be at least 1");
        Mt.Learning.TorchSettings.SetThreads(threads);
    }

    /// <summary>A new <c>--rho-floor</c> option: the apparent-resistivity error floor, a fraction (default the field
    /// default); <paramref name="when"/> qualifies when it applies.</summary>
    public static Option<double> RhoFloorOption(string? when = null) => new("--rho-floor")
    {
        Description = $"Apparent-resistivity error floor, a fraction (default {Mt.Data.Field.FieldDefaults.ErrorFloors.ApparentResistivityFraction}){(when is null ? "" : ", " + when)}.",
        DefaultValueFactory = _ => Mt.Data.Field.FieldDefaults.ErrorFloors.ApparentResistivityFraction,
    };

    /// <summary>A new <c>--phase-floor</c> option: the phase error floor in degrees (default the field default).</summary>
    public static Option<double> PhaseFloorOption(string? when = null) => new("--phase-floor")
    {
        Description = $"Phase error floor in degrees (default {Mt.Data.Field.FieldDefaults.ErrorFloors.PhaseDeg}){(when is null ? "" : ", " + when)}.",
        DefaultValueFactory = _ => Mt.Data.Field.FieldDefaults.ErrorFloors.PhaseDeg,
    };

    /// <summary>The error floors of the two options, each positive.</summary>
    public static Mt.Data.Experiments.ErrorFloors Floors(ParseResult parseResult, Option<double> rho, Option<double> phase) =>
        Mt.Data.Experiments.ErrorFloors.Of(Positive(parseResult.GetValue(rho), rho.Name), Positive(parseResult.GetValue(phase), phase.Name));

    /// <summary>Checks that <paramref name="weights"/> is a finished training folder (it holds a model card).</summary>
    public static void RequireTrainedNetwork(string weights, string option)
    {
        if (!File.Exists(Path.Combine(weights, Mt.Data.Results.ResultsLayout.ModelCardFileName)))
            throw new UsageException($"{option}: {weights} holds no {Mt.Data.Results.ResultsLayout.ModelCardFileName}; train first (mt train --out {weights})");
    }

    /// <summary>Checks that every station of <paramref name="stationsM"/> (given by <paramref name="source"/>: an option
    /// or a file) lies inside the lateral extent of <paramref name="model"/>, read from <paramref name="modelPath"/>.</summary>
    public static void StationsInside(IEnumerable<double> stationsM, ResistivityModel model, string modelPath, string source)
    {
        double minM = model.YEdgesM[0], maxM = model.YEdgesM[^1];
        foreach (double stationM in stationsM)
            if (stationM < minM || stationM > maxM)
                throw new UsageException($"{source}: station {InvariantNumber.Format(stationM)} m lies outside the grid of {modelPath}, " +
                                         $"[{InvariantNumber.Format(minM)}, {InvariantNumber.Format(maxM)}] m");
    }

    /// <summary>A comma-separated list of distinct positive finite numbers.</summary>
    public static double[] PositiveNumbers(string text, string option)
    {
        double[] values = Numbers(text, option);
        foreach (double value in values)
            if (value <= 0) throw new UsageException($"{option}: {InvariantNumber.Format(value)} must be positive");
        return values;
    }

    /// <summary>A comma-separated list of distinct modes, e.g. <c>TE,TM</c>.</summary>
    public static Mode[] Modes(string text, string option) =>
        Distinct(Items(text, option).Select(item =>
            ModeText.TryParse(item, out Mode mode)
                ? mode
                : throw new UsageException($"{option}: unknown mode \"{item}\", expected {ModeText.Names}")).ToArray(), option, m => m.ToString());

    /// <summary>Checks that <paramref name="path"/> names a file that can be created: not empty, not a folder, in an
    /// existing folder.</summary>
    public static string OutputFile(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option}: empty file name");
        string fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath)) throw new UsageException($"{option}: {path} is a folder, expected a file name");
        string? folder = Path.GetDirectoryName(fullPath);
        if (folder is null || !Directory.Exists(folder)) throw new UsageException($"{option}: folder {folder} does not exist");
        return path;
    }

    private static IEnumerable<string> Items(string text, string option)
    {
        string[] items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(item => item.Length == 0)) throw new UsageException($"{option}: empty value in \"{text}\"");
        return items;
    }

    private static T[] Distinct<T>(T[] values, string option, Func<T, string> format)
    {
        var seen = new HashSet<T>();
        foreach (T value in values)
            if (!seen.Add(value)) throw new UsageException($"{option}: {format(value)} is given twice");
        return values;
    }

    /// <summary>Loads an experiment file; its problems (with the file and JSON path) become a <see cref="UsageException"/>.</summary>
    public static Experiment Experiment(string path)
    {
        try
        {
            return ExperimentLoader.Load(path);
        }
        catch (ExperimentException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    /// <summary>The experiment of <paramref name="experimentPath"/> (its name is the file name without extension) and
    /// its results folder: <paramref name="resultsFolder"/>, or <c>results/NAME</c> when that is null, with its data in
    /// <paramref name="dataFolder"/> (null: the results folder's <c>data/</c>); the folders must exist.</summary>
    public static (string Name, Experiment Experiment, ResultsLayout Layout) ExperimentResults(string experimentPath, string? resultsFolder, string resultsOption,
        string? dataFolder = null)
    {
        Experiment experiment = Experiment(experimentPath);
        string name = Path.GetFileNameWithoutExtension(experimentPath);
        string root = resultsFolder ?? ResultsLayout.OfExperiment(name).Root;
        if (!Directory.Exists(root)) throw new UsageException($"{resultsOption}: folder {root} does not exist");
        return (name, experiment, new ResultsLayout(root, ExistingDataDir(dataFolder)));
    }

    /// <summary>A new <c>--data-dir DIR</c> option: the data folder when it is not the results folder's <c>data/</c>.</summary>
    public static Option<string?> DataDirOption() => new(DataDirOptionName)
    {
        HelpName = "DIR",
        Description = "Data folder (train.h5, test.h5, noisy copies; default the results folder's data/): the data sets of another experiment with the same data section.",
    };

    /// <summary><paramref name="dataFolder"/> (the value of <see cref="DataDirOption"/>) if null or an existing folder.</summary>
    public static string? ExistingDataDir(string? dataFolder) =>
        dataFolder is null || Directory.Exists(dataFolder) ? dataFolder : throw new UsageException($"{DataDirOptionName}: folder {dataFolder} does not exist");

    private const string DataDirOptionName = "--data-dir";

    /// <summary>As <see cref="OutputFile"/>, creating the file's folder first (for outputs of the build graph, whose
    /// folders may not exist yet).</summary>
    public static string OutputFileInNewFolder(string path, string option)
    {
        if (!string.IsNullOrWhiteSpace(path) && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
            Directory.CreateDirectory(folder);
        return OutputFile(path, option);
    }
}
