namespace MikroNet.Features.Provisioning;

/// <summary>The <c>Provisioning</c> section: how the outbox worker polls, retries and talks to routers.</summary>
public sealed class ProvisioningOptions
{
    public const string Section = "Provisioning";

    /// <summary>Off in the CLI and in tests that must not touch routers; every host of a deployment may run it.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How long an idle worker waits before looking for due commands again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Commands claimed per round; they are delivered concurrently, pipelined per router.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Delay after the first failed attempt; it doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>TCP connect, TLS and login together.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
