using MikroNet.Infrastructure.Persistence;
using MikroNet.Infrastructure.Security;
using MikroNet.RouterOs.Protocol;
using Microsoft.EntityFrameworkCore;

namespace MikroNet.Features.Routers.UpdateRouter;

/// <summary>
/// A router whose encoding changes must still hold every one of its clients' secret names and passwords exactly;
/// otherwise the next delivery or reconcile would have to store something else.
/// </summary>
public static class EncodingChange
{
    /// <summary>How many clients a refusal lists by name before it only counts the rest.</summary>
    private const int Listed = 20;

    public static bool Changes(string? from, string to) =>
        WordEncodings.Resolve(from).CodePage != WordEncodings.Resolve(to).CodePage;

    /// <summary>Null when every live client of the router fits the new encoding, else the 409 message.</summary>
    public static async Task<string?> RefusalAsync(MikroNetDb db, SecretProtector secrets, int routerId, string encoding, CancellationToken ct)
    {
        var clients = await db.Clients.AsNoTracking().Where(c => c.RouterId == routerId).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.PppSecretName, c.PppPasswordProtected }).ToListAsync(ct);
        var misfits = new List<string>();
        foreach (var client in clients)
        {
            var fields = new List<string>();
            if (!StorableText.Fits(encoding, client.PppSecretName)) fields.Add($"ppp_secret_name {client.PppSecretName}");
            if (!StorableText.Fits(encoding, secrets.Unprotect(client.PppPasswordProtected))) fields.Add("ppp_password");
            if (fields.Count > 0) misfits.Add($"client {client.Id} ({string.Join(", ", fields)})");
        }

        if (misfits.Count == 0) return null;
        var more = misfits.Count > Listed ? $" and {misfits.Count - Listed} more" : string.Empty;
        return $"{misfits.Count} client(s) of this router cannot be stored in {encoding}: "
            + string.Join("; ", misfits.Take(Listed)) + more + ". Change their names or passwords first.";
    }
}
