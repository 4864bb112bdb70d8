using MikroNet.Infrastructure.Persistence.Entities;
using MikroNet.RouterOs.Protocol;

namespace MikroNet.Features.Routers;

/// <summary>
/// A router stores bytes in the encoding configured for it. Text that does not survive the round trip through that
/// encoding would be stored as something else ('?' or a look-alike), so that two names collide and reconcile
/// flips between them for ever; such text is refused before anything is queued.
/// </summary>
public static class StorableText
{
    public static bool Fits(Router router, string text) => Fits(router.Encoding, text);

    public static bool Fits(string? encoding, string text) =>
        WordEncodings.CanRepresent(WordEncodings.Resolve(encoding), text);

    public static string EncodingOf(Router router) => EncodingName(router.Encoding);

    public static string EncodingName(string? encoding) => encoding ?? "utf-8";

    /// <summary>The 400 message: names the field and the encoding, never the value (it may be a password).</summary>
    public static string Refusal(string field, Router router) => Refusal(field, router.Name, router.Encoding);

    public static string Refusal(string field, string routerName, string? encoding) =>
        $"{field} contains characters that router {routerName} cannot store: its encoding is {EncodingName(encoding)}.";
}
