using System.Text;
using Falcon.Roles.Alarm.Channels;

namespace Falcon.Tests.Roles.Alarm.Channels;

public sealed class ChannelHttpTests
{
    [Test]
    public async Task ReadLimited_AnAnswerArrivingInSmallPieces_IsReadWhole()
    {
        var text = "{\"code\":0,\"msg\":\"" + new string('x', 5000) + "é€\"}";
        using var content = new StreamContent(new TrickleStream(Encoding.UTF8.GetBytes(text), 7));

        Assert.That(await ChannelHttp.ReadLimitedAsync(content, CancellationToken.None), Is.EqualTo(text));
    }

    [Test]
    public async Task ReadLimited_AnAnswerLongerThan64KCharacters_IsCutThere()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(new string('a', 200_000)));

        var read = await ChannelHttp.ReadLimitedAsync(content, CancellationToken.None);

        Assert.That(read, Has.Length.EqualTo(64 * 1024).And.EqualTo(new string('a', 64 * 1024)));
    }

    [Test]
    public async Task ReadLimited_AnEmptyAnswer_IsEmpty()
    {
        using var content = new ByteArrayContent([]);

        Assert.That(await ChannelHttp.ReadLimitedAsync(content, CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task ReadLimited_AnAnswerWithAUtf8ByteOrderMark_LosesTheMark()
    {
        using var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. "{\"errcode\":0}"u8]);

        Assert.That(await ChannelHttp.ReadLimitedAsync(content, CancellationToken.None), Is.EqualTo("{\"errcode\":0}"));
    }

    [Test]
    public async Task Json_SendsTheBytesGivenAsUtf8Json()
    {
        using var content = ChannelHttp.Json("{\"text\":\"é\"}"u8.ToArray());

        Assert.Multiple(async () =>
        {
            Assert.That(content.Headers.ContentType?.ToString(), Is.EqualTo("application/json; charset=utf-8"));
            Assert.That(await content.ReadAsByteArrayAsync(), Is.EqualTo("{\"text\":\"é\"}"u8.ToArray()));
        });
    }

    /// <summary>A stream that hands out at most a few bytes per read, as a slow provider's answer arrives.</summary>
    private sealed class TrickleStream(byte[] data, int piece) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, piece), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
