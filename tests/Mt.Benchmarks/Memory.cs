using System.Globalization;

/// <summary>Peak resident memory over a stretch of work, sampled every 5 ms from /proc/self/statm (Linux), else the
/// process's peak working set.</summary>
internal sealed class Memory : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;

    /// <summary>Starts sampling.</summary>
    public Memory()
    {
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                _peak = Math.Max(_peak, Resident());
                Thread.Sleep(5);
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    /// <summary>The largest resident set seen so far (bytes).</summary>
    public long PeakBytes => Math.Max(_peak, Resident());

    /// <summary>Stops sampling.</summary>
    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private static long Resident()
    {
        try
        {
            string[] fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
        }
    }
}
