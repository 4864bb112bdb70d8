using System.Text;

namespace MikroNet.RouterOsEmulator.State;

/// <summary>
/// RouterOS stores bytes and defines no charset. The emulator keeps every word as a Latin-1 string, one char per
/// byte, so names compare as bytes and bytes that are valid in no encoding survive a round trip. The configured
/// encoding only matters where text from a test or the command line meets those bytes.
/// </summary>
internal sealed class ByteText
{
    /// <summary>The wire encoding: every byte maps to the char of the same value and back.</summary>
    public static readonly Encoding Wire = Encoding.Latin1;

    private readonly Encoding _text;

    public ByteText(string? encodingName)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = string.IsNullOrEmpty(encodingName) ? new UTF8Encoding(false)
            : encodingName.Equals("latin1", StringComparison.OrdinalIgnoreCase) ? Encoding.Latin1
            : Encoding.GetEncoding(encodingName);
        // A test that seeds text the router's code page cannot hold has a bug; '?' would hide it.
        _text = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    }

    public byte[] GetBytes(string text) => _text.GetBytes(text);

    /// <summary>Text (a test's or an option's) as the router stores it.</summary>
    public string ToWire(string text) => Wire.GetString(_text.GetBytes(text));

    /// <summary>Stored bytes shown as text; bytes the encoding cannot decode show as U+FFFD.</summary>
    public string FromWire(string word) => _text.GetString(Wire.GetBytes(word));

    public static byte[] BytesOf(string word) => Wire.GetBytes(word);
}
