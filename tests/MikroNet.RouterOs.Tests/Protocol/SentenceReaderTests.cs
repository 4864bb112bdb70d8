using System.Text;
using MikroNet.RouterOs;
using MikroNet.RouterOs.Protocol;
using Shouldly;

namespace MikroNet.RouterOs.Tests.Protocol;

public class SentenceReaderTests
{
    private static Task<IReadOnlyList<string>?> ReadAsync(string spacedHex, Stream? stream = null) =>
        new SentenceReader(stream ?? new MemoryStream(Convert.FromHexString(spacedHex.Replace(" ", string.Empty, StringComparison.Ordinal))), Encoding.UTF8)
            .ReadSentenceAsync().AsTask();

    [Fact]
    public async Task ReadSentence_DoneWithRet_GivesWords() =>
        (await ReadAsync("05 21 64 6F 6E 65 08 3D 72 65 74 3D 2A 31 41 00")).ShouldBe(["!done", "=ret=*1A"]);

    [Fact]
    public async Task ReadSentence_FatalWithBareReason_GivesWords() =>
        (await ReadAsync("06 21 66 61 74 61 6C 1D 73 65 73 73 69 6F 6E 20 74 65 72 6D 69 6E 61 74 65 64 20 6F 6E 20 72 65 71 75 65 73 74 00"))
            .ShouldBe(["!fatal", "session terminated on request"]);

    [Fact]
    public async Task ReadSentence_ReferenceRecord_ParsesEqualsInValue()
    {
        var words = await ReadAsync("03 21 72 65 07 3D 2E 69 64 3D 2A 31 0C 3D 63 6F 6D 6D 65 6E 74 3D 61 3D 62 00");

        var reply = ReplySentence.Parse(words!);
        reply.Type.ShouldBe("!re");
        reply.Attributes.ShouldBe(new Dictionary<string, string> { [".id"] = "*1", ["comment"] = "a=b" }, ignoreOrder: true);
    }

    [Fact]
    public async Task ReadSentence_ReferenceLoginFailure_GivesTrapMessage()
    {
        var words = await ReadAsync(
            "05 21 74 72 61 70 2A 3D 6D 65 73 73 61 67 65 3D 69 6E 76 61 6C 69 64 20 75 73 65 72 20 6E 61 6D 65 20 6F 72 20 70 61 73 73 77 6F 72 64 20 28 36 29 00");

        ReplySentence.Parse(words!).Attributes["message"].ShouldBe("invalid user name or password (6)");
    }

    [Fact]
    public async Task ReadSentence_ReferenceEmpty_GivesEmptyWord() =>
        (await ReadAsync("06 21 65 6D 70 74 79 00")).ShouldBe(["!empty"]);

    [Fact]
    public async Task ReadSentence_LeadingEmptySentence_IsSkipped() =>
        (await ReadAsync("00 00 05 21 64 6F 6E 65 00")).ShouldBe(["!done"]);

    [Fact]
    public async Task ReadSentence_StreamEndsBetweenSentences_GivesNull() =>
        (await ReadAsync(string.Empty)).ShouldBeNull();

    [Fact]
    public async Task ReadSentence_StreamEndsInsideWord_Throws() =>
        await Should.ThrowAsync<EndOfStreamException>(() => ReadAsync("05 21 64 6F"));

    [Fact]
    public async Task ReadSentence_ControlByte_Throws() =>
        await Should.ThrowAsync<RouterOsProtocolException>(() => ReadAsync("F8 00"));

    [Fact]
    public async Task ReadSentence_NonMinimalFiveByteLength_DecodesWord() =>
        (await ReadAsync("F0 00 00 00 05 21 64 6F 6E 65 00")).ShouldBe(["!done"]);

    [Fact]
    public async Task ReadSentence_OneByteReads_ReassemblesEverything()
    {
        var word = new string('x', 0x4001);
        var bytes = SentenceWriter.Encode(["!re", "=comment=" + word, "=ł=ę"], Encoding.UTF8);

        var sentence = await ReadAsync(string.Empty, new TrickleStream(bytes));

        sentence.ShouldBe(["!re", "=comment=" + word, "=ł=ę"]);
    }

    /// <summary>Returns one byte per read, the worst case a TCP stack may produce.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
