using System.Diagnostics;
using Mt.Data.Datasets;
using Mt.Data.IO;
using Mt.Data.Models;
using Mt.Data.Provenance;
using Mt.Data.Results;
using TorchSharp;

namespace Mt.Learning.Training;

/// <summary>Per-cell mean and standard deviation of the members' log10 resistivity, [sample, z, y].</summary>
/// <param name="Mean">The members' mean.</param>
/// <param name="StandardDeviation">The members' standard deviation (divisor members - 1).</param>
/// <param name="Members">Every member's prediction, [member][sample, z, y].</param>
/// <param name="Seconds">Wall time of all members' predictions.</param>
public sealed record EnsemblePrediction(double[,,] Mean, double[,,] StandardDeviation, IReadOnlyList<double[,,]> Members, double Seconds);

/// <summary>
/// A deep ensemble (Lakshminarayanan et al. 2017): networks of one experiment trained from different seeds on the same
/// training samples (<see cref="TrainingOptions.Member"/>), whose per-cell spread is the uncertainty of their mean. The
/// spread is calibrated by one scale factor per level (one and two standard deviations) fitted on the validation samples
/// that every member held out, and tested on the test set.
/// </summary>
public static class Ensemble
{
    /// <summary>The fraction of a Gaussian within one standard deviation.</summary>
    public const double OneSigma = 0.6826894921370859;

    /// <summary>The fraction of a Gaussian within two standard deviations.</summary>
    public const double TwoSigma = 0.9544997361036416;

    /// <summary>Predicts <paramref name="indices"/> of <paramref name="data"/> with every member.</summary>
    public static EnsemblePrediction Predict(IReadOnlyList<Predictor> members, DataSet data, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        if (members.Count < 2) throw new ArgumentException($"an ensemble needs at least 2 members, not {members.Count}");
        var clock = Stopwatch.StartNew();
        var predictions = new List<double[,,]>();
        foreach (Predictor member in members)
        {
            var values = new double[indices.Count, data.Nz, data.Ny];
            for (int s = 0; s < indices.Count; s++)
            {
                double[,] section = member.PredictSample(data, indices[s]).Log10Resistivity;
                for (int k = 0; k < data.Nz; k++) for (int j = 0; j < data.Ny; j++) values[s, k, j] = section[k, j];
            }
            predictions.Add(values);
        }
        var (mean, sd) = Statistics(predictions);
        return new EnsemblePrediction(mean, sd, predictions, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Per-cell mean and standard deviation (divisor n - 1) of equally shaped members.</summary>
    public static (double[,,] Mean, double[,,] StandardDeviation) Statistics(IReadOnlyList<double[,,]> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count < 2) throw new ArgumentException($"an ensemble needs at least 2 members, not {members.Count}");
        int n = members[0].GetLength(0), nz = members[0].GetLength(1), ny = members[0].GetLength(2);
        var mean = new double[n, nz, ny];
        var sd = new double[n, nz, ny];
        for (int s = 0; s < n; s++)
            for (int k = 0; k < nz; k++)
                for (int j = 0; j < ny; j++)
                {
                    double sum = 0;
                    foreach (var m in members) sum += m[s, k, j];
                    double mu = sum / members.Count, squares = 0;
                    foreach (var m in members) squares += (m[s, k, j] - mu) * (m[s, k, j] - mu);
                    mean[s, k, j] = mu;
                    sd[s, k, j] = Math.Sqrt(squares / (members.Count - 1));
                }
        return (mean, sd);
    }

    /// <summary>|mean - true| / sd of every cell (infinite where the members agree exactly and miss the truth).</summary>
    public static double[] StandardisedErrors(double[,,] mean, double[,,] sd, double[,,] truth)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(sd);
        ArgumentNullException.ThrowIfNull(truth);
        if (mean.Length != truth.Length || sd.Length != truth.Length) throw new ArgumentException("mean, standard deviation and truth differ in shape");
        var z = new double[truth.Length];
        int i = 0;
        for (int s = 0; s < truth.GetLength(0); s++)
            for (int k = 0; k < truth.GetLength(1); k++)
                for (int j = 0; j < truth.GetLength(2); j++, i++)
                {
                    double error = Math.Abs(mean[s, k, j] - truth[s, k, j]);
                    z[i] = error == 0 ? 0 : sd[s, k, j] > 0 ? error / sd[s, k, j] : double.PositiveInfinity;
                }
        return z;
    }

