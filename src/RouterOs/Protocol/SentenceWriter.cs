using System.Text;

namespace MikroNet.RouterOs.Protocol;

/// <summary>Encodes sentences: each word is its byte length (not char length) plus bytes; a zero-length word ends it.</summary>
public static class SentenceWriter
{
    /// <summary>Sizes the array exactly first, so a command costs one allocation.</summary>
    /// <exception cref="RouterOsEncodingException">A word holds a character <paramref name="encoding"/> lacks (with the
    /// strict encodings of <see cref="WordEncodings.Resolve"/>).</exception>
    public static byte[] Encode(IReadOnlyList<string> words, Encoding encoding)
    {
        var size = 1;
        foreach (var word in words)
        {
            var byteCount = ByteCount(word, encoding);
            size += LengthCodec.GetEncodedSize((uint)byteCount) + byteCount;
        }

        // The closing zero-length word is the last byte, already zero in a new array.
        var sentence = new byte[size];
        var offset = 0;
        foreach (var word in words)
        {
            var byteCount = encoding.GetByteCount(word);
            offset += LengthCodec.Encode((uint)byteCount, sentence.AsSpan(offset));
            offset += encoding.GetBytes(word, sentence.AsSpan(offset));
        }

        return sentence;
    }

    private static int ByteCount(string word, Encoding encoding)
    {
        try
        {
            return encoding.GetByteCount(word);
        }
        catch (EncoderFallbackException ex)
        {
            throw new RouterOsEncodingException(AttributeOf(word), encoding.WebName, ex);
        }
    }

    /// <summary><c>=password=x</c> → <c>password</c>: the value stays out of the message.</summary>
    private static string AttributeOf(string word)
    {
        var start = word.StartsWith("?=", StringComparison.Ordinal) ? 2 : word.Length > 0 && word[0] is '=' or '?' ? 1 : 0;
        var end = word.IndexOf('=', start);
        return end < 0 ? word[start..] : word[start..end];
    }
}
