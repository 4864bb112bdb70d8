using MikroNet.RouterOs.Protocol;

namespace MikroNet.RouterOs;

public sealed record RouterOsClientOptions
{
    public static RouterOsClientOptions Default { get; } = new();

    /// <summary>Covers TCP connect, TLS handshake and login together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Used when <c>SendAsync</c> is given no timeout; <see cref="Timeout.InfiniteTimeSpan"/> disables it.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Guards memory against a corrupt length prefix.</summary>
    public int MaxWordLength { get; init; } = SentenceReader.DefaultMaxWordLength;
}
