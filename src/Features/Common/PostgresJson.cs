using System.IO.Pipelines;

namespace MikroNet.Features.Common;

/// <summary>
/// JSON built by PostgreSQL, sent as an answer. json_build_object and json_agg put a space around every ':' and after
/// every ',' (<c>{"a" : 1, "b" : [1, 2]}</c>); the API's other answers are compact, and clients compare texts, so the
/// spaces outside strings are dropped on the way out. PostgreSQL writes no other whitespace between tokens.
/// </summary>
public static class PostgresJson
{
    public static async Task SendCompactAsync(PipeWriter body, byte[] json, CancellationToken ct)
    {
        var span = body.GetSpan(json.Length);
        var length = Compact(json, span);
        body.Advance(length);
        await body.FlushAsync(ct);
    }

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
