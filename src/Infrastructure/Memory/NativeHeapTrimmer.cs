using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MikroNet.Infrastructure.Memory;

/// <summary>
/// Trims the native heap every <see cref="MemoryOptions.NativeTrimInterval"/>. Native code in the process (the runtime
/// among it) allocates and frees while a load runs, and glibc keeps what was freed in its per-thread arenas, resident:
/// under the bench's loads 25–30 MiB of the host's memory that nothing used (docs/performance.md, "Memory").
/// A trim took 0.2–1.8 ms there.
/// </summary>
internal sealed class NativeHeapTrimmer(IOptions<MemoryOptions> options, ILogger<NativeHeapTrimmer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.NativeTrimInterval;
        if (interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (NativeHeap.TryTrim()) continue;
            logger.LogInformation("The C library has no malloc_trim; the native heap is not trimmed.");
            return;
        }
    }
}
