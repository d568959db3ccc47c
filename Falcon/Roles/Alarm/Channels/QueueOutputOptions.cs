namespace Falcon.Roles.Alarm.Channels;

/// <summary>
/// `alarm.queues`: the Redis lists written by a channel whose provider is `queue`, in open-falcon's sender format
/// (LPUSH `{"tos","content"}`, mail with `"subject"`), for sites that keep their own senders.
/// </summary>
internal sealed class QueueOutputOptions
{
    public const string SectionName = "alarm:queues";

    public string Im { get; set; } = "/im";

    public string Sms { get; set; } = "/sms";

    public string Mail { get; set; } = "/mail";

    /// <summary>The fork's phone queue (its payload is the SMS one).</summary>
    public string Phone { get; set; } = "/phone";
}
