using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Persistence.Entities;
using NodaTime;

namespace MikroNet.Features.Common;

/// <summary>
/// Idempotency-Key for the routes that create money (payments, credit notes, charges): the first successful answer
/// is kept per scope and key and replayed byte for byte; the same key with another request is a 409. Callers look
/// the key up after taking the row lock their change needs, so concurrent repeats queue and the second one replays.
/// </summary>
public static class IdempotentAnswers
{
    public static async Task<IdempotencyRecord?> FirstAsync(MikroNetDb db, string scope, string? key, CancellationToken ct) =>
        key is null ? null
        : await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);

    public static void Remember(MikroNetDb db, string scope, string? key, string fingerprint, int statusCode, string body,
        Instant now)
    {
        if (Record(scope, key, fingerprint, statusCode, body, now) is { } record) db.IdempotencyRecords.Add(record);
    }

    /// <summary>The first answer's row for a key (none without a key), for the caller to write with its change.</summary>
    public static IdempotencyRecord? Record(string scope, string? key, string fingerprint, int statusCode, string body,
        Instant now) => key is null ? null : new IdempotencyRecord
    {
        Scope = scope, Key = key, RequestHash = fingerprint, StatusCode = statusCode, ResponseBody = body, CreatedAt = now,
    };

    /// <summary>What "the same request" means: the same parts (route id and body fields) in the same order.</summary>
    public static string Fingerprint(params string?[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));
}
