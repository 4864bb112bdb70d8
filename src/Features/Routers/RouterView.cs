using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Routers;

/// <summary>A router as every endpoint shows it; the password is never part of it.</summary>
public sealed record RouterView(int RouterId, string Name, string Host, int Port, bool UseTls, string Username,
    string? TlsFingerprint, string? Encoding, Instant CreatedAt, Instant UpdatedAt)
{
    public static RouterView From(Router r) =>
        new(r.Id, r.Name, r.Host, r.Port, r.UseTls, r.Username, r.TlsFingerprint, r.Encoding, r.CreatedAt, r.UpdatedAt);
}
