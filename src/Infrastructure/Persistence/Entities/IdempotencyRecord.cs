using NodaTime;

namespace MikroNet.Infrastructure.Persistence.Entities;

/// <summary>The first answer given to an Idempotency-Key, replayed for repeats of the same request.</summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; set; }
    public required string Scope { get; set; }
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public required string ResponseBody { get; set; }
    public Instant CreatedAt { get; set; }
}
