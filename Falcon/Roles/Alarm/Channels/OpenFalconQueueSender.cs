using System.Buffers;
using System.Text.Json;
using Falcon.Shared.Redis;
using StackExchange.Redis;

namespace Falcon.Roles.Alarm.Channels;

/// <summary>
/// A channel whose provider is `queue`: LPUSH the message onto open-falcon's sender list (`/im`, `/sms`, `/mail`, or the
/// fork's `/phone`) in open-falcon's JSON, for a site's own sender. Actions become links in the content.
/// </summary>
internal sealed class OpenFalconQueueSender(ChannelKind channel, string queue, RedisConnection redis) : IChannelSender
{
    public ChannelKind Channel => channel;

    public bool IsConfigured => !string.IsNullOrEmpty(queue);

    public bool HasBackup => false;

    public async Task<SendOutcome> SendAsync(AlarmMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        try
        {
            var db = await redis.GetDatabaseAsync(cancellationToken);
            await db.ListLeftPushAsync(queue, Payload(channel, message));
            return SendOutcome.Ok;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return SendOutcome.Failed($"LPUSH {queue}: {e.Message}");
        }
    }

    /// <summary>`{"tos":"a,b","content":"..."}`, with `"subject"` for mail (open-falcon's model.Sms / model.Mail / model.IM).</summary>
    public static byte[] Payload(ChannelKind channel, AlarmMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("tos", string.Join(',', message.Recipients));
            if (channel == ChannelKind.Mail)
            {
                json.WriteString("subject", message.Subject);
            }

            var separator = channel == ChannelKind.Mail ? "\r\n" : " ";
            json.WriteString("content", message.Content + string.Concat(message.Actions.Select(a => $"{separator}{a.Label}: {a.Url}")));
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
