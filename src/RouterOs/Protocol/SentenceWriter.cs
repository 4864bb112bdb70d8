using System.Text;

namespace MikroNet.RouterOs.Protocol;

/// <summary>Encodes sentences: each word is its byte length (not char length) plus bytes; a zero-length word ends it.</summary>
public static class SentenceWriter
{
    /// <summary>Sizes the array exactly first, so a command costs one allocation.</summary>
    public static byte[] Encode(IReadOnlyList<string> words, Encoding encoding)
    {
        var size = 1;
        foreach (var word in words)
        {
            var byteCount = encoding.GetByteCount(word);
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
}
