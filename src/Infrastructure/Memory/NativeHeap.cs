using System.Runtime.InteropServices;

namespace MikroNet.Infrastructure.Memory;

/// <summary>glibc's <c>malloc_trim</c>: the C library's free memory handed back to the operating system.</summary>
public static class NativeHeap
{
    /// <summary>False where there is nothing to call (not Linux, or a C library without malloc_trim, such as musl).</summary>
    public static bool TryTrim()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport: the source-generated stub would need unsafe code in the whole project.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
