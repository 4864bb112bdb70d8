using System.Text;

namespace MikroNet.RouterOs.Protocol;

/// <summary>
/// RouterOS stores bytes and defines no charset: Winbox writes in the admin PC's code page, so some routers need one.
/// Encoding a character the code page lacks throws (<see cref="EncoderFallbackException"/>) instead of writing '?' or
/// a best-fit look-alike; decoding keeps going with U+FFFD, so a print of a router with stray bytes still works.
/// </summary>
public static class WordEncodings
{
    private static readonly Lazy<bool> CodePagesRegistered = new(() =>
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    public static Encoding Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Strict(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        if (name.Equals("latin1", StringComparison.OrdinalIgnoreCase))
        {
            return Strict(System.Text.Encoding.Latin1);
        }

        _ = CodePagesRegistered.Value;
        try
        {
            return Strict(System.Text.Encoding.GetEncoding(name));
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Unknown RouterOS word encoding '{name}'.", nameof(name), ex);
        }
    }

    /// <summary>True when every character of <paramref name="text"/> survives the round trip through the encoding.</summary>
    public static bool CanRepresent(Encoding encoding, string text)
    {
        try
        {
            return encoding.GetString(Strict(encoding).GetBytes(text)) == text;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static Encoding Strict(Encoding encoding)
    {
        if (encoding.EncoderFallback is EncoderExceptionFallback && encoding.DecoderFallback is DecoderReplacementFallback)
        {
            return encoding;
        }

        var strict = (Encoding)encoding.Clone();
        strict.EncoderFallback = EncoderFallback.ExceptionFallback;
        strict.DecoderFallback = DecoderFallback.ReplacementFallback;
        return strict;
    }
}
