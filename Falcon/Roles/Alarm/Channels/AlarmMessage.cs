namespace Falcon.Roles.Alarm.Channels;

/// <summary>One message to send on one channel, already rendered; what routing produces and delivery (with its retry rounds) sends.</summary>
/// <param name="Id">Unique per message, stable across retries (delivery de-duplicates and logs by it).</param>
/// <param name="Channel">The channel it goes out on.</param>
/// <param name="Recipients">Phone numbers, e-mail addresses or IM user ids, by channel.</param>
/// <param name="Groups">IM group chats (webhook addresses or chat ids) bound to the action; empty for other channels.</param>
/// <param name="Subject">Title of a card or mail.</param>
/// <param name="Content">The rendered text (open-falcon's formats).</param>
/// <param name="Priority">The event's priority (0 is the highest).</param>
/// <param name="Status">PROBLEM or OK.</param>
/// <param name="EventId">The judge event the message is about.</param>
/// <param name="Actions">Buttons of an IM card (for example "silence 1h" with its signed link); a text-only channel appends them as links.</param>
internal sealed record AlarmMessage(
    string Id,
    ChannelKind Channel,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<string> Groups,
    string Subject,
    string Content,
    int Priority,
    string Status,
    string EventId,
    IReadOnlyList<MessageAction> Actions);
