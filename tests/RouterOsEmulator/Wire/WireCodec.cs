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
            var bytes = encoding.GetBytes(word);
            WriteLength(output, bytes.Length);
            output.Write(bytes);
        }

        WriteLength(output, 0);
    }

    private static void WriteLength(IBufferWriter<byte> output, int length)
    {
        var value = (uint)length;
        byte[] prefix = value switch
        {
            < 0x80 => [(byte)value],
            < 0x4000 => [(byte)((value >> 8) | 0x80), (byte)value],
            < 0x200000 => [(byte)((value >> 16) | 0xC0), (byte)(value >> 8), (byte)value],
            < 0x10000000 => [(byte)((value >> 24) | 0xE0), (byte)(value >> 16), (byte)(value >> 8), (byte)value],
            _ => [0xF0, (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value],
        };
        output.Write(prefix);
    }
}
