using Microsoft.AspNetCore.Http;

namespace MikroNet.Features.Common;

/// <summary>
/// JSON built by PostgreSQL, sent as an answer. json_build_object and json_agg put a space around every ':' and after
/// every ',' (<c>{"a" : 1, "b" : [1, 2]}</c>); the API's other answers are compact, and clients compare texts, so the
/// spaces outside strings are dropped on the way out. PostgreSQL writes no other whitespace between tokens.
/// </summary>
public static class PostgresJson
{
    /// <summary>
    /// SQL writing a timestamptz column as the API writes an Instant (NodaTime's extended ISO pattern): UTC, "Z", and
    /// the fraction of a second without trailing zeros, none when it is zero, which is how PostgreSQL writes a
    /// timestamp in JSON. (Not to_char: its "HH24:MI:SS" reads as variables to pgbench, which runs the same statement.)
    /// </summary>
    public static string Instant(string column) => $"((to_json({column} AT TIME ZONE 'UTC') #>> '{{}}') || 'Z')";

    /// <summary>
    /// Sends a whole answer with its Content-Length, so that it leaves in one write (a chunked answer needs another one
    /// for its last chunk). Compacts in place: a byte is never written ahead of where it was read.
    /// </summary>
    public static Task SendCompactAsync(HttpResponse response, byte[] json, CancellationToken ct) =>
        SendCompactAsync(response, json, MediaType, ct);

    /// <summary>The same, with another content type (GraphQL's answers: graphql-response+json or application/json).</summary>
    public static Task SendCompactAsync(HttpResponse response, byte[] json, string contentType, CancellationToken ct)
    {
        var length = Compact(json, json);
        response.ContentType = contentType;
        response.ContentLength = length;
        return response.Body.WriteAsync(json, 0, length, ct);
    }

    public const string MediaType = "application/json; charset=utf-8";

    /// <summary>Copies <paramref name="json"/> into <paramref name="target"/> without the spaces between tokens.</summary>
    public static int Compact(ReadOnlySpan<byte> json, Span<byte> target)
    {
        var written = 0;
        var inString = false;
        var escaped = false;
        foreach (var b in json)
        {
            if (inString)
            {
                if (escaped) escaped = false;
                else if (b == (byte)'\\') escaped = true;
                else if (b == (byte)'"') inString = false;
            }
            else if (b == (byte)' ') continue;
            else if (b == (byte)'"') inString = true;
            target[written++] = b;
        }
        return written;
    }
}
