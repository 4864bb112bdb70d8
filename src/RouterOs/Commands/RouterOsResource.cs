namespace MikroNet.RouterOs;

/// <summary>The parts of <c>/system/resource/print</c> the back office shows; <see cref="Raw"/> keeps the rest.</summary>
/// <param name="Version">As the router prints it, e.g. <c>7.19.4 (stable)</c>.</param>
public sealed record RouterOsResource(
    string Version,
    string BoardName,
    string Uptime,
    string ArchitectureName,
    string CpuLoad,
    IReadOnlyDictionary<string, string> Raw);
