namespace MikroNet.RestBench;

/// <summary>Samples a process's RSS every 100 ms and keeps the highest.</summary>
internal sealed class RssSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<double> _loop;

    public RssSampler(int pid) => _loop = Task.Run(async () =>
    {
        var peak = 0.0;
        while (!_stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, ProcessStats.RssMiB(pid));
            try { await Task.Delay(100, _stop.Token); } catch (OperationCanceledException) { }
        }
        return peak;
    });

    public double Stop()
    {
        _stop.Cancel();
        return _loop.GetAwaiter().GetResult();
    }

    public void Dispose() => _stop.Dispose();
}
