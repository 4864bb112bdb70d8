using System.Collections.Concurrent;
using System.Net;

namespace MikroNet.RouterOsEmulator;

/// <summary>
/// Settings and fault switches. The emulator reads them live, so a test may flip a switch between commands.
/// </summary>
public sealed class EmulatorOptions
{
    /// <summary>0 picks a free port; <see cref="RouterOsEmulator.Port"/> tells which.</summary>
    public int Port { get; set; }

    public IPAddress Address { get; set; } = IPAddress.Loopback;

    public string Username { get; set; } = "admin";

    public string Password { get; set; } = string.Empty;

    /// <summary>Serve API-SSL with a self-signed certificate made at start (see <see cref="RouterOsEmulator.CertificateFingerprint"/>).</summary>
    public bool Tls { get; set; }

    /// <summary>RouterOS 7.18+ answers a print without items with <c>!empty</c>; off gives a bare <c>!done</c> as before.</summary>
    public bool EmptyReply { get; set; } = true;

    /// <summary>Behave like RouterOS before 6.43: answer <c>/login</c> with an MD5 challenge.</summary>
    public bool LegacyLogin { get; set; }

    /// <summary>Word encoding, e.g. <c>windows-1252</c>; UTF-8 when null.</summary>
    public string? Encoding { get; set; }

    public string Version { get; set; } = "7.19.4 (stable)";

    public string BoardName { get; set; } = "CHR";

    /// <summary>Delay before a command (e.g. <c>/ppp/secret/print</c>) is answered; delayed commands run concurrently and can be cancelled.</summary>
    public ConcurrentDictionary<string, TimeSpan> CommandDelays { get; } = new(StringComparer.Ordinal);

    /// <summary>Each connection is closed, unanswered, when it delivers its Nth sentence (login included).</summary>
    public int? DropAfterSentences { get; set; }

    /// <summary>New connections are reset as soon as they are accepted.</summary>
    public bool RefuseConnections { get; set; }
}
