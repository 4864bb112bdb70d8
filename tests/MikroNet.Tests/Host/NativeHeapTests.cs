using System.Runtime.InteropServices;
using MikroNet.Infrastructure.Memory;
using Shouldly;
using Xunit;

namespace MikroNet.Tests.Host;

public sealed class NativeHeapTests
{
    [Fact]
    public void TryTrim_FreedNativeMemoryInTheMiddleOfTheHeap_GoesBackToTheSystem()
    {
        // 64 KiB blocks come from malloc's arenas (below its mmap threshold); the last one stays allocated so that
        // free() alone cannot shrink the heap from its top, as with memory the runtime frees between live blocks.
        var blocks = Enumerable.Range(0, 1024).Select(_ => Marshal.AllocHGlobal(64 * 1024)).ToList();
        foreach (var block in blocks) Fill(block);
        var before = ResidentMiB();
        foreach (var block in blocks[..^1]) Marshal.FreeHGlobal(block);

        NativeHeap.TryTrim().ShouldBeTrue();
        var after = ResidentMiB();
        Marshal.FreeHGlobal(blocks[^1]);

        (before - after).ShouldBeGreaterThan(32, $"resident {before} MiB before the trim, {after} MiB after");
    }

    private static void Fill(IntPtr block)
    {
        for (var page = 0; page < 64 * 1024; page += 4096) Marshal.WriteByte(block, page, 1);
    }

    private static long ResidentMiB() =>
        long.Parse(File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
}
