using System.Text;
using Falcon.Roles.Hbs.Cache;

namespace Falcon.Tests.Roles.Hbs.Cache;

public sealed class SnapshotCodecTests
{
    private static readonly DateTimeOffset CreatedAt = new(2025, 6, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Test]
    public void Decode_OfAnEncodedSnapshot_GivesBackThePayloadGenerationAndTime()
    {
        var payload = Encoding.UTF8.GetBytes("{\"hosts\":[\"a\",\"b\"]}");

        var entry = SnapshotCodec.Decode(SnapshotCodec.Encode(42, CreatedAt, payload), SnapshotOrigin.Redis);

        Assert.Multiple(() =>
        {
            Assert.That(entry.Payload.ToArray(), Is.EqualTo(payload));
            Assert.That(entry.Generation, Is.EqualTo(42));
            Assert.That(entry.CreatedAt, Is.EqualTo(CreatedAt));
            Assert.That(entry.Origin, Is.EqualTo(SnapshotOrigin.Redis));
        });
    }

    [Test]
    public void Encode_OfSeveralMegabytesOfTables_CompressesThemSeveralFold()
    {
        var rows = string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"{{\"id\":{i},\"hostname\":\"host-{i:D6}.dc1.example\",\"ip\":\"10.{i / 65536}.{i / 256 % 256}.{i % 256}\"}}"));
        var payload = Encoding.UTF8.GetBytes($"[{rows}]");

        var encoded = SnapshotCodec.Encode(1, CreatedAt, payload);

        Assert.Multiple(() =>
        {
            Assert.That(payload, Has.Length.GreaterThan(5_000_000));
            Assert.That(encoded, Has.Length.LessThan(payload.Length / 5));
            Assert.That(SnapshotCodec.Decode(encoded, SnapshotOrigin.Redis).Payload.ToArray(), Is.EqualTo(payload));
        });
    }

    [Test]
    public void Decode_OfAnEmptyPayload_IsAnEmptySnapshotNotAnError()
    {
        var entry = SnapshotCodec.Decode(SnapshotCodec.Encode(7, CreatedAt, []), SnapshotOrigin.Redis);

        Assert.That(entry.Payload.Length, Is.Zero);
    }

    [Test]
    public void Decode_OfATruncatedValue_Throws()
    {
        var encoded = SnapshotCodec.Encode(3, CreatedAt, Encoding.UTF8.GetBytes(new string('x', 10_000)));

        Assert.That(() => SnapshotCodec.Decode(encoded.AsSpan(0, encoded.Length - 3), SnapshotOrigin.Redis), Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Decode_WhenTheChecksumDoesNotMatch_Throws()
    {
        var encoded = SnapshotCodec.Encode(3, CreatedAt, Encoding.UTF8.GetBytes("payload"));
        encoded[24] ^= 0xFF;

        Assert.That(() => SnapshotCodec.Decode(encoded, SnapshotOrigin.Redis), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("checksum"));
    }

    [Test]
    public void Decode_OfSomethingElse_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => SnapshotCodec.Decode([], SnapshotOrigin.Redis), Throws.InstanceOf<InvalidDataException>());
            Assert.That(() => SnapshotCodec.Decode(Encoding.UTF8.GetBytes("{\"hosts\":[] and some more text}"), SnapshotOrigin.Redis), Throws.InstanceOf<InvalidDataException>());
        });
    }
}
