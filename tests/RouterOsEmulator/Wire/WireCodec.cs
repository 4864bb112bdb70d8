using System.Buffers;
using System.Text;

namespace MikroNet.RouterOsEmulator.Wire;

/// <summary>
/// The emulator's own encoder, written apart from the client's on purpose: a shared codec would hide a bug from
/// both sides of every test.
/// </summary>
internal static class WireCodec
{
    public static void WriteSentence(IBufferWriter<byte> output, IReadOnlyList<string> words, Encoding encoding)
    {
        foreach (var word in words)
        {
            var length = encoding.GetByteCount(word);
            var span = output.GetSpan(5 + length);
            var prefix = WriteLength(span, (uint)length);
            output.Advance(prefix + encoding.GetBytes(word, span[prefix..]));
        }

        output.GetSpan(1)[0] = 0;
        output.Advance(1);
    }

    private static int WriteLength(Span<byte> span, uint value)
    {
        switch (value)
        {
            case < 0x80:
                span[0] = (byte)value;
                return 1;
            case < 0x4000:
                span[0] = (byte)((value >> 8) | 0x80);
                span[1] = (byte)value;
                return 2;
            case < 0x200000:
                span[0] = (byte)((value >> 16) | 0xC0);
                span[1] = (byte)(value >> 8);
                span[2] = (byte)value;
                return 3;
            case < 0x10000000:
                span[0] = (byte)((value >> 24) | 0xE0);
                span[1] = (byte)(value >> 16);
                span[2] = (byte)(value >> 8);
                span[3] = (byte)value;
                return 4;
            default:
                span[0] = 0xF0;
                span[1] = (byte)(value >> 24);
                span[2] = (byte)(value >> 16);
                span[3] = (byte)(value >> 8);
                span[4] = (byte)value;
                return 5;
        }
    }
}