    /// <summary>The coverage of standardised errors <paramref name="z"/> with the spread multiplied by <paramref name="scale"/>
    /// at one standard deviation and by <paramref name="scaleTwo"/> (default: <paramref name="scale"/>) at two.</summary>
    public static Coverage CoverageOf(IReadOnlyCollection<double> z, double scale = 1, double? scaleTwo = null)
    {
        ArgumentNullException.ThrowIfNull(z);
        if (z.Count == 0) throw new ArgumentException("no cells");
        double two = scaleTwo ?? scale;
        return new Coverage(z.Count(v => v <= scale) / (double)z.Count, z.Count(v => v <= 2 * two) / (double)z.Count);
    }

    /// <summary>The scale that puts <see cref="OneSigma"/> of the standardised errors within one scaled standard
    /// deviation: their <see cref="OneSigma"/> quantile (linear interpolation between order statistics).</summary>
    public static double FitScale(IReadOnlyCollection<double> z) => Quantile(z, OneSigma, 1);

    /// <summary>The scale that puts <see cref="TwoSigma"/> of the standardised errors within two scaled standard
    /// deviations: half their <see cref="TwoSigma"/> quantile. It differs from <see cref="FitScale"/> when the errors are
    /// not Gaussian in the members' spread (heavy tails: larger).</summary>
    public static double FitScaleTwo(IReadOnlyCollection<double> z) => Quantile(z, TwoSigma, 2) / 2;

    /// <summary>The <paramref name="p"/> quantile of <paramref name="z"/> (<see cref="PhysicsCalibration.Quantile"/>: linear
    /// interpolation between order statistics), refused unless finite and positive.</summary>
    private static double Quantile(IReadOnlyCollection<double> z, double p, int level)
    {
        ArgumentNullException.ThrowIfNull(z);
        if (z.Count == 0) throw new ArgumentException("no cells");
        double q = PhysicsCalibration.Quantile([.. z], p);
        if (!double.IsFinite(q) || !(q > 0))
            throw new ArgumentException($"the spread cannot be calibrated at {level} sd: the {p:P1} quantile of |error| / sd over {z.Count} cells is {q}");
        return q;
    }

    /// <summary>The training folder of member <paramref name="member"/> in an ensemble folder.</summary>
    public static string MemberFolder(string ensembleFolder, int member) => Path.Combine(ensembleFolder, $"member-{member}");

    /// <summary>
    /// The ensemble stage of an experiment: trains members 1 to <c>ensemble.members</c> - 1 of the experiment's network
    /// (<see cref="TrainingOptions.Member"/>) into <see cref="MemberFolder"/>s of <paramref name="ensembleFolder"/>
    /// (each resumes from its checkpoints and is skipped when finished), then <see cref="Calibrate"/>s them with the
    /// experiment's own network <paramref name="networkWeights"/> as member 0. An experiment without an ensemble
    /// (members 1) is an <see cref="ArgumentException"/>.
    /// </summary>
    public static (EnsembleReport Report, EnsemblePrediction Test, IReadOnlyList<string> Members) TrainAndCalibrate(string experimentName, Mt.Data.Experiments.Experiment experiment,
        string trainPath, string testPath, string networkWeights, string ensembleFolder, torch.Device device, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        int members = experiment.Ensemble.Members;
        if (members < 2) throw new ArgumentException($"the experiment asks for no ensemble (ensemble.members is {members})");
        var folders = new List<string> { networkWeights };
        for (int k = 1; k < members; k++)
        {
            string folder = MemberFolder(ensembleFolder, k);
            Trainer trainer = Trainer.ForExperiment(experimentName, experiment, trainPath, folder, device, k);
            var clock = Stopwatch.StartNew();
            TrainingResult result = trainer.Run(loss =>
            {
                if (loss.Epoch % 10 == 0 || loss.Epoch == experiment.Training.Epochs)
                    log?.Invoke($"member {k}/{members - 1}: epoch {loss.Epoch}/{experiment.Training.Epochs}, train {loss.TrainLoss:G4}" +
                                (loss.ValidationLoss is double v ? $", validation {v:G4}" : ""));
            });
            log?.Invoke(result.ResumedFrom == result.Card!.Epochs
                ? $"member {k}: {folder} already holds it, finished"
                : $"member {k}: trained into {folder}, best loss {result.Card.BestLoss:G4} at epoch {result.Card.BestEpoch}, {clock.Elapsed.TotalSeconds:F1} s");
            folders.Add(folder);
        }
        var (report, test) = Calibrate(folders, trainPath, testPath, device, log);
        return (report, test, folders);
    }

