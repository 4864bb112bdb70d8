using System.Buffers;
using System.Text;

namespace MikroNet.Infrastructure.RouterOs.Protocol;

/// <summary>Encodes sentences: each word is its byte length (not char length) plus bytes; a zero-length word ends it.</summary>
public static class SentenceWriter
{
    public static void Write(IBufferWriter<byte> output, IEnumerable<string> words, Encoding encoding)
    {
        foreach (var word in words)
        {
            var byteCount = encoding.GetByteCount(word);
            var span = output.GetSpan(LengthCodec.MaxEncodedSize + byteCount);
            var prefix = LengthCodec.Encode((uint)byteCount, span);
            var written = encoding.GetBytes(word, span[prefix..]);
            output.Advance(prefix + written);
        }

        output.GetSpan(1)[0] = 0;
        output.Advance(1);
    }

    public static byte[] Encode(IEnumerable<string> words, Encoding encoding)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, words, encoding);
        return buffer.WrittenSpan.ToArray();
    }
}
