using System.ComponentModel.DataAnnotations;

namespace MikroNet.Infrastructure.Memory;

public sealed class MemoryOptions
{
    public const string Section = "Memory";

    /// <summary>How often the native heap's free pages go back to the operating system; 00:00:00 turns it off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan NativeTrimInterval { get; set; } = TimeSpan.FromSeconds(5);
}