    /// <summary>
    /// Calibrates the ensemble <paramref name="weights"/> (folders of trained members of one experiment and split): predicts
    /// the validation samples of the training set <paramref name="trainPath"/> that the members held out, fits the
    /// scale there, and measures the coverage and the RMSE on the test set <paramref name="testPath"/>.
    /// </summary>
    public static (EnsembleReport Report, EnsemblePrediction Test) Calibrate(IReadOnlyList<string> weights, string trainPath, string testPath, torch.Device device,
        Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var members = new List<Predictor>();
        try
        {
            foreach (string folder in weights) members.Add(Predictor.Load(folder, device));
            ModelCard first = members[0].Card;
            foreach (Predictor m in members)
            {
                ModelCard c = m.Card;
                if (c.Seed != first.Seed || c.ValidationSamples != first.ValidationSamples || c.TrainingDataContentSha256 != first.TrainingDataContentSha256)
                    throw new ArgumentException($"the members were not trained on the same samples with the same split (seed {c.Seed} vs {first.Seed}, " +
                                                $"{c.ValidationSamples} vs {first.ValidationSamples} validation samples, or other training data)");
            }
            if (members.Select(m => m.Card.EnsembleMember).Distinct().Count() != members.Count)
                throw new ArgumentException($"two folders hold the same ensemble member ({string.Join(", ", members.Select(m => m.Card.EnsembleMember))})");

            DataSet train = DataSetFile.Read(trainPath), test = DataSetFile.Read(testPath);
            if (train.ContentSha256() != first.TrainingDataContentSha256)
                throw new ArgumentException($"{trainPath} is not the data set the members were trained on");
            int[] validation = Trainer.HeldOut(train.Count, first.ValidationSamples, first.Seed);
            if (validation.Length == 0) throw new ArgumentException("the members held out no validation samples to calibrate on");
            log?.Invoke($"ensemble of {members.Count}: {validation.Length} validation samples of {trainPath}, {test.Count} test samples of {testPath}");

            EnsemblePrediction onValidation = Predict(members, train, validation);
            double[] zValidation = StandardisedErrors(onValidation.Mean, onValidation.StandardDeviation, Truth(train, validation));
            double scale = FitScale(zValidation), scaleTwo = FitScaleTwo(zValidation);
            int[] all = [.. Enumerable.Range(0, test.Count)];
            EnsemblePrediction onTest = Predict(members, test, all);
            double[,,] truth = Truth(test, all);
            double[] zTest = StandardisedErrors(onTest.Mean, onTest.StandardDeviation, truth);
            var report = new EnsembleReport
            {
                Members = [.. members.Zip(weights, (m, w) => new EnsembleMemberRecord(FileRecord.RepositoryPath(w), m.Card.EnsembleMember, m.Card.Seed,
                    FileHash.Sha256(Path.Combine(w, TrainingFolder.BestWeights))))],
                TrainingData = FileRecord.RepositoryPath(trainPath),
                TestData = FileRecord.RepositoryPath(testPath),
                ValidationSamples = validation.Length,
                TestSamples = test.Count,
                Scale = scale,
                ScaleTwo = scaleTwo,
                ValidationRaw = CoverageOf(zValidation),
                TestRaw = CoverageOf(zTest),
                TestCalibrated = CoverageOf(zTest, scale, scaleTwo),
                TestMeanStandardDeviation = onTest.StandardDeviation.Cast<double>().Average(),
                TestRmseMean = MeanRmse(onTest.Mean, truth),
                TestRmseFirstMember = MeanRmse(onTest.Members[0], truth),
                PredictionSeconds = onValidation.Seconds + onTest.Seconds,
            };
            return (report, onTest);
        }
        finally
        {
            foreach (Predictor m in members) m.Dispose();
        }
    }

    private static double[,,] Truth(DataSet data, IReadOnlyList<int> indices)
    {
        var truth = new double[indices.Count, data.Nz, data.Ny];
        for (int s = 0; s < indices.Count; s++)
            for (int k = 0; k < data.Nz; k++) for (int j = 0; j < data.Ny; j++) truth[s, k, j] = data.Log10Resistivity[indices[s], k, j];
        return truth;
    }

    /// <summary>RMSE of each sample's section, averaged over the samples.</summary>
    private static double MeanRmse(double[,,] predicted, double[,,] truth)
    {
        int n = truth.GetLength(0), nz = truth.GetLength(1), ny = truth.GetLength(2);
        double sum = 0;
        for (int s = 0; s < n; s++)
        {
            var p = new double[nz, ny];
            var t = new double[nz, ny];
            for (int k = 0; k < nz; k++) for (int j = 0; j < ny; j++) { p[k, j] = predicted[s, k, j]; t[k, j] = truth[s, k, j]; }
            sum += SectionError.Rmse(p, t);
        }
        return sum / n;
    }
}
